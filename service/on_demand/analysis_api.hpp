#pragma once
// On-demand analyses next to the OGC paths (JSON / GeoJSON):
//   GET  /analysis/communes/{insee}         coverage of one commune for every analysed type
//   GET  /analysis/catchment?structure=ID&minutes=15,30,45   (or ?lon=&lat=[&type=])
//   POST /analysis/scenario                 structures added/removed → white zones before/after
// Work per request is bounded (thresholds, minutes, scenario size) so one client cannot hold
// the analysis threads for long.
#include <nlohmann/json.hpp>

#include "analysis/coverage_result.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "http/http_message.hpp"
#include "model/territory.hpp"
#include "on_demand/catchment_query.hpp"
#include "on_demand/scenario_request.hpp"

namespace palliacarte::on_demand {

/// What the on-demand analyses read: a territory and its analysis, whose travel-time model
/// and outline they reuse. All live as long as the service, which owns them (as the
/// AnalysisInputs loaded by load/analysis_inputs); these are views of them.
struct ServedAnalysis {
    const config::TerritoryConfig& config;
    const config::AnalysisConfig& analysis_config;
    const model::Territory& territory;
    const analysis::CoverageAnalysis& analysis;
};

// The endpoints (routes: serve/service_routes.cpp), each read the request (catchment_query,
// scenario_request), run, encode. Each throws http::ProblemError for bad input (400, 404, 413,
// 415).
http::HttpResponse commune(const ServedAnalysis& inputs, const std::string& insee);
http::HttpResponse catchment(const ServedAnalysis& inputs, const http::HttpRequest& request);
http::HttpResponse scenario(const ServedAnalysis& inputs, const http::HttpRequest& request);

// Their OpenAPI path items, keyed by path.
nlohmann::json openapi_commune_paths();
nlohmann::json openapi_catchment_paths();
nlohmann::json openapi_scenario_paths();

}  // namespace palliacarte::on_demand
