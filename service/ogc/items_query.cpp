#include "ogc/items_query.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "http/request_params.hpp"

namespace palliacarte::ogc {

namespace {

using http::parse_number;
using http::split;

http::ProblemError bad(const std::string& param, const std::string& why) {
    return http::bad_parameter(param, why);
}

// A non-negative integer; above `max` it is clamped to `max` (OGC API – Features 1.0.1,
// /req/core/fc-limit-response-1: a server answers at most its maximum, it does not refuse).
std::size_t parse_count(const std::string& name, const std::string& text, std::size_t max) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (text.empty() || digits != text.size())
        throw bad(name, "« " + text + " » n'est pas un entier positif ou nul");
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc::result_out_of_range || v > max) return max;
    return v;
}

ServedCrs parse_crs_param(const std::string& name, const std::string& text) {
    if (auto c = parse_crs(text)) return *c;
    throw bad(name,
              "« " + text +
                  " » n'est pas servi ; utilisez http://www.opengis.net/def/crs/OGC/1.3/CRS84, "
                  "http://www.opengis.net/def/crs/EPSG/0/4326 ou "
                  "http://www.opengis.net/def/crs/EPSG/0/2154");
}

model::FieldValue parse_value(const model::FieldDef& field, const std::string& text) {
    switch (field.type) {
        case model::FieldType::text:
            return text;
        case model::FieldType::integer: {
            std::int64_t v = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (text.empty() || ec != std::errc() || end != text.data() + text.size())
                throw bad(field.name, "« " + text + " » n'est pas un entier");
            return v;
        }
        case model::FieldType::real:
            return parse_number(field.name, text);
        case model::FieldType::boolean:
            if (text == "true") return true;
            if (text == "false") return false;
            throw bad(field.name, "« " + text + " » n'est ni true ni false");
    }
    return text;
}

}  // namespace

ItemsQuery parse_items_query(const FeatureCollection& c, const http::HttpRequest& request) {
    static const std::set<std::string> kReserved = {"f",   "limit",    "offset",     "bbox",
                                                    "crs", "bbox-crs", "properties", "datetime"};
    ItemsQuery q;
    q.limit = kDefaultLimit;
    const model::Layer& layer = c.layer();
    for (const auto& [name, value] : request.query) {
        if (name == "limit") {
            q.limit = parse_count(name, value, kMaxLimit);
            if (q.limit == 0) throw bad(name, "doit valoir au moins 1");
        } else if (name == "offset") {
            q.offset = parse_count(name, value, std::size_t(1) << 40);
        } else if (name == "crs") {
            q.crs = parse_crs_param(name, value);
        } else if (name == "bbox-crs") {
            q.bbox_crs = parse_crs_param(name, value);
        } else if (name == "bbox") {
            const auto parts = split(value, ',');
            if (parts.size() != 4 && parts.size() != 6)
                throw bad(name,
                          "attend 4 nombres (minx,miny,maxx,maxy) ou 6 avec les hauteurs, reçu " +
                              std::to_string(parts.size()));
            std::vector<double> v;
            for (const auto& p : parts) v.push_back(parse_number(name, p));
            if (parts.size() == 6) v = {v[0], v[1], v[3], v[4]};
            if (v[0] > v[2] || v[1] > v[3])
                throw bad(name, "le coin inférieur d'abord (min ≤ max sur les deux axes)");
            q.bbox = std::array<double, 4>{v[0], v[1], v[2], v[3]};
        } else if (name == "properties") {
            std::vector<std::size_t> selected;
            for (const auto& p : split(value, ',')) {
                if (p.empty()) continue;
                const std::size_t f = layer.field(p);
                if (f == layer.fields.size())
                    throw bad(name, "« " + p + " » n'est pas une propriété de " + c.id());
                selected.push_back(f);
            }
            q.properties = std::move(selected);
        } else if (name == "datetime" || name == "f") {
            // No temporal data: datetime selects nothing out (f is handled by the caller).
        } else if (const std::size_t f = layer.field(name); f < layer.fields.size()) {
            q.equals.emplace_back(f, parse_value(layer.fields[f], value));
        } else if (!kReserved.count(name)) {
            throw bad(name,
                      "paramètre inconnu (ni paramètre OGC API, ni propriété de " + c.id() + ")");
        }
    }
    // Geographic boxes: latitudes within ±90 (in the CRS's own axis order).
    if (q.bbox && q.bbox_crs != ServedCrs::epsg2154) {
        const auto& b = *q.bbox;
        const bool lat_first = q.bbox_crs == ServedCrs::epsg4326;
        const double lat0 = lat_first ? b[0] : b[1], lat1 = lat_first ? b[2] : b[3];
        if (lat0 < -90 || lat1 > 90)
            throw bad(
                "bbox",
                "les latitudes doivent être dans [-90, 90] (l'ordre des axes est-il celui de " +
                    std::string(crs_uri(q.bbox_crs)) + " ?)");
    }
    return q;
}

}  // namespace palliacarte::ogc
