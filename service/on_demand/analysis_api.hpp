#pragma once
// On-demand analyses next to the OGC paths (JSON / GeoJSON):
//   GET  /analysis/communes/{insee}         coverage of one commune for every analysed type
//   GET  /analysis/catchment?structure=ID&minutes=15,30,45   (or ?lon=&lat=[&type=])
//   POST /analysis/scenario                 structures added/removed → white zones before/after
// Work per request is bounded (thresholds, minutes, scenario size) so one client cannot hold
// the analysis threads for long.
#include "app/served_dataset.hpp"
#include "http/http_message.hpp"

namespace palliacarte::analysis_api {

constexpr std::size_t kMaxThresholds = 6;
constexpr double kMaxMinutes = 180;
constexpr std::size_t kMaxAdded = 50;
constexpr std::size_t kMaxRemoved = 500;
constexpr std::size_t kMaxBodyBytes = 256 * 1024;

/// @brief Answers /analysis/… paths; empty when the path is not one of them.
/// @throws http::ProblemError for bad input (400, 404, 413).
std::optional<http::HttpResponse> handle(const app::ServedDataset& dataset,
                                         const http::HttpRequest& request);

/// @brief The OpenAPI path items of these endpoints (for /api).
nlohmann::json openapi_paths();

}  // namespace palliacarte::analysis_api
