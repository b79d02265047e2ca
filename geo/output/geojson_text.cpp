#include "output/geojson_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace palliacarte::output {

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
}

void append_json_number(std::string& out, double value, int decimals) {
    if (!std::isfinite(value)) {
        out += "null";  // JSON has no NaN or infinity
        return;
    }
    char buf[64];
    auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    if (ec != std::errc()) {
        out += "null";
        return;
    }
    // Trailing zeros (and a bare point) carry nothing; "-0" becomes "0".
    char* p = end;
    if (decimals > 0) {
        while (p > buf && p[-1] == '0') --p;
        if (p > buf && p[-1] == '.') --p;
    }
    std::string_view s(buf, static_cast<std::size_t>(p - buf));
    if (s == "-0") s = "0";
    out += s;
}

namespace {

void append_json_real(std::string& out, double d) {
    // Full precision for attribute values: a share of 0.95 must read back as 0.95.
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    if (ec != std::errc() || !std::isfinite(d)) {
        out += "null";
        return;
    }
    const std::string_view text(buf, static_cast<std::size_t>(end - buf));
    out += text;
    if (text.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

}  // namespace

void append_json_value(std::string& out, const model::FieldValue& value, model::FieldType type) {
    if (std::holds_alternative<std::monostate>(value)) {
        out += "null";
    } else if (const auto* s = std::get_if<std::string>(&value)) {
        append_json_string(out, *s);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        if (type == model::FieldType::real)
            append_json_real(out, static_cast<double>(*i));
        else
            out += std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&value)) {
        append_json_real(out, *d);
    } else {
        out += std::get<bool>(value) ? "true" : "false";
    }
}

namespace {

void append_position(std::string& out, const model::Point& p, int decimals, bool swap_axes) {
    out.push_back('[');
    append_json_number(out, swap_axes ? p.y : p.x, decimals);
    out.push_back(',');
    append_json_number(out, swap_axes ? p.x : p.y, decimals);
    out.push_back(']');
}

// GeoJSON (RFC 7946 §3.1.6) wants counterclockwise outer rings; the model keeps Boost's
// clockwise ones, so rings are written backwards.
void append_ring(std::string& out, const model::Ring& ring, int decimals, bool swap_axes) {
    out.push_back('[');
    for (auto it = ring.rbegin(); it != ring.rend(); ++it) {
        if (it != ring.rbegin()) out.push_back(',');
        append_position(out, *it, decimals, swap_axes);
    }
    out.push_back(']');
}

}  // namespace

void append_geojson_geometry(std::string& out, const model::Point& p, int decimals,
                             bool swap_axes) {
    out += R"({"type":"Point","coordinates":)";
    append_position(out, p, decimals, swap_axes);
    out.push_back('}');
}

void append_geojson_geometry(std::string& out, const model::MultiPolygon& mp, int decimals,
                             bool swap_axes) {
    out += R"({"type":"MultiPolygon","coordinates":[)";
    for (std::size_t i = 0; i < mp.size(); ++i) {
        if (i) out.push_back(',');
        out.push_back('[');
        append_ring(out, mp[i].outer(), decimals, swap_axes);
        for (const model::Ring& inner : mp[i].inners()) {
            out.push_back(',');
            append_ring(out, inner, decimals, swap_axes);
        }
        out.push_back(']');
    }
    out += "]}";
}

void append_properties(std::string& out, const model::Layer& layer, const model::Feature& feature,
                       const std::vector<std::size_t>* only) {
    out.push_back('{');
    bool first = true;
    auto one = [&](std::size_t f) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, layer.fields[f].name);
        out.push_back(':');
        append_json_value(out, f < feature.values.size() ? feature.values[f] : model::FieldValue{},
                          layer.fields[f].type);
    };
    if (only)
        for (const std::size_t f : *only) one(f);
    else
        for (std::size_t f = 0; f < layer.fields.size(); ++f) one(f);
    out.push_back('}');
}

}  // namespace palliacarte::output
