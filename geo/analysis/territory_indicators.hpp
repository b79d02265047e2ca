#pragma once
// Atlas-style indicators per territory of every grouping (départements, coordination
// territories, EPT, EPCI): population, structures per type and per 100 000 inhabitants (each
// structure counted once per grouping), population covered, white-zone communes and their
// inhabitants, mean 2SFCA score.
#include <vector>

#include "analysis/coverage_result.hpp"

namespace palliacarte::analysis {

/// @brief Needs `analysis.types` (communes filled) and `analysis.structure_commune`.
std::vector<TerritoryIndicators> territory_indicators(const CoverageAnalysis& analysis,
                                                      const model::Territory& territory,
                                                      const config::CoverageRule& rule);

}  // namespace palliacarte::analysis
