#pragma once
// The coverage of each commune for one type, from the population points' nearest-structure
// times: population (and 65+) within the threshold, mean and worst time, the structure nearest
// to most of its people, the 2SFCA score, the share of its area inside the type's catchment,
// and the status the coverage rule gives (the rule itself: coverage_status()).
#include <map>
#include <string>
#include <vector>

#include "analysis/coverage_result.hpp"
#include "analysis/time_model.hpp"

namespace palliacarte::analysis {

/// @brief Applies the coverage rule: covered at or above `covered_min_share` (or declared, when
/// declared areas cover), white zone at or below `white_zone_max_share`, partial between.
CoverageStatus coverage_status(double share_within, bool declared,
                               const config::CoverageRule& rule);

/// @brief The share the rule judges: of the population within the threshold, or of the area
/// inside the catchment where nobody lives (analysis and what-if scenarios alike).
inline double share_within(double population, double population_within, double share_area_within) {
    return population > 0 ? population_within / population : share_area_within;
}

/// @brief The inhabitants a commune counts as covered: all of them when its declared area
/// covers it (the rule's declared_area_covers), else those within the threshold. Territory
/// indicators, the report and the command summary all count with it.
inline double population_covered(const CommuneCoverage& cc, const config::CoverageRule& rule) {
    const bool by_declared_area = cc.status == CoverageStatus::covered && !cc.declared_by.empty() &&
                                  rule.declared_area_covers;
    return by_declared_area ? cc.population : cc.population_within;
}

/// @brief Fills `tc.communes` (one per Territory commune). `tc.nearest`, `tc.located` and
/// `tc.threshold_min` must be set; `fca` is the 2SFCA score per population point; `declared`
/// maps a commune's INSEE code to the structures declaring it; `reach` is the type's catchment
/// at its threshold; `time_model` is named in each commune's `method` field.
void compute_commune_coverage(TypeCoverage& tc, const model::Territory& territory,
                              const PopulationPoints& population, const std::vector<double>& fca,
                              const std::map<std::string, std::vector<std::string>>& declared,
                              const model::MultiPolygon& reach, const config::CoverageRule& rule,
                              TimeModel time_model);

}  // namespace palliacarte::analysis
