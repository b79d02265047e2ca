#include "ogc/ogc_api.hpp"

#include <chrono>

#include "core/binary_io.hpp"
#include "core/utc_time.hpp"
#include "http/request_params.hpp"
#include "ogc/collection_schema.hpp"
#include "ogc/html_page.hpp"
#include "ogc/items_query.hpp"

namespace palliacarte::ogc {

using http::HttpRequest;
using http::HttpResponse;
using http::ProblemError;
using nlohmann::json;

namespace {

constexpr const char* kGeoJson = "application/geo+json";
constexpr const char* kJson = "application/json";
constexpr const char* kHtml = "text/html";
constexpr const char* kOpenApi = "application/vnd.oai.openapi+json;version=3.0";
constexpr int kMaxAge = 60;  // seconds; data only changes when the service restarts

json link(const std::string& href, const std::string& rel, const std::string& type,
          const std::string& title = "") {
    json l = {{"href", href}, {"rel", rel}, {"type", type}};
    if (!title.empty()) l["title"] = title;
    return l;
}

// The query string of `r` with `f` and `offset` replaced (for self/alternate/next/prev links).
std::string query_with(const HttpRequest& r, const std::map<std::string, std::string>& changes) {
    std::map<std::string, std::string> q = r.query;
    for (const auto& [k, v] : changes) {
        if (v.empty())
            q.erase(k);
        else
            q[k] = v;
    }
    std::string out;
    for (const auto& [k, v] : q) {
        out += out.empty() ? '?' : '&';
        out += url_encode(k);
        out += '=';
        out += url_encode(v);
    }
    return out;
}

HttpResponse json_response(const json& doc, const std::string& type, const std::string& etag,
                           const HttpRequest& r, const std::string& title,
                           const std::vector<model::FieldDef>* fields = nullptr) {
    HttpResponse out;
    const std::string format = negotiate_format(r);
    if (format == "html") {
        out.content_type = "text/html; charset=utf-8";
        out.body = html_page(title, doc, r.base_url, fields);
    } else {
        out.content_type = type;
        out.body = doc.dump();
    }
    out.etag = "W/\"" + etag + "-" + format + "\"";
    out.max_age = kMaxAge;
    return out;
}

}  // namespace

std::string url_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' ||
            c == ':' || c == '/')
            out.push_back(static_cast<char>(c));
        else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

std::string negotiate_format(const HttpRequest& r) {
    if (const std::string* f = r.param("f")) {
        if (*f == "json" || *f == "geojson" || *f == "application/json" ||
            *f == "application/geo+json")
            return "json";
        if (*f == "html" || *f == "text/html") return "html";
        throw ProblemError(400, "Paramètre invalide",
                           "paramètre « f » : « " + *f + " » n'est pas servi (f=json ou f=html)");
    }
    const std::string accept = r.header("accept");
    // Browsers ask for text/html first; API clients (GDAL, QGIS) for JSON or */*.
    const auto html = accept.find("text/html");
    const auto js = accept.find("json");
    if (html != std::string::npos && (js == std::string::npos || html < js)) return "html";
    return "json";
}

OgcApi::OgcApi(ServiceInfo info, std::vector<FeatureCollection> collections)
    : info_(std::move(info)), collections_(std::move(collections)) {
    std::string fingerprint =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    for (const auto& c : collections_) fingerprint += "|" + c.id() + ":" + std::to_string(c.size());
    version_ = core::binary::hex_digest(fingerprint).substr(0, 10);
    std::array<double, 4> e{1e300, 1e300, -1e300, -1e300};
    for (const auto& c : collections_) {
        if (c.size() == 0) continue;
        const auto& x = c.extent_crs84();
        e = {std::min(e[0], x[0]), std::min(e[1], x[1]), std::max(e[2], x[2]),
             std::max(e[3], x[3])};
    }
    if (e[0] <= e[2]) territory_extent_ = e;
}

const FeatureCollection* OgcApi::collection(const std::string& id) const {
    for (const auto& c : collections_)
        if (c.id() == id) return &c;
    return nullptr;
}

const FeatureCollection& OgcApi::collection_or_404(const std::string& id) const {
    const FeatureCollection* c = collection(id);
    if (!c)
        throw ProblemError(404, "Collection inconnue",
                           "pas de collection « " + id + " » (voir /collections)");
    return *c;
}

HttpResponse OgcApi::landing(const HttpRequest& r) const {
    const std::string& b = r.base_url;
    json doc = {{"title", info_.title},
                {"description", info_.description},
                {"links",
                 {link(b + "/?f=json", "self", kJson, "Cette page"),
                  link(b + "/?f=html", "alternate", kHtml, "Cette page en HTML"),
                  link(b + "/api", "service-desc", kOpenApi, "Définition de l'API (OpenAPI 3.0)"),
                  link(b + "/conformance", "conformance", kJson, "Classes de conformité"),
                  link(b + "/collections", "data", kJson, "Collections"),
                  link(b + "/carte", "related", kHtml, "La carte (web)")}}};
    if (!info_.metadata.is_null()) doc["metadata"] = info_.metadata;
    return json_response(doc, kJson, version_ + "-landing", r, info_.title);
}

