#pragma once
// GET /analysis/catchment's query string as a typed query: which thresholds, from which
// structure or point. Checked here, before any territory is looked at (unit-tested alone).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace palliacarte::on_demand {

constexpr std::size_t kMaxThresholds = 6;
constexpr double kMaxMinutes = 180;

struct LonLat {
    double lon = 0, lat = 0;  ///< degrees WGS84, within [-180, 180] and [-90, 90]
};

struct CatchmentQuery {
    std::vector<double> minutes;           ///< sorted, distinct, in (0, kMaxMinutes]
    std::optional<std::string> structure;  ///< a structure's id, or
    std::optional<LonLat> point;           ///< a point
    std::string type;  ///< with a point: the type whose travel direction applies (optional)
};

/// @param default_minutes the analysis's thresholds, when `minutes` is not given.
/// @throws http::ProblemError (400) naming the parameter, in French.
CatchmentQuery parse_catchment_query(const std::map<std::string, std::string>& query,
                                     const std::vector<double>& default_minutes);

/// @brief A longitude and latitude in range. @throws http::ProblemError (400) naming `what`.
LonLat checked_lonlat(double lon, double lat, const std::string& what);

}  // namespace palliacarte::on_demand
