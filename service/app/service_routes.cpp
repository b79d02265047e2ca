#include "app/service_routes.hpp"

#include "on_demand/analysis_api.hpp"

namespace palliacarte::app {

using http::HttpRequest;
using http::HttpResponse;
using http::PathParams;
using nlohmann::json;

ServiceRoutes::ServiceRoutes(const ServedDataset& d) {
    const ogc::OgcApi& ogc = *d.ogc;
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

    // On-demand analyses: they need the analysis (a GeoPackage served as it is has none).
    const bool analysed = d.analysis.model != nullptr;
    auto inputs = [&d, analysed]() -> analysis_api::AnalysisInputs {
        if (!analysed)
            throw http::ProblemError(404, "Analyse non disponible",
                                     "on-demand analyses need a territory config; this service "
                                     "serves the layers of " +
                                         d.source + " as they are");
        return {d.config, d.analysis_config, d.territory, d.analysis};
    };
    auto documented = [analysed](json (*paths)()) {
        return [analysed, paths] { return analysed ? paths() : json::object(); };
    };
    table_.add({"/analysis/communes/{insee}", "GET", false,
                [inputs](const HttpRequest&, const PathParams& p) {
                    return analysis_api::commune(inputs(), p.at("insee"));
                },
                documented(analysis_api::openapi_commune_paths)});
    // Catchments and scenarios search the road graph: off the reactor threads.
    table_.add({"/analysis/catchment", "GET", true,
                [inputs](const HttpRequest& r, const PathParams&) {
                    return analysis_api::catchment(inputs(), r);
                },
                documented(analysis_api::openapi_catchment_paths)});
    table_.add({"/analysis/scenario", "POST", true,
                [inputs](const HttpRequest& r, const PathParams&) {
                    return analysis_api::scenario(inputs(), r);
                },
                documented(analysis_api::openapi_scenario_paths)});
}

}  // namespace palliacarte::app