HttpResponse OgcApi::conformance(const HttpRequest& r) const {
    const json doc = {{"conformsTo",
                       {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt"}}};
    return json_response(doc, kJson, version_ + "-conformance", r, "Conformité");
}

HttpResponse OgcApi::api(const HttpRequest& r, const json& paths) const {
    return json_response(openapi_document(r.base_url, paths), kOpenApi, version_ + "-api", r,
                         "OpenAPI");
}

json OgcApi::collection_json(const std::string& b, const FeatureCollection& c) const {
    const std::string base = b + "/collections/" + c.id();
    json crs = json::array();
    for (const ServedCrs s : kServedCrs) crs.push_back(crs_uri(s));
    json doc = {{"id", c.id()},
                {"title", c.title()},
                {"description", c.description()},
                {"itemType", "feature"},
                {"crs", crs},
                {"storageCrs", crs_uri(ServedCrs::epsg2154)},
                {"links",
                 {link(base + "?f=json", "self", kJson, c.title()),
                  link(base + "?f=html", "alternate", kHtml, c.title() + " (HTML)"),
                  link(base + "/items?f=json", "items", kGeoJson, "Objets"),
                  link(base + "/items?f=html", "items", kHtml, "Objets (HTML)"),
                  link(base + "/schema", "describedby", kSchemaMediaType,
                       "Schéma des objets (types et libellés des attributs)"),
                  link(base + "/schema", kSchemaRel, kSchemaMediaType, "Schéma des objets"),
                  // GDAL's OAPIF driver follows only rel "describedBy", spelt so, and takes the
                  // geometry type only from an XML schema.
                  link(base + "/schema?f=xml", "describedBy", "application/xml",
                       "Schéma des objets (GML)")}}};
    if (c.layer().kind == model::GeometryKind::multipolygon)  // OGC API – Tiles (tiles/tiles_api)
        doc["links"].push_back(link(base + "/tiles",
                                    "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", kJson,
                                    "Tuiles vectorielles"));
    // An empty layer (no white zone) has no extent of its own: its features would lie in the
    // territory, so clients get the territory's and can still add the layer to a map.
    const auto& e = c.size() > 0 ? c.extent_crs84() : territory_extent_;
    if (e[0] < e[2])
        doc["extent"] = {
            {"spatial",
             {{"bbox", {{e[0], e[1], e[2], e[3]}}}, {"crs", crs_uri(ServedCrs::crs84)}}}};
    return doc;
}

HttpResponse OgcApi::collections_doc(const HttpRequest& r) const {
    json list = json::array();
    for (const auto& c : collections_) list.push_back(collection_json(r.base_url, c));
    json crs = json::array();
    for (const ServedCrs s : kServedCrs) crs.push_back(crs_uri(s));
    const json doc = {
        {"links",
         {link(r.base_url + "/collections?f=json", "self", kJson, "Collections"),
          link(r.base_url + "/collections?f=html", "alternate", kHtml, "Collections (HTML)")}},
        {"crs", crs},
        {"collections", list}};
    return json_response(doc, kJson, version_ + "-collections", r, "Collections");
}

HttpResponse OgcApi::collection_doc(const HttpRequest& r, const std::string& id) const {
    const FeatureCollection& c = collection_or_404(id);
    return json_response(collection_json(r.base_url, c), kJson, version_ + "-c-" + c.id(), r,
                         c.title());
}

HttpResponse OgcApi::items(const HttpRequest& r, const std::string& id) const {
    const FeatureCollection& c = collection_or_404(id);
    const std::string format = negotiate_format(r);
    const ItemsQuery q = parse_items_query(c, r);
    const Matches m = c.match(q);
    const std::size_t first = std::min(q.offset, m.count());
    const std::size_t returned = std::min(q.limit, m.count() - first);

    // Links of the page's own format (a browser pages in HTML, a client in GeoJSON).
    const std::string self = r.base_url + r.path;
    const bool html = format == "html";
    const std::string page_f = html ? "html" : "json";
    const char* page_type = html ? kHtml : kGeoJson;
    json links = {link(self + query_with(r, {{"f", page_f}}), "self", page_type, "Cette page"),
                  html ? link(self + query_with(r, {{"f", "json"}}), "alternate", kGeoJson,
                              "Cette page en GeoJSON")
                       : link(self + query_with(r, {{"f", "html"}}), "alternate", kHtml,
                              "Cette page en HTML"),
                  link(r.base_url + "/collections/" + c.id(), "collection", kJson, c.title())};
    if (first + returned < m.count())
        links.push_back(link(
            self + query_with(r, {{"offset", std::to_string(first + returned)}, {"f", page_f}}),
            "next", page_type, "Page suivante"));
    if (first > 0)
        links.push_back(link(
            self + query_with(r, {{"offset", std::to_string(first > q.limit ? first - q.limit : 0)},
                                  {"f", page_f}}),
            "prev", page_type, "Page précédente"));
    std::string head = R"({"type":"FeatureCollection","numberMatched":)" +
                       std::to_string(m.count()) + R"(,"numberReturned":)" +
                       std::to_string(returned) + R"(,"timeStamp":")" + core::utc_now() +
                       R"(","links":)" + links.dump() + R"(,"features":[)";

    HttpResponse out;
    out.max_age = kMaxAge;
    out.etag = "W/\"" + version_ + "-" +
               core::binary::hex_digest(r.path + query_with(r, {{"f", format}})) + "\"";
    out.headers.push_back({"Content-Crs", std::string("<") + crs_uri(q.crs) + ">"});
    const std::vector<std::size_t>* props = q.properties ? &*q.properties : nullptr;
    if (format == "html") {
        std::string body = head;
        for (std::size_t k = 0; k < returned; ++k) {
            if (k) body.push_back(',');
            c.append_feature(body, m.at(first + k), q.crs, props);
        }
        body += "]}";
        out.content_type = "text/html; charset=utf-8";
        out.body = html_page(c.title(), json::parse(body), r.base_url, &c.layer().fields);
        return out;
    }
    out.content_type = kGeoJson;
    // Small pages in one piece; large ones (up to 10 000 communes) streamed feature by feature
    // from the texts encoded at start-up, so no request holds a second copy of the layer.
    constexpr std::size_t kStreamAbove = 1000;
    if (returned <= kStreamAbove) {
        std::string body = std::move(head);
        for (std::size_t k = 0; k < returned; ++k) {
            if (k) body.push_back(',');
            c.append_feature(body, m.at(first + k), q.crs, props);
        }
        body += "]}";
        out.body = std::move(body);
        return out;
    }
    auto shared = std::make_shared<Matches>(m);
    const std::optional<std::vector<std::size_t>> properties = q.properties;
    const ServedCrs crs = q.crs;
    out.stream = [&c, shared, first, returned, head, properties, crs](const http::ChunkSink& sink) {
        std::string buf = head;
        constexpr std::size_t kChunk = 64 * 1024;
        for (std::size_t k = 0; k < returned; ++k) {
            if (k) buf.push_back(',');
            c.append_feature(buf, shared->at(first + k), crs, properties ? &*properties : nullptr);
            if (buf.size() >= kChunk) {
                sink(buf);
                buf.clear();
            }
        }
        buf += "]}";
        sink(buf);
    };
    return out;
}

HttpResponse OgcApi::schema(const HttpRequest& r, const std::string& id) const {
    const FeatureCollection& c = collection_or_404(id);
    if (const std::string* f = r.param("f"); f && (*f == "xml" || *f == "application/xml")) {
        HttpResponse out;
        out.content_type = "application/xml";
        out.body = collection_xml_schema(c);
        out.etag = "W/\"" + version_ + "-schema-" + c.id() + "-xml\"";
        out.max_age = kMaxAge;
        return out;
    }
    const std::string url = r.base_url + "/collections/" + c.id() + "/schema";
    return json_response(collection_schema(c, url), kSchemaMediaType,
                         version_ + "-schema-" + c.id(), r, c.title() + " : schéma");
}

HttpResponse OgcApi::item(const HttpRequest& r, const std::string& collection_id,
                          const std::string& id) const {
    const FeatureCollection& c = collection_or_404(collection_id);
    const auto i = c.find(id);
    if (!i)
        throw ProblemError(404, "Objet inconnu",
                           "la collection « " + c.id() + " » n'a pas d'objet « " + id +
                               " » (identifiants de 1 à " + std::to_string(c.size()) + ")");
    // Only crs (and f) apply to a single feature.
    ServedCrs crs = ServedCrs::crs84;
    for (const auto& [name, value] : r.query) {
        if (name == "crs") {
            auto parsed = parse_crs(value);
            if (!parsed) throw http::bad_parameter("crs", "« " + value + " » n'est pas servi");
            crs = *parsed;
        } else if (name != "f") {
            throw http::bad_parameter(name, "non accepté pour un objet seul");
        }
    }
    std::string body;
    c.append_feature(body, *i, crs, nullptr);
    const std::string base = r.base_url + "/collections/" + c.id();
    json doc = json::parse(body);
    doc["links"] = {link(base + "/items/" + id + "?f=json", "self", kGeoJson, "Cet objet"),
                    link(base + "/items/" + id + "?f=html", "alternate", kHtml, "Cet objet (HTML)"),
                    link(base, "collection", kJson, c.title())};
    HttpResponse out = json_response(
        doc, kGeoJson,
        version_ + "-" + c.id() + "-" + id + "-" + std::to_string(static_cast<int>(crs)), r,
        c.title() + " — " + id, &c.layer().fields);
    out.headers.push_back({"Content-Crs", std::string("<") + crs_uri(crs) + ">"});
    return out;
}

}  // namespace palliacarte::ogc
