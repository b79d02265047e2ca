#include "routing/nearest_source.hpp"

#include "routing/indexed_heap.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

namespace palliacarte {

NearestSource nearest_source(const RoadGraph& g, const std::vector<SourceStart>& starts,
                             SearchDirection direction, double limit_seconds) {
    NearestSource r;
    r.seconds.assign(g.node_count(), kUnreached);
    r.source.assign(g.node_count(), NearestSource::kNoSource);
    // Heap order: time, then source index, so equal times go to the lower index.
    IndexedHeap heap(g.node_count());
    auto relax = [&](NodeId v, double d, std::uint32_t src) {
        if (d > limit_seconds) return;
        if (d < r.seconds[v] || (d == r.seconds[v] && src < r.source[v])) {
            r.seconds[v] = d;
            r.source[v] = src;
            heap.push_or_decrease(v, d, src);
        }
    };
    for (const auto& s : starts)
        if (s.node < g.node_count()) relax(s.node, s.seconds, s.source);
    const bool forward = direction == SearchDirection::from_sources;
    while (!heap.empty()) {
        double d;
        const NodeId u = heap.pop(d);
        const std::uint32_t src = r.source[u];
        if (forward) {
            for (std::uint32_t e = g.first_out[u]; e < g.first_out[u + 1]; ++e)
                relax(g.head[e], d + g.seconds[e], src);
        } else {
            for (std::uint32_t i = g.first_in[u]; i < g.first_in[u + 1]; ++i)
                relax(g.in_tail[i], d + g.seconds[g.in_edge[i]], src);
        }
    }
    return r;
}

}  // namespace palliacarte
