#pragma once
// "Where next": greedy maximal covering. Repeatedly pick the candidate site whose catchment
// holds the most population not yet covered, and count it covered. Greedy is within 1 - 1/e of
// the best k-site choice and, unlike an exact solver, explains itself: each pick's marginal gain.

#include <cstdint>
#include <vector>

#include "analysis/travel_time_model.hpp"

namespace palliacarte::analysis {

struct SitePick {
    std::uint32_t candidate;
    double gain;        ///< population newly covered by this pick
    double cumulative;  ///< covered by the picks so far
};

struct SitingOutcome {
    std::vector<SitePick> picks;       ///< in order; fewer than k when nothing more is gained
    std::vector<double> initial_gain;  ///< per candidate, alone (before any pick)
};

/// @param reach per candidate, the points within the threshold.
/// @param uncovered per point, the population still uncovered (0 for covered points).
/// Ties go to the lower candidate index, so results are reproducible.
SitingOutcome greedy_max_cover(const std::vector<PointTimes>& reach, std::vector<double> uncovered,
                               std::size_t k);

}  // namespace palliacarte::analysis
