#pragma once
// The communes to look at first for one type: those not covered, the most inhabitants out of
// reach first (the most area out of reach with analysis.area_only). One ranking for the
// white_zones layer, its CSV and the report.
#include <vector>

#include "analysis/commune_coverage.hpp"
#include "analysis/coverage_result.hpp"

namespace palliacarte::analysis {

/// @brief One type's totals over the territory, as the report and the command summary give
/// them. `covered`: population_covered() summed.
struct TypeTotals {
    double population = 0, within = 0, covered = 0, elderly_out = 0, area = 0, area_within = 0;
    std::size_t white_zone_communes = 0;
};
TypeTotals type_totals(const TypeCoverage& tc, const model::Territory& territory,
                       const config::CoverageRule& rule);

/// @brief What commune `c` has out of reach: inhabitants, or m² with area_only.
double out_of_reach(const TypeCoverage& tc, const model::Territory& territory, std::size_t c,
                    bool area_only);

/// @brief Territory commune indices not covered for the type, ranked (stable for ties).
std::vector<std::size_t> white_zone_ranking(const TypeCoverage& tc,
                                            const model::Territory& territory, bool area_only);

}  // namespace palliacarte::analysis
