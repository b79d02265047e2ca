#include "ogc/html_page.hpp"

namespace palliacarte::ogc {

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

namespace {

std::string scalar(const nlohmann::json& v) {
    if (v.is_string()) return html_escape(v.get<std::string>());
    if (v.is_null()) return "";
    return html_escape(v.dump());
}

void links(std::string& out, const nlohmann::json& list) {
    out += "<ul class=\"links\">";
    for (const auto& l : list) {
        const std::string href = l.value("href", "");
        out += "<li><a href=\"" + html_escape(href) + "\">" +
               html_escape(l.value("title", l.value("rel", href))) + "</a> <small>(" +
               html_escape(l.value("rel", "")) + ", " + html_escape(l.value("type", "")) +
               ")</small></li>";
    }
    out += "</ul>";
}

void features_table(std::string& out, const nlohmann::json& features) {
    if (features.empty()) {
        out += "<p>Aucun objet.</p>";
        return;
    }
    std::vector<std::string> keys;
    for (const auto& f : features) {
        const auto it = f.find("properties");
        if (it == f.end() || !it->is_object()) continue;
        for (const auto& [k, v] : it->items())
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    out += "<table><tr><th>id</th>";
    for (const auto& k : keys) out += "<th>" + html_escape(k) + "</th>";
    out += "</tr>";
    for (const auto& f : features) {
        out += "<tr><td>" + scalar(f.value("id", nlohmann::json())) + "</td>";
        const auto props = f.value("properties", nlohmann::json::object());
        for (const auto& k : keys)
            out += "<td>" + (props.contains(k) ? scalar(props[k]) : std::string()) + "</td>";
        out += "</tr>";
    }
    out += "</table>";
}

void document(std::string& out, const nlohmann::json& doc, int depth) {
    if (doc.is_object()) {
        out += "<dl>";
        for (const auto& [k, v] : doc.items()) {
            if (k == "geometry") continue;  // coordinates mean nothing as text
            out += "<dt>" + html_escape(k) + "</dt><dd>";
            if (k == "links" && v.is_array())
                links(out, v);
            else if (k == "features" && v.is_array())
                features_table(out, v);
            else
                document(out, v, depth + 1);
            out += "</dd>";
        }
        out += "</dl>";
    } else if (doc.is_array()) {
        out += "<ol>";
        for (const auto& v : doc) {
            out += "<li>";
            document(out, v, depth + 1);
            out += "</li>";
        }
        out += "</ol>";
    } else {
        const std::string s = scalar(doc);
        if (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0)
            out += "<a href=\"" + s + "\">" + s + "</a>";
        else
            out += s;
    }
}

}  // namespace

std::string html_page(const std::string& title, const nlohmann::json& doc) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" +
        html_escape(title) +
        " — palliacarte</title><style>body{font-family:sans-serif;margin:2em;max-width:80em}"
        "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:2px "
        "6px}dt{font-weight:bold;margin-top:.5em}</style></head><body><h1>" +
        html_escape(title) + "</h1>";
    document(out, doc, 0);
    out +=
        "<p><small>palliacarte — OGC API Features. Ajouter <code>?f=json</code> pour le "
        "JSON.</small></p></body></html>\n";
    return out;
}

}  // namespace palliacarte::ogc
