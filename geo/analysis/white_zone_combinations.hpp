#pragma once
// "Communes out of reach of any EMSP and any HAD": the communes in white zone for every type of
// a set, and their inhabitants. Default sets: EMSP+HAD when both are analysed, and all types.
#include <string>
#include <vector>

#include "analysis/coverage_result.hpp"

namespace palliacarte::analysis {

/// @param configured analysis.white_zone_combinations (empty: the defaults).
/// @throws ConfigError for a type of a set that is not analysed.
std::vector<WhiteZoneCombination> white_zone_combinations(
    const CoverageAnalysis& analysis, const model::Territory& territory,
    const std::vector<std::vector<std::string>>& configured);

}  // namespace palliacarte::analysis
