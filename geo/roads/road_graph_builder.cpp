#include "roads/road_graph_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "roads/strongly_connected.hpp"

namespace palliacarte {

NodeId RoadGraphBuilder::node(const std::string& external_id, const Point& position) {
    const auto [it, inserted] = by_id_.emplace(external_id, static_cast<NodeId>(positions_.size()));
    if (inserted) positions_.push_back(position);
    return it->second;
}

NodeId RoadGraphBuilder::node_at(const Point& position) {
    // Endpoints on the same centimetre are the same junction. Projected coordinates in metres
    // stay within ±21,000 km, so each fits in 32 bits of centimetres.
    const auto kx =
        static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(position.x * 100)));
    const auto ky =
        static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(position.y * 100)));
    const std::uint64_t key = (static_cast<std::uint64_t>(kx) << 32) | ky;
    const auto [it, inserted] = by_position_.emplace(key, static_cast<NodeId>(positions_.size()));
    if (inserted) positions_.push_back(position);
    return it->second;
}

void RoadGraphBuilder::add_edge(NodeId from, NodeId to, double length_m, double seconds,
                                std::uint32_t link) {
    edges_.push_back({from, to, static_cast<float>(length_m), static_cast<float>(seconds), link});
}

namespace {

// CSR offsets from a key per edge (edges already sorted by that key).
template <class Key>
std::vector<std::uint32_t> offsets(std::size_t nodes, std::size_t edges, Key key) {
    std::vector<std::uint32_t> first(nodes + 1, 0);
    for (std::size_t e = 0; e < edges; ++e) ++first[key(e) + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    return first;
}

}  // namespace

void report_dropped_roads(const std::string& path, const RoadGraphStats& stats,
                          LoadReport& report) {
    if (stats.dropped_nodes == 0) return;
    report.warn(path, "", "roads_outside_main_component",
                std::to_string(stats.dropped_nodes) + " junctions and " +
                    std::to_string(stats.dropped_edges) +
                    " links are not in the largest strongly connected component (" +
                    std::to_string(stats.components) + " components) and are not used for routing");
}

RoadGraph RoadGraphBuilder::build(RoadGraphStats& stats) {
    const std::size_t n = positions_.size();
    stats.input_nodes = n;
    stats.input_edges = edges_.size();

    // Adjacency of the whole input, to find the components.
    // Counting sort by tail: O(edges), stable, much faster than a comparison sort at 8 M edges.
    {
        std::vector<std::uint32_t> start(n + 1, 0);
        for (const auto& e : edges_) ++start[e.from + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        std::vector<Edge> sorted(edges_.size());
        for (const auto& e : edges_) sorted[start[e.from]++] = e;
        edges_.swap(sorted);
    }
    auto first = offsets(n, edges_.size(), [&](std::size_t e) { return edges_[e].from; });
    std::vector<std::uint32_t> heads(edges_.size());
    for (std::size_t e = 0; e < edges_.size(); ++e) heads[e] = edges_[e].to;
    std::uint32_t count = 0;
    const auto component = strongly_connected_components(first, heads, &count);
    stats.components = count;
    std::vector<std::size_t> size(count, 0);
    for (const auto c : component) ++size[c];
    const std::uint32_t keep =
        count == 0
            ? 0
            : static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());

    // Renumber kept nodes in input order.
    std::vector<NodeId> new_id(n, kNoNode);
    RoadGraph g;
    g.epsg = epsg_;
    for (std::size_t v = 0; v < n; ++v)
        if (count > 0 && component[v] == keep) {
            new_id[v] = static_cast<NodeId>(g.node_position.size());
            g.node_position.push_back(positions_[v]);
        }
    std::vector<Edge> kept;
    kept.reserve(edges_.size());
    for (const auto& e : edges_)
        if (new_id[e.from] != kNoNode && new_id[e.to] != kNoNode)
            kept.push_back({new_id[e.from], new_id[e.to], e.length_m, e.seconds, e.link});
    stats.kept_nodes = g.node_position.size();
    stats.kept_edges = kept.size();
    stats.dropped_nodes = n - stats.kept_nodes;
    stats.dropped_edges = edges_.size() - kept.size();
    edges_.clear();
    edges_.shrink_to_fit();

    const std::size_t m = kept.size();
    g.first_out = offsets(g.node_count(), m, [&](std::size_t e) { return kept[e].from; });
    g.head.resize(m);
    g.seconds.resize(m);
    g.length_m.resize(m);
    g.source_link.resize(m);
    for (std::size_t e = 0; e < m; ++e) {
        g.head[e] = kept[e].to;
        g.seconds[e] = kept[e].seconds;
        g.length_m[e] = kept[e].length_m;
        g.source_link[e] = kept[e].link;
    }
    // Reverse view: forward edges grouped by head, stable (counting sort).
    g.first_in = offsets(g.node_count(), m, [&](std::size_t e) { return kept[e].to; });
    g.in_edge.resize(m);
    g.in_tail.resize(m);
    std::vector<std::uint32_t> cursor(g.first_in.begin(), g.first_in.end() - 1);
    for (std::size_t e = 0; e < m; ++e) {
        const std::uint32_t slot = cursor[kept[e].to]++;
        g.in_edge[slot] = static_cast<EdgeId>(e);
        g.in_tail[slot] = kept[e].from;
    }
    return g;
}

}  // namespace palliacarte
