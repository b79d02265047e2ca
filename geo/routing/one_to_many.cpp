#include "routing/one_to_many.hpp"

#include <algorithm>
#include <functional>

namespace palliacarte {

OneToManySearch::OneToManySearch(const RoadGraph& graph)
    : g_(graph),
      dist_(graph.node_count(), kUnreached),
      stamp_(graph.node_count(), 0),
      heap_(graph.node_count()) {}

void OneToManySearch::run(const std::vector<SearchStart>& starts, double limit_seconds,
                          SearchDirection direction) {
    // Timestamps instead of clearing: a 60-minute search touches a fraction of a big graph.
    if (++run_ == 0) {
        std::fill(stamp_.begin(), stamp_.end(), 0);
        run_ = 1;
    }
    limit_ = limit_seconds;
    direction_ = direction;
    settled_.clear();
    heap_.clear();
    auto relax = [&](NodeId v, double d) {
        if (d > limit_) return;
        if (stamp_[v] != run_ || d < dist_[v]) {
            stamp_[v] = run_;
            dist_[v] = d;
            heap_.push_or_decrease(v, d);
        }
    };
    for (const auto& s : starts)
        if (s.node < g_.node_count()) relax(s.node, s.seconds);
    const bool forward = direction == SearchDirection::from_sources;
    while (!heap_.empty()) {
        double d;
        const NodeId u = heap_.pop(d);
        settled_.push_back(u);
        if (forward) {
            for (std::uint32_t e = g_.first_out[u]; e < g_.first_out[u + 1]; ++e)
                relax(g_.head[e], d + g_.seconds[e]);
        } else {
            for (std::uint32_t i = g_.first_in[u]; i < g_.first_in[u + 1]; ++i)
                relax(g_.in_tail[i], d + g_.seconds[g_.in_edge[i]]);
        }
    }
}

std::vector<ReachedEdge> OneToManySearch::reached_edges() const {
    std::vector<ReachedEdge> out;
    const bool forward = direction_ == SearchDirection::from_sources;
    for (const NodeId u : settled_) {
        const double d = dist_[u];
        auto add = [&](EdgeId e) {
            const double w = g_.seconds[e];
            const double fraction = w <= 0 ? 1.0 : std::min(1.0, (limit_ - d) / w);
            out.push_back({e, d, fraction});
        };
        if (forward) {
            for (std::uint32_t e = g_.first_out[u]; e < g_.first_out[u + 1]; ++e) add(e);
        } else {
            for (std::uint32_t i = g_.first_in[u]; i < g_.first_in[u + 1]; ++i) add(g_.in_edge[i]);
        }
    }
    return out;
}

}  // namespace palliacarte
