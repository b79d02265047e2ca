#pragma once
// The communes to look at first for one type: those not covered, the most inhabitants out of
// reach first (the most area out of reach with analysis.area_only). One ranking for the
// white_zones layer, its CSV and the report.
#include <vector>

#include "analysis/coverage_result.hpp"

namespace palliacarte {

/// @brief What commune `c` has out of reach: inhabitants, or m² with area_only.
double out_of_reach(const TypeCoverage& tc, const Territory& territory, std::size_t c,
                    bool area_only);

/// @brief Territory commune indices not covered for the type, ranked (stable for ties).
std::vector<std::size_t> white_zone_ranking(const TypeCoverage& tc, const Territory& territory,
                                            bool area_only);

}  // namespace palliacarte
