#include "serve/service_routes.hpp"

#include <memory>

#include "on_demand/analysis_api.hpp"
#include "serve/map_config.hpp"

namespace palliacarte::serve {

using http::HttpRequest;
using http::HttpResponse;
using http::PathParams;
using nlohmann::json;

namespace {

// A file of the map, or 503 naming what is missing when the map is not installed.
HttpResponse web_file(const WebFiles* web, const std::string& path) {
    if (!web || !web->missing().empty()) {
        std::string missing = web ? "" : "aucun dossier de la carte donné";
        if (web)
            for (const auto& m : web->missing()) missing += (missing.empty() ? "" : ", ") + m;
        throw http::ProblemError(
            503, "La carte n'est pas installée",
            "fichiers de la carte introuvables (" + missing +
                ") : lancez `npm ci --prefix service/web` "
                "(scripts/install-deps.sh le fait), ou donnez serve --web DIR");
    }
    if (!safe_web_path(path))
        throw http::ProblemError(400, "Chemin refusé",
                                 "/carte/" + path +
                                     " ne peut nommer aucun fichier de la carte (lettres, "
                                     "chiffres, « . », « - », « _ » ; .html, .css, .js, .json, "
                                     ".png, .svg)");
    const WebFile* f = web->find(path);
    if (!f) throw http::ProblemError(404, "Fichier inconnu", "pas de fichier /carte/" + path);
    HttpResponse out;
    out.content_type = f->content_type;
    out.body = f->body;
    out.etag = f->etag;
    out.max_age = f->max_age;
    return out;
}

json openapi_map_paths() {
    return {{"/carte",
             {{"get",
               {{"operationId", "getMap"},
                {"summary", "La carte : couverture, zones blanches, fiche commune, « Et si… »"},
                {"responses",
                 {{"200", {{"description", "Page HTML (MapLibre GL JS, servi ici)"}}},
                  {"503", {{"description", "Fichiers de la carte absents"}}}}}}}}}};
}

}  // namespace

void ServiceRoutes::add_features_routes(const ogc::OgcApi& ogc) {
    const auto& collections = ogc.collections();
    auto none = [] { return json::object(); };  // documented with another entry of its path
    // OGC API – Features: served from the collections encoded at start-up, on the reactor.
    table_.add({"/", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams&) { return ogc.landing(r); },
                ogc::openapi_landing_paths});
    table_.add({"/conformance", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams&) { return ogc.conformance(r); },
                none});
    table_.add({"/api", "GET", false,
                [this, &ogc](const HttpRequest& r, const PathParams&) {
                    return ogc.api(r, table_.openapi_paths());
                },
                none});
    table_.add({"/collections", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams&) { return ogc.collections_doc(r); },
                none});
    table_.add({"/collections/{collectionId}", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams& p) {
                    return ogc.collection_doc(r, p.at("collectionId"));
                },
                [&collections] { return ogc::openapi_collection_paths(collections); }});
    table_.add({"/collections/{collectionId}/items", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams& p) {
                    return ogc.items(r, p.at("collectionId"));
                },
                [&collections] { return ogc::openapi_items_paths(collections); }});
    table_.add({"/collections/{collectionId}/schema", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams& p) {
                    return ogc.schema(r, p.at("collectionId"));
                },
                [&collections] { return ogc::openapi_schema_paths(collections); }});
    table_.add({"/collections/{collectionId}/items/{featureId}", "GET", false,
                [&ogc](const HttpRequest& r, const PathParams& p) {
                    return ogc.item(r, p.at("collectionId"), p.at("featureId"));
                },
                [&collections] { return ogc::openapi_item_paths(collections); }});
}

