#include "roads/road_graph_builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "roads/spatial_order.hpp"
#include "roads/strongly_connected.hpp"

namespace palliacarte::roads {

NodeId RoadGraphBuilder::node(const std::string& external_id, const model::Point& position) {
    const auto [it, inserted] = by_id_.emplace(external_id, static_cast<NodeId>(positions_.size()));
    if (inserted) positions_.push_back(position);
    return it->second;
}

NodeId RoadGraphBuilder::node_at(const model::Point& position) {
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
                                std::uint32_t link, std::span<const model::Point> via) {
    const auto first = static_cast<std::uint32_t>(shape_points_.size());
    shape_points_.insert(shape_points_.end(), via.begin(), via.end());
    edges_.push_back({from, to, static_cast<float>(length_m), static_cast<float>(seconds), link,
                      first, static_cast<std::uint32_t>(via.size())});
}

std::size_t RoadGraphBuilder::add_road(NodeId a, NodeId b, double length_m, double seconds,
                                       std::uint32_t link, std::span<const model::Point> via,
                                       bool forward, bool backward) {
    if (forward) add_edge(a, b, length_m, seconds, link, via);
    if (backward) {
        const auto first = static_cast<std::uint32_t>(shape_points_.size());
        shape_points_.insert(shape_points_.end(), via.rbegin(), via.rend());
        edges_.push_back({b, a, static_cast<float>(length_m), static_cast<float>(seconds), link,
                          first, static_cast<std::uint32_t>(via.size())});
    }
    return std::size_t{forward} + std::size_t{backward};
}

namespace {

// CSR offsets: first[k] counts the items whose key is below k; an item keyed kNoNode is left
// out. The caller then places items with a cursor per key (a stable counting sort).
template <class Items, class Key>
std::vector<std::uint32_t> csr_offsets(std::size_t nodes, const Items& items, Key key) {
    std::vector<std::uint32_t> first(nodes + 1, 0);
    for (const auto& item : items)
        if (const NodeId k = key(item); k != kNoNode) ++first[k + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    return first;
}

}  // namespace

void report_dropped_roads(const std::string& path, const model::RoadGraphStats& stats,
                          core::LoadReport& report) {
    if (stats.dropped_nodes == 0) return;
    report.warn(path, "", "roads_outside_main_component",
                std::to_string(stats.dropped_nodes) + " carrefours et " +
                    std::to_string(stats.dropped_edges) +
                    " tronçons hors de la plus grande composante fortement connexe (" +
                    std::to_string(stats.components) +
                    " composantes) : non utilisés pour les itinéraires");
}

// The input's nodes in its largest strongly connected component (what build() keeps).
std::vector<char> RoadGraphBuilder::keep_largest_component(model::RoadGraphStats& stats) {
    const std::size_t n = positions_.size();
    // Components of the whole input, on a bare CSR of heads (counting sort by tail: linear,
    // and no copy of the edge records, which at 8 M edges costs more in page faults than in
    // work).
    std::uint32_t count = 0;
    std::vector<std::uint32_t> component;
    {
        const auto first = csr_offsets(n, edges_, [](const Edge& e) { return e.from; });
        std::vector<std::uint32_t> heads(edges_.size());
        std::vector<std::uint32_t> cursor(first.begin(), first.end() - 1);
        for (const auto& e : edges_) heads[cursor[e.from]++] = e.to;
        component = strongly_connected_components(first, heads, &count);
    }
    stats.components = count;
    std::vector<std::size_t> size(count, 0);
    for (const auto c : component) ++size[c];
    const std::uint32_t keep =
        count == 0
            ? 0
            : static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<char> kept(n);
    for (std::size_t v = 0; v < n; ++v) kept[v] = component[v] == keep;
    return kept;
}

// Kept nodes, numbered along a Hilbert curve (see spatial_order.hpp): g's positions and
// new_id_ (input node -> graph node).
void RoadGraphBuilder::number_kept_nodes(const std::vector<char>& kept, RoadGraph& g) {
    const std::size_t n = positions_.size();
    std::vector<model::Point> kept_positions;
    std::vector<std::uint32_t> kept_input;
    const auto kept_count = static_cast<std::size_t>(std::count(kept.begin(), kept.end(), 1));
    kept_positions.reserve(kept_count);
    kept_input.reserve(kept_count);
    for (std::size_t v = 0; v < n; ++v)
        if (kept[v]) {
            kept_positions.push_back(positions_[v]);
            kept_input.push_back(static_cast<std::uint32_t>(v));
        }
    const auto order = hilbert_order(kept_positions);
    new_id_.assign(n, kNoNode);
    g.node_position.resize(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        g.node_position[i] = kept_positions[order[i]];
        new_id_[kept_input[order[i]]] = static_cast<NodeId>(i);
    }
}

// Forward CSR straight from the input edges (counting sort by new tail, stable: a node's
// edges stay in input order), with their shapes.
void RoadGraphBuilder::fill_forward_arcs(RoadGraph& g) {
    g.first_out = csr_offsets(g.node_count(), edges_, [&](const Edge& e) {
        return new_id_[e.to] == kNoNode ? kNoNode : new_id_[e.from];
    });
    const std::size_t m = g.first_out.back();
    g.out_arc.resize(m);
    g.length_m.resize(m);
    g.source_link.resize(m);
    // Shape sizes land in first_shape as each edge is placed (no second pass over the edge
    // records in slot order: at 8 M edges those reads are random and cost more than the copy).
    g.first_shape.assign(m + 1, 0);
    std::vector<std::uint32_t> slot_of;  // edges_ index -> graph edge, when there are shapes
    if (!shape_points_.empty()) slot_of.assign(edges_.size(), kNoNode);
    {
        std::vector<std::uint32_t> cursor(g.first_out.begin(), g.first_out.end() - 1);
        for (std::size_t i = 0; i < edges_.size(); ++i) {
            const Edge& e = edges_[i];
            const NodeId from = new_id_[e.from], to = new_id_[e.to];
            if (from == kNoNode || to == kNoNode) continue;
            const std::uint32_t slot = cursor[from]++;
            g.out_arc[slot] = {to, e.seconds};
            g.length_m[slot] = e.length_m;
            g.source_link[slot] = e.link;
            g.first_shape[slot + 1] = e.shape_count;
            if (!slot_of.empty()) slot_of[i] = slot;
        }
    }
    std::partial_sum(g.first_shape.begin(), g.first_shape.end(), g.first_shape.begin());
    std::vector<model::Point>& shape_point = g.shape_point.owned();
    shape_point.resize(g.first_shape[m]);
    // In input order: the builder's shape points are read front to back.
    for (std::size_t i = 0; i < slot_of.size(); ++i) {
        const Edge& in = edges_[i];
        if (slot_of[i] == kNoNode || in.shape_count == 0) continue;
        std::copy_n(shape_points_.begin() + in.shape_first, in.shape_count,
                    shape_point.begin() + g.first_shape[slot_of[i]]);
    }
}

namespace {

// Reverse view: forward edges grouped by head, stable (counting sort).
void fill_reverse_arcs(RoadGraph& g) {
    const std::size_t nodes = g.node_count(), m = g.out_arc.size();
    g.first_in = csr_offsets(nodes, g.out_arc, [](const Arc& a) { return a.node; });
    g.in_arc.resize(m);
    g.in_edge.resize(m);
    std::vector<std::uint32_t> cursor(g.first_in.begin(), g.first_in.end() - 1);
    for (NodeId u = 0; u < nodes; ++u)
        for (std::uint32_t e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
            const std::uint32_t slot = cursor[g.out_arc[e].node]++;
            g.in_arc[slot] = {u, g.out_arc[e].seconds};
            g.in_edge[slot] = e;
        }
}

}  // namespace

RoadGraph RoadGraphBuilder::build(model::RoadGraphStats& stats) {
    const std::size_t n = positions_.size(), m_in = edges_.size();
    stats.input_nodes = n;
    stats.input_edges = m_in;
    std::vector<char> kept = keep_largest_component(stats);
    if (merge_chains_) {  // merged nodes leave `kept`
        const auto counts = merge_degree_two_chains(positions_, kept, edges_, shape_points_);
        stats.merged_nodes = counts.merged_nodes;
        stats.edges_before_merge = counts.edges_before;
    }
    RoadGraph g;
    g.epsg = epsg_;
    number_kept_nodes(kept, g);
    fill_forward_arcs(g);
    const std::size_t nodes = g.node_count(), m = g.out_arc.size();
    stats.kept_nodes = nodes;
    stats.kept_edges = m;
    stats.dropped_nodes = n - nodes - stats.merged_nodes;
    stats.dropped_edges = m_in - (merge_chains_ ? stats.edges_before_merge : m);
    edges_.clear();
    edges_.shrink_to_fit();
    shape_points_.clear();
    shape_points_.shrink_to_fit();
    fill_reverse_arcs(g);
    return g;
}

NodeId RoadGraphBuilder::graph_node(NodeId input) const {
    return input < new_id_.size() ? new_id_[input] : kNoNode;
}

}  // namespace palliacarte::roads
