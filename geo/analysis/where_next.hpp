#pragma once
// "Where next": for each type to site, the candidate sites (loaded structures of the candidate
// types, and/or a regular grid over the communes) ranked by greedy maximal covering of the
// population still out of reach, with each pick's marginal gain.
#include <vector>

#include "analysis/commune_locator.hpp"
#include "analysis/coverage_result.hpp"

namespace palliacarte::analysis {

/// @brief Needs `analysis.types` (nearest times) and `analysis.structure_commune`.
/// @throws ConfigError for a type to site that is not analysed, or an unknown candidate type.
std::vector<CandidateSite> where_next(const CoverageAnalysis& analysis,
                                      const model::Territory& territory,
                                      const config::SitingConfig& siting,
                                      const TravelTimeModel& model, const CommuneLocator& locator);

}  // namespace palliacarte::analysis
