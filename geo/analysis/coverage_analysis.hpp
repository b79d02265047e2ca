#pragma once
// The coverage analysis of one territory: for each analysed structure type, travel times from
// the nearest structure to every population point, per-commune coverage and status, catchment
// polygons, white zones, 2SFCA accessibility, territory indicators and "where next".
// Pure computation on a loaded Territory; writing files is output/'s job. analyze_coverage()
// runs the stages, each in its own file: commune_locator, commune_coverage,
// white_zone_combinations, territory_indicators, where_next.

#include <memory>
#include <string>
#include <vector>

#include "analysis/commune_coverage.hpp"  // coverage_status(): the rule, for every caller
#include "analysis/coverage_result.hpp"

namespace palliacarte::analysis {

/// @brief The travel-time model an analysis of `territory` uses: by road when it has a network,
/// else as the crow flies.
struct TravelModelChoice {
    std::shared_ptr<const TravelTimeModel> model;
    TimeModel method = TimeModel::road;
    std::string label;  ///< French, shown in every output
};
TravelModelChoice make_travel_time_model(const model::Territory& territory,
                                         std::shared_ptr<const PopulationPoints> population);

/// @brief Builds and caches what every analysis of the territory reuses whatever its
/// structures and thresholds: the population grid cut by the communes and the raster of snaps
/// the catchment surfaces are drawn on (a country's: 12 s and 30 s). The import step
/// (`inspect --prepare`) calls it, so that the first analysis reads them back. Returns the
/// steps' timings, "(cache)" where a step found its cache already made.
std::vector<core::StepTiming> prepare_analysis(const model::Territory& territory,
                                               const config::AnalysisConfig& config,
                                               const core::ProgressFn& progress = {});

/// @brief Runs the whole analysis. @throws ConfigError for an unknown type in the config.
CoverageAnalysis analyze_coverage(const model::Territory& territory,
                                  const config::AnalysisConfig& config,
                                  const core::ProgressFn& progress = {});

/// @brief The territory's inhabitants as the figures count them: the communes' population, or
/// the population points' when the grid is the population (PopulationStats::from_grid).
double analysed_population(const model::Territory& territory, const CoverageAnalysis& analysis);

/// @brief The analysed types: the config's list, else every type with a threshold that has at
/// least one structure.
std::vector<std::string> analysed_types(const model::Territory& territory,
                                        const config::AnalysisConfig& config);

}  // namespace palliacarte::analysis
