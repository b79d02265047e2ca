#include "routing/nearest_source.hpp"

#include "routing/radix_heap.hpp"

namespace palliacarte::routing {

NearestSource nearest_source(const roads::RoadGraph& g, const std::vector<SourceStart>& starts,
                             SearchDirection direction, double limit_seconds) {
    NearestSource r;
    r.seconds.assign(g.node_count(), kUnreached);
    r.source.assign(g.node_count(), NearestSource::kNoSource);
    // Raw pointers: writes through them would otherwise make the compiler reload every
    // vector's start at each edge. Times are read on every edge; sources only on ties and
    // improvements, so they stay in their own array.
    double* const best = r.seconds.data();
    std::uint32_t* const source = r.source.data();
    const bool forward = direction == SearchDirection::from_sources;
    const std::uint32_t* const first = forward ? g.first_out.data() : g.first_in.data();
    const roads::Arc* const arcs = forward ? g.out_arc.data() : g.in_arc.data();
    RadixHeap heap;
    auto relax = [&](roads::NodeId v, double d, std::uint32_t src) {
        if (d > limit_seconds) return;
        // Equal times go to the lower source index: the node is pushed again so that the
        // winning source spreads on from it.
        if (d < best[v] || (d == best[v] && src < source[v])) {
            best[v] = d;
            source[v] = src;
            heap.push(v, d);
            __builtin_prefetch(&arcs[first[v]]);  // see OneToManySearch::run
        }
    };
    for (const auto& s : starts)
        if (s.node < g.node_count()) relax(s.node, s.seconds, s.source);
    while (!heap.empty()) {
        double d;
        const roads::NodeId u = heap.pop(d);
        if (d > best[u]) continue;  // stale entry
        const std::uint32_t src = source[u];
        const std::uint32_t begin = first[u], end = first[u + 1];
        for (std::uint32_t i = begin; i < end; ++i) {
            __builtin_prefetch(&best[arcs[i].node]);
            __builtin_prefetch(&first[arcs[i].node]);
        }
        for (std::uint32_t i = begin; i < end; ++i) relax(arcs[i].node, d + arcs[i].seconds, src);
    }
    return r;
}

}  // namespace palliacarte::routing