void ServiceRoutes::add_web_map_routes(const ogc::OgcApi& ogc, const WebFiles* web) {
    auto none = [] { return json::object(); };  // documented with another entry of its path
    // The web map: static files, everything else comes from the routes above and below.
    table_.add(
        {"/carte", "GET", false,
         [web](const HttpRequest&, const PathParams&) { return web_file(web, "carte.html"); },
         openapi_map_paths});
    // What the map starts from (types, thresholds, limits, extent), made once.
    auto config = std::make_shared<const std::string>(
        map_config(ogc, ogc.info().title, web ? web->basemap() : config::WebMapConfig()).dump());
    table_.add({"/carte/config.json", "GET", false,
                [config, web](const HttpRequest&, const PathParams&) {
                    HttpResponse out = web_file(web, "carte.html");  // 503 if not installed
                    out.content_type = "application/json";
                    out.body = *config;
                    out.etag =
                        "\"config-" + std::to_string(std::hash<std::string>()(*config)) + "\"";
                    out.max_age = 0;
                    return out;
                },
                none});
    table_.add(
        {"/carte/{file}", "GET", false,
         [web](const HttpRequest&, const PathParams& p) { return web_file(web, p.at("file")); },
         none});
    table_.add({"/carte/{dir}/{file}", "GET", false,
                [web](const HttpRequest&, const PathParams& p) {
                    return web_file(web, p.at("dir") + "/" + p.at("file"));
                },
                none});
}

void ServiceRoutes::add_tile_routes(const ogc::OgcApi& ogc) {
    auto none = [] { return json::object(); };  // documented with another entry of its path
    // OGC API – Tiles: vector tiles of the polygon collections (documented in one entry).
    tiles_ = std::make_unique<tiles::TileApi>(ogc);
    const tiles::TileApi& t = *tiles_;
    table_.add({"/collections/{collectionId}/tiles", "GET", false,
                [&t](const HttpRequest& r, const PathParams& p) {
                    return t.tilesets(r, p.at("collectionId"));
                },
                [&ogc] { return tiles::TileApi::openapi_paths(ogc); }});
    table_.add({"/collections/{collectionId}/tiles/{tileMatrixSetId}", "GET", false,
                [&t](const HttpRequest& r, const PathParams& p) {
                    return t.tileset(r, p.at("collectionId"), p.at("tileMatrixSetId"));
                },
                none});
    table_.add(
        {"/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
         "GET", false,
         [&t](const HttpRequest& r, const PathParams& p) {
             return t.tile(r, p.at("collectionId"), p.at("tileMatrixSetId"), p.at("tileMatrix"),
                           p.at("tileRow"), p.at("tileCol"));
         },
         none});
    table_.add({"/tileMatrixSets", "GET", false,
                [&t](const HttpRequest& r, const PathParams&) { return t.matrix_sets(r); }, none});
    table_.add({"/tileMatrixSets/{tileMatrixSetId}", "GET", false,
                [&t](const HttpRequest&, const PathParams& p) {
                    return t.matrix_set(p.at("tileMatrixSetId"));
                },
                none});
}

void ServiceRoutes::add_on_demand_routes(const ServedDataset& d) {
    // On-demand analyses: they need the analysis (a GeoPackage served as it is has none).
    const bool analysed = d.analysis.model != nullptr;
    auto inputs = [&d, analysed]() -> on_demand::ServedAnalysis {
        if (!analysed)
            throw http::ProblemError(
                404, "Analyse non disponible",
                "les analyses à la demande demandent une config de territoire ; "
                "ce service sert les couches de " +
                    d.source + " telles quelles");
        return {d.config, d.analysis_config, d.territory, d.analysis};
    };
    auto documented = [analysed](json (*paths)()) {
        return [analysed, paths] { return analysed ? paths() : json::object(); };
    };
    table_.add({"/analysis/communes/{insee}", "GET", false,
                [inputs](const HttpRequest&, const PathParams& p) {
                    return on_demand::commune(inputs(), p.at("insee"));
                },
                documented(on_demand::openapi_commune_paths)});
    // Catchments and scenarios search the road graph: off the reactor threads.
    table_.add({"/analysis/catchment", "GET", true,
                [inputs](const HttpRequest& r, const PathParams&) {
                    return on_demand::catchment(inputs(), r);
                },
                documented(on_demand::openapi_catchment_paths)});
    table_.add({"/analysis/scenario", "POST", true,
                [inputs](const HttpRequest& r, const PathParams&) {
                    return on_demand::scenario(inputs(), r);
                },
                documented(on_demand::openapi_scenario_paths)});
}

ServiceRoutes::ServiceRoutes(const ServedDataset& d, const WebFiles* web) {
    add_features_routes(*d.ogc);
    add_web_map_routes(*d.ogc, web);
    add_tile_routes(*d.ogc);
    add_on_demand_routes(d);
}

}  // namespace palliacarte::serve
