#pragma once
// Two-step floating catchment area (2SFCA), the method behind DREES/IRDES's APL: each
// structure's supply is shared among the population within its catchment (step 1), and each
// place sums the shares of the structures it reaches (step 2), both weighted by a decay of time.

#include <vector>

#include "analysis/travel_time_model.hpp"
#include "config/analysis_config.hpp"

namespace palliacarte::analysis {

/// @brief Decay weight: 1 up to full_weight_share × threshold, then linear down to edge_weight
/// at the threshold, 0 beyond.
double fca_weight(double seconds, double threshold_seconds, const config::TwoStepFcaConfig& config);

/// @brief Accessibility of each point: Σ_j w(t_ij) · S_j / Σ_k w(t_kj) · P_k, in supply per
/// inhabitant (multiply by 100 000 for "per 100 000 inhabitants").
/// @param reach per structure j, the points within the threshold and their times.
/// @param supply per structure (1 per structure, or its capacity).
/// @param population per point.
std::vector<double> two_step_fca(const std::vector<PointTimes>& reach,
                                 const std::vector<double>& supply,
                                 const std::vector<double>& population, double threshold_seconds,
                                 const config::TwoStepFcaConfig& config);

}  // namespace palliacarte::analysis
