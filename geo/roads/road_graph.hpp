#pragma once
// A routable road graph in compressed sparse row form, forward and reverse, in a projected CRS.
// Compact on purpose: catchments for a whole département must come back interactively.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

/// @brief Directed road graph. Edge e goes from tail(e) to head[e]; the edges leaving u are
/// first_out[u] .. first_out[u+1]-1. The reverse view lists, for each node, the forward edges
/// that enter it, so a search "to" a place runs on the same edge data.
struct RoadGraph {
    int epsg = 2154;
    std::vector<Point> node_position;        ///< per node
    std::vector<std::uint32_t> first_out;    ///< size nodes+1
    std::vector<NodeId> head;                ///< per edge: target node
    std::vector<float> seconds;              ///< per edge: travel time
    std::vector<float> length_m;             ///< per edge: road length
    std::vector<std::uint32_t> source_link;  ///< per edge: index of the input link (feature)
    std::vector<std::uint32_t> first_in;     ///< size nodes+1
    std::vector<EdgeId> in_edge;             ///< forward edge ids grouped by head node
    std::vector<NodeId> in_tail;             ///< the tail of in_edge[i], kept for locality

    std::size_t node_count() const { return node_position.size(); }
    std::size_t edge_count() const { return head.size(); }
    /// @brief Tail of a forward edge (binary search in first_out).
    NodeId tail(EdgeId e) const;
    std::size_t memory_bytes() const;
};

}  // namespace palliacarte
