// The OpenAPI 3.0 document of the service (/api) and the path items of the OGC resources; the
// route table (app/service_routes.cpp) puts each with its route and gathers them for /api.
#include "ogc/collection_schema.hpp"
#include "ogc/items_query.hpp"
#include "ogc/ogc_api.hpp"

namespace palliacarte::ogc {

using nlohmann::json;

namespace {

json param(const std::string& name, const std::string& in, const json& schema,
           const std::string& description, bool required = false) {
    json p = {{"name", name},
              {"in", in},
              {"required", required},
              {"schema", schema},
              {"description", description}};
    // "form" (comma-separated lists) is a query style; path parameters may only be "simple".
    if (in == "query") {
        p["style"] = "form";
        p["explode"] = false;
    }
    return p;
}

json response(const std::string& description, const std::string& type) {
    return {{"description", description}, {"content", {{type, json::object()}}}};
}

json problems() {
    json r = json::object();
    for (const auto& [code, text] : std::vector<std::pair<std::string, std::string>>{
             {"400", "Paramètre invalide"}, {"404", "Inconnu"}, {"406", "Format non disponible"}})
        r[code] = response(text, "application/problem+json");
    return r;
}

// `parameters` must be a JSON array: build it with json::array({…}). A braced list of one
// json ({f}) is that element itself for clang (CWG 1467) but an array of it for GCC.
json get(const std::string& summary, const std::string& id, json parameters, json ok) {
    json responses = problems();
    responses["200"] = std::move(ok);
    responses["304"] = {{"description", "Non modifié (If-None-Match)"}};
    return {{"get",
             {{"summary", summary},
              {"operationId", id},
              {"parameters", std::move(parameters)},
              {"responses", std::move(responses)}}}};
}

json format_param() {
    return param("f", "query", {{"type", "string"}, {"enum", {"json", "html"}}},
                 "Format de la réponse (sinon selon l'en-tête Accept).");
}

json crs_enum() {
    json out = json::array();
    for (const ServedCrs s : kServedCrs) out.push_back(crs_uri(s));
    return out;
}

}  // namespace

json openapi_landing_paths() {
    const json f = format_param();
    return {{"/", get("Page d'accueil", "getLandingPage", json::array({f}),
                      response("Page d'accueil", "application/json"))},
            {"/conformance", get("Classes de conformité", "getConformance", json::array({f}),
                                 response("Classes de conformité", "application/json"))},
            {"/api", get("Ce document", "getApi", json::array({f}),
                         response("OpenAPI 3.0", "application/vnd.oai.openapi+json;version=3.0"))},
            {"/collections", get("Collections", "getCollections", json::array({f}),
                                 response("Collections", "application/json"))}};
}

json openapi_collection_paths(const std::vector<FeatureCollection>& collections) {
    json paths = json::object();
    for (const auto& c : collections)
        paths["/collections/" + c.id()] =
            get(c.title(), "describe_" + c.id(), json::array({format_param()}),
                response("Description de la collection", "application/json"));
    return paths;
}

json openapi_items_paths(const std::vector<FeatureCollection>& collections) {
    const json crs = crs_enum();
    json paths = json::object();
    for (const auto& c : collections) {
        json items_params = {
            param("limit", "query",
                  {{"type", "integer"},
                   {"minimum", 1},
                   {"maximum", kMaxLimit},
                   {"default", kDefaultLimit}},
                  "Nombre maximal d'objets par page (défaut 100, au plus 10 000)."),
            param("offset", "query", {{"type", "integer"}, {"minimum", 0}, {"default", 0}},
                  "Objets à sauter (pagination ; suivre le lien « next »)."),
            param("bbox", "query",
                  {{"type", "array"},
                   {"minItems", 4},
                   {"maxItems", 6},
                   {"items", {{"type", "number"}}}},
                  "Emprise minx,miny,maxx,maxy dans bbox-crs (CRS84 par défaut) : objets dont la "
                  "géométrie l'intersecte."),
            param("bbox-crs", "query", {{"type", "string"}, {"format", "uri"}, {"enum", crs}},
                  "SRC de bbox."),
            param("crs", "query", {{"type", "string"}, {"format", "uri"}, {"enum", crs}},
                  "SRC des géométries renvoyées (CRS84 par défaut)."),
            param("properties", "query", {{"type", "array"}, {"items", {{"type", "string"}}}},
                  "Attributs à renvoyer, séparés par des virgules."),
            format_param()};
        for (const auto& field : c.layer().fields)
            items_params.push_back(param(field.name, "query",
                                         {{"type", json_schema_type(field.type)}},
                                         "Égal à (" + field.alias + ")."));
        paths["/collections/" + c.id() + "/items"] =
            get(c.title() + " : objets", "get_" + c.id() + "_items", items_params,
                response("Objets (GeoJSON)", "application/geo+json"));
    }
    return paths;
}

json openapi_item_paths(const std::vector<FeatureCollection>& collections) {
    json paths = json::object();
    for (const auto& c : collections) {
        json one = {param("featureId", "path", {{"type", "string"}}, "Identifiant (1 à N).", true),
                    param("crs", "query", {{"type", "string"}, {"enum", crs_enum()}},
                          "SRC de la géométrie."),
                    format_param()};
        paths["/collections/" + c.id() + "/items/{featureId}"] =
            get(c.title() + " : un objet", "get_" + c.id() + "_item", one,
                response("Objet (GeoJSON)", "application/geo+json"));
    }
    return paths;
}

json openapi_schema_paths(const std::vector<FeatureCollection>& collections) {
    json paths = json::object();
    for (const auto& c : collections)
        paths["/collections/" + c.id() + "/schema"] = get(
            c.title() + " : schéma des objets", "get_" + c.id() + "_schema",
            json::array({format_param()}),
            response("Schéma JSON des objets (OGC API – Features, partie 5)", kSchemaMediaType));
    return paths;
}

json OgcApi::openapi_document(const std::string& base_url, const json& paths) const {
    return {
        {"openapi", "3.0.3"},
        {"info",
         {{"title", info_.title},
          {"description", info_.description},
          {"version", "0.1.0"},
          {"license", {{"name", "Données : Licence Ouverte / ODbL (voir la page d'accueil)"}}}}},
        {"servers", {{{"url", base_url}}}},
        {"paths", paths}};
}

}  // namespace palliacarte::ogc
