#include "routing/one_to_many.hpp"

#include <algorithm>
#include <functional>

namespace palliacarte::routing {

OneToManySearch::OneToManySearch(const roads::RoadGraph& graph)
    : g_(graph), state_(graph.node_count(), NodeState{kUnreached, 0}) {}

void OneToManySearch::run(const std::vector<SearchStart>& starts, double limit_seconds,
                          SearchDirection direction) {
    // Timestamps instead of clearing: a 60-minute search touches a fraction of a big graph.
    if (++run_ == 0) {
        for (auto& s : state_) s.run = 0;
        run_ = 1;
    }
    limit_ = limit_seconds;
    direction_ = direction;
    settled_.clear();
    heap_.clear();
    // Plain pointers and locals: the relax writes through state_ and the heap, and through
    // vectors the compiler would reload every array's start at each edge.
    NodeState* const state = state_.data();
    const std::uint32_t run = run_;
    const double limit = limit_;
    const bool forward = direction == SearchDirection::from_sources;
    const std::uint32_t* const first = forward ? g_.first_out.data() : g_.first_in.data();
    const roads::Arc* const arcs = forward ? g_.out_arc.data() : g_.in_arc.data();
    auto relax = [&](roads::NodeId v, double d) {
        if (d > limit) return;
        NodeState& s = state[v];
        if (s.run != run || d < s.seconds) {
            s.run = run;
            s.seconds = d;
            heap_.push(v, d);
            // v leaves the heap soon (it is on the search's frontier): start loading its edges
            // now, so they are in cache by then.
            __builtin_prefetch(&arcs[first[v]]);
        }
    };
    for (const auto& s : starts)
        if (s.node < g_.node_count()) relax(s.node, s.seconds);
    while (!heap_.empty()) {
        double d;
        const roads::NodeId u = heap_.pop(d);
        if (d > state[u].seconds) continue;  // a later, better entry was already settled
        settled_.push_back(u);
        const std::uint32_t begin = first[u], end = first[u + 1];
        // The neighbours' states are independent cache misses: ask for all of them first,
        // so they load in parallel rather than one after another.
        for (std::uint32_t i = begin; i < end; ++i) {
            __builtin_prefetch(&state[arcs[i].node]);
            __builtin_prefetch(&first[arcs[i].node]);
        }
        for (std::uint32_t i = begin; i < end; ++i) relax(arcs[i].node, d + arcs[i].seconds);
    }
}

std::vector<ReachedEdge> OneToManySearch::reached_edges() const {
    std::vector<ReachedEdge> out;
    const bool forward = direction_ == SearchDirection::from_sources;
    for (const roads::NodeId u : settled_) {
        const double d = state_[u].seconds;
        auto add = [&](roads::EdgeId e) {
            const double w = g_.seconds(e);
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

}  // namespace palliacarte::routing
