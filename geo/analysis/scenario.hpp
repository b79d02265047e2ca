#pragma once
// What-if: the coverage of a territory with structures added and removed, against the
// analysis as it stands, without changing it. Only what decides white zones is recomputed —
// nearest-structure times over the population points, shares within the threshold, declared
// areas, statuses — so a scenario costs one multi-source search per type, not a new analysis.
#include <string>
#include <vector>

#include "analysis/coverage_analysis.hpp"

namespace palliacarte::analysis {

struct ScenarioStructure {
    std::string type;       ///< an analysed type code
    model::Point position;  ///< in `epsg`
    int epsg = 2154;
};

struct Scenario {
    std::vector<ScenarioStructure> added;
    std::vector<std::string> removed;  ///< structure ids
};

struct ScenarioTypeResult {
    std::string type;
    double threshold_min = 0;
    std::size_t structures_before = 0, structures_after = 0;
    double population = 0;
    double population_within_before = 0, population_within_after = 0;
    std::size_t white_zone_communes_before = 0, white_zone_communes_after = 0;
    double white_zone_inhabitants_before = 0, white_zone_inhabitants_after = 0;
    std::vector<std::string> leaving_white_zone;   ///< INSEE codes no longer white zones
    std::vector<std::string> entering_white_zone;  ///< INSEE codes becoming white zones
};

/// @brief Per type touched by the scenario (the types of the added and removed structures).
/// Times come from the analysis's own travel-time model. Communes without inhabitants keep their
/// area-based share (catchments are not redrawn).
/// @throws ConfigError for an unknown structure id or a type that was not analysed.
std::vector<ScenarioTypeResult> run_scenario(const model::Territory& territory,
                                             const CoverageAnalysis& analysis,
                                             const Scenario& scenario);

}  // namespace palliacarte::analysis
