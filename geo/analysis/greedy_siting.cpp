#include "analysis/greedy_siting.hpp"

namespace palliacarte::analysis {

SitingOutcome greedy_max_cover(const std::vector<PointTimes>& reach, std::vector<double> uncovered,
                               std::size_t k) {
    SitingOutcome out;
    auto gain_of = [&](std::size_t c) {
        double g = 0;
        for (const auto& [i, t] : reach[c]) g += uncovered[i];
        return g;
    };
    out.initial_gain.resize(reach.size());
    for (std::size_t c = 0; c < reach.size(); ++c) out.initial_gain[c] = gain_of(c);
    std::vector<bool> picked(reach.size(), false);
    double cumulative = 0;
    for (std::size_t round = 0; round < k; ++round) {
        double best = 0;
        std::size_t best_c = reach.size();
        for (std::size_t c = 0; c < reach.size(); ++c) {
            if (picked[c]) continue;
            const double g = gain_of(c);
            if (g > best) {
                best = g;
                best_c = c;
            }
        }
        if (best_c == reach.size()) break;  // nobody left to cover
        picked[best_c] = true;
        for (const auto& [i, t] : reach[best_c]) uncovered[i] = 0;
        cumulative += best;
        out.picks.push_back({static_cast<std::uint32_t>(best_c), best, cumulative});
    }
    return out;
}

}  // namespace palliacarte::analysis
