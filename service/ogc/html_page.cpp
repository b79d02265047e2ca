#include "ogc/html_page.hpp"

#include <algorithm>
#include <map>

#include "core/xml_escape.hpp"

namespace palliacarte::ogc {

std::string html_escape(const std::string& text) {
    return core::xml_escaped(text);
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

const nlohmann::json* find_link(const nlohmann::json& links, const std::string& rel) {
    if (!links.is_array()) return nullptr;
    for (const auto& l : links)
        if (l.value("rel", "") == rel && l.value("type", "") == "text/html") return &l;
    return nullptr;
}

// « Page précédente · Page suivante » from a page's HTML prev/next links.
void paging(std::string& out, const nlohmann::json& doc) {
    const auto it = doc.find("links");
    if (it == doc.end()) return;
    const nlohmann::json* prev = find_link(*it, "prev");
    const nlohmann::json* next = find_link(*it, "next");
    if (!prev && !next) return;
    out += "<p class=\"paging\">";
    if (prev)
        out += "<a rel=\"prev\" href=\"" + html_escape(prev->value("href", "")) +
               "\">← Page précédente</a> ";
    if (next)
        out += "<a rel=\"next\" href=\"" + html_escape(next->value("href", "")) +
               "\">Page suivante →</a>";
    out += "</p>";
}

// `feature_base`: "…/collections/{id}/items/", to link each row to its feature's page.
void features_table(std::string& out, const nlohmann::json& features,
                    const std::vector<model::FieldDef>* fields, const std::string& feature_base) {
    if (features.empty()) {
        out += "<p>Aucun objet.</p>";
        return;
    }
    // Columns: the collection's fields in their order (insee and name first), under their
    // French labels; without them, the properties met, in order of appearance.
    std::vector<std::pair<std::string, std::string>> columns;  // name, label
    auto present = [&](const std::string& k) {
        for (const auto& f : features) {
            const auto it = f.find("properties");
            if (it != f.end() && it->is_object() && it->contains(k)) return true;
        }
        return false;
    };
    if (fields) {
        for (const auto& f : *fields)
            if (present(f.name)) columns.emplace_back(f.name, f.alias.empty() ? f.name : f.alias);
    } else {
        for (const auto& f : features) {
            const auto it = f.find("properties");
            if (it == f.end() || !it->is_object()) continue;
            for (const auto& item : it->items()) {
                const std::string& k = item.key();
                if (std::find_if(columns.begin(), columns.end(),
                                 [&](const auto& c) { return c.first == k; }) == columns.end())
                    columns.emplace_back(k, k);
            }
        }
    }
    out += "<table><thead><tr><th>n°</th>";
    for (const auto& [name, label] : columns)
        out += "<th title=\"" + html_escape(name) + "\">" + html_escape(label) + "</th>";
    out += "</tr></thead><tbody>";
    for (const auto& f : features) {
        const std::string id = scalar(f.value("id", nlohmann::json()));
        if (feature_base.empty() || id.empty())
            out += "<tr><td>" + id + "</td>";
        else
            out += "<tr><td><a href=\"" + html_escape(feature_base) + id + "?f=html\">" + id +
                   "</a></td>";
        const auto it = f.find("properties");
        for (const auto& [name, label] : columns) {
            out += "<td>";
            if (it != f.end() && it->is_object() && it->contains(name)) out += scalar((*it)[name]);
            out += "</td>";
        }
        out += "</tr>";
    }
    out += "</tbody></table>";
}

// /collections: one row per collection, its title linking to its HTML page.
void collections_table(std::string& out, const nlohmann::json& collections) {
    out +=
        "<table class=\"wrap\"><thead><tr><th>Couche</th><th>Description</th><th>Objets</th>"
        "<th>Identifiant</th></tr></thead><tbody>";
    for (const auto& c : collections) {
        const auto at = c.find("links");
        const nlohmann::json no_links;
        const nlohmann::json& links = at != c.end() ? *at : no_links;
        const nlohmann::json* self = find_link(links, "alternate");
        const nlohmann::json* items = find_link(links, "items");
        const std::string title = c.value("title", c.value("id", ""));
        out += "<tr><td>";
        if (self)
            out += "<a href=\"" + html_escape(self->value("href", "")) + "\">" +
                   html_escape(title) + "</a>";
        else
            out += html_escape(title);
        out += "</td><td>" + html_escape(c.value("description", "")) + "</td><td>";
        if (items) out += "<a href=\"" + html_escape(items->value("href", "")) + "\">Parcourir</a>";
        out += "</td><td><code>" + html_escape(c.value("id", "")) + "</code></td></tr>";
    }
    out += "</tbody></table>";
}

// One feature's attributes: label, value, in the collection's field order.
void properties_table(std::string& out, const nlohmann::json& properties,
                      const std::vector<model::FieldDef>& fields) {
    out += "<table class=\"wrap\"><tbody>";
    for (const auto& f : fields) {
        if (!properties.contains(f.name)) continue;
        out += "<tr><th title=\"" + html_escape(f.name) + "\">" +
               html_escape(f.alias.empty() ? f.name : f.alias) + "</th><td>" +
               scalar(properties[f.name]) + "</td></tr>";
    }
    out += "</tbody></table>";
}

// The French label of a document member (the JSON keeps the names the standards give).
std::string label(const std::string& key) {
    static const std::map<std::string, std::string> kLabels = {
        {"features", "Objets"},
        {"collections", "Couches"},
        {"links", "Liens"},
        {"crs", "Systèmes de coordonnées servis"},
        {"storageCrs", "Système de coordonnées de stockage"},
        {"numberMatched", "Objets trouvés"},
        {"numberReturned", "Objets sur cette page"},
        {"timeStamp", "Horodatage"},
        {"title", "Titre"},
        {"description", "Description"},
        {"extent", "Étendue"},
        {"properties", "Attributs"},
        {"id", "Identifiant"},
        {"itemType", "Type d'objet"},
        {"conformsTo", "Classes de conformité"},
        {"metadata", "Métadonnées"},
        {"type", "Type"},
    };
    const auto it = kLabels.find(key);
    return it == kLabels.end() ? key : it->second;
}

// The address of one feature's HTML page, from the page's link to its collection.
std::string feature_page_base(const nlohmann::json& doc) {
    const auto it = doc.find("links");
    if (it == doc.end() || !it->is_array()) return {};
    for (const auto& l : *it)
        if (l.value("rel", "") == "collection") return l.value("href", "") + "/items/";
    return {};
}

void document(std::string& out, const nlohmann::json& doc, int depth,
              const std::vector<model::FieldDef>* fields) {
    if (doc.is_object()) {
        if (doc.contains("features")) paging(out, doc);
        out += "<dl>";
        for (const auto& [k, v] : doc.items()) {
            if (k == "geometry") continue;  // coordinates mean nothing as text
            out += "<dt>" + html_escape(label(k)) + "</dt><dd>";
            if (k == "links" && v.is_array())
                links(out, v);
            else if (k == "features" && v.is_array())
                features_table(out, v, fields, feature_page_base(doc));
            else if (k == "collections" && v.is_array())
                collections_table(out, v);
            else if (k == "properties" && v.is_object() && fields)
                properties_table(out, v, *fields);
            else
                document(out, v, depth + 1, fields);
            out += "</dd>";
        }
        out += "</dl>";
        if (doc.contains("features")) paging(out, doc);
    } else if (doc.is_array()) {
        out += "<ol>";
        for (const auto& v : doc) {
            out += "<li>";
            document(out, v, depth + 1, fields);
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

std::string html_page(const std::string& title, const nlohmann::json& doc,
                      const std::string& base_url, const std::vector<model::FieldDef>* fields) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" +
        html_escape(title) +
        " — palliacarte</title><style>body{font-family:sans-serif;margin:2em;max-width:80em}"
        "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:2px "
        "6px}th{background:#eee;position:sticky;top:0}dt{font-weight:bold;margin-top:.5em}"
        // One line per feature: long texts are cut (the feature's page, linked from its n°,
        // shows them whole).
        "td{white-space:nowrap;max-width:22em;overflow:hidden;text-overflow:ellipsis}"
        ".wrap td{white-space:normal;max-width:none}"
        ".paging{font-size:110%}.paging a{margin-right:1.5em}nav a{margin-right:1.5em}"
        "</style></head><body><nav><a href=\"" +
        html_escape(base_url) + "/carte\"><strong>La carte</strong></a><a href=\"" +
        html_escape(base_url) + "/?f=html\">Accueil</a><a href=\"" + html_escape(base_url) +
        "/collections?f=html\">Données</a></nav><h1>" + html_escape(title) + "</h1>";
    document(out, doc, 0, fields);
    out +=
        "<p><small>palliacarte — OGC API Features. Ajouter <code>?f=json</code> pour le "
        "JSON.</small></p></body></html>\n";
    return out;
}

}  // namespace palliacarte::ogc
