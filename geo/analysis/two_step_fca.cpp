#include "analysis/two_step_fca.hpp"

namespace palliacarte::analysis {

double fca_weight(double seconds, double threshold_seconds,
                  const config::TwoStepFcaConfig& config) {
    if (!(seconds <= threshold_seconds)) return 0;
    const double full = config.full_weight_share * threshold_seconds;
    if (seconds <= full) return 1;
    const double t = (seconds - full) / (threshold_seconds - full);  // 0 → 1
    return 1 + t * (config.edge_weight - 1);
}

std::vector<double> two_step_fca(const std::vector<PointTimes>& reach,
                                 const std::vector<double>& supply,
                                 const std::vector<double>& population, double threshold_seconds,
                                 const config::TwoStepFcaConfig& config) {
    std::vector<double> access(population.size(), 0.0);
    for (std::size_t j = 0; j < reach.size(); ++j) {
        double demand = 0;  // step 1: weighted population the structure serves
        for (const auto& [i, t] : reach[j])
            demand += fca_weight(t, threshold_seconds, config) * population[i];
        if (demand <= 0) continue;
        const double ratio = supply[j] / demand;
        for (const auto& [i, t] : reach[j])  // step 2
            access[i] += fca_weight(t, threshold_seconds, config) * ratio;
    }
    return access;
}

}  // namespace palliacarte::analysis
