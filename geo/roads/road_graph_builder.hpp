#pragma once
// Collects directed road links from any source, then builds the RoadGraph: keeps the largest
// strongly connected component (every kept node can reach every other) and reports the rest,
// and merges chains of degree-2 nodes into single edges (roads/chain_merge.hpp).
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/load_report.hpp"
#include "model/road_load_stats.hpp"
#include "roads/chain_merge.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::roads {

/// @brief Warns (reason "roads_outside_main_component") when building dropped anything.
void report_dropped_roads(const std::string& path, const model::RoadGraphStats& stats,
                          core::LoadReport& report);

class RoadGraphBuilder {
  public:
    /// @param merge_chains false keeps every input node (tests that address nodes by id).
    explicit RoadGraphBuilder(int epsg, bool merge_chains = true)
        : epsg_(epsg), merge_chains_(merge_chains) {}
    /// @brief Node by external id (OSM node id, "from_node" value); created on first use.
    NodeId node(const std::string& external_id, const model::Point& position);
    /// @brief A new node with no external id (generated networks).
    NodeId add_node(const model::Point& position) {
        positions_.push_back(position);
        return static_cast<NodeId>(positions_.size() - 1);
    }
    void reserve(std::size_t nodes, std::size_t edges) {
        positions_.reserve(nodes);
        edges_.reserve(edges);
    }
    /// @brief Node at a position (sources without node ids: shared endpoints make topology).
    NodeId node_at(const model::Point& position);
    /// @brief A directed link; `via` are the road's inner vertices from `from` to `to` (kept for
    /// catchment polygons and snapping; empty for a straight link).
    void add_edge(NodeId from, NodeId to, double length_m, double seconds, std::uint32_t link,
                  std::span<const model::Point> via = {});
    /// @brief A road between a and b (`via` its inner vertices from a to b) in the directions
    /// given; the b → a edge gets the shape reversed. Returns the number of edges added.
    std::size_t add_road(NodeId a, NodeId b, double length_m, double seconds, std::uint32_t link,
                         std::span<const model::Point> via, bool forward, bool backward);
    std::size_t node_count() const { return positions_.size(); }
    std::size_t edge_count() const { return edges_.size(); }

    /// @brief Builds the graph of the largest strongly connected component, its degree-2 chains
    /// merged. Nodes are renumbered along a Hilbert curve: use graph_node() to find an input
    /// node in the result.
    RoadGraph build(model::RoadGraphStats& stats);
    /// @brief After build(): the graph's id of an input node, kNoNode if it was dropped or
    /// merged into an edge.
    NodeId graph_node(NodeId input) const;

  private:
    using Edge = BuilderEdge;
    // build()'s stages, in order.
    std::vector<char> keep_largest_component(model::RoadGraphStats& stats);
    void number_kept_nodes(const std::vector<char>& kept, RoadGraph& g);
    void fill_forward_arcs(RoadGraph& g);
    int epsg_;
    bool merge_chains_;
    std::vector<model::Point> positions_;
    std::unordered_map<std::string, NodeId> by_id_;
    std::unordered_map<std::uint64_t, NodeId> by_position_;
    std::vector<Edge> edges_;
    std::vector<model::Point> shape_points_;
    std::vector<NodeId> new_id_;  // input node -> graph node, filled by build()
};

}  // namespace palliacarte::roads
