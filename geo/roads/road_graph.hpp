#pragma once
// A routable road graph in compressed sparse row form, forward and reverse, in a projected CRS.
// Compact on purpose: catchments for a whole département must come back interactively.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "core/mapped_array.hpp"
#include "model/geometry.hpp"

namespace palliacarte::roads {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

/// @brief One step of a search: the node at the other end and the travel time. Node and time
/// side by side, so scanning a node's edges reads one cache line, not two.
struct Arc {
    NodeId node;
    float seconds;
    friend bool operator==(const Arc&, const Arc&) = default;
};

/// @brief Directed road graph. Edge e goes from tail(e) to head(e); the edges leaving u are
/// first_out[u] .. first_out[u+1]-1. The reverse view lists, for each node, the forward edges
/// that enter it (in_arc: their tail and time; in_edge: their forward id), so a search "to" a
/// place reads the same times without a detour through the forward arrays.
/// Node ids follow a Hilbert curve over the node positions (see spatial_order.hpp).
struct RoadGraph {
    int epsg = 2154;
    std::vector<model::Point> node_position;  ///< per node
    std::vector<std::uint32_t> first_out;     ///< size nodes+1
    std::vector<Arc> out_arc;                 ///< per edge: head node and travel time
    std::vector<float> length_m;              ///< per edge: road length
    std::vector<std::uint32_t> source_link;   ///< per edge: index of the input link (feature)
    std::vector<std::uint32_t> first_in;      ///< size nodes+1
    std::vector<Arc> in_arc;                  ///< per reverse slot: tail node and travel time
    std::vector<EdgeId> in_edge;              ///< per reverse slot: the forward edge id
    /// Road shape: the vertices of edge e strictly between its tail and its head, in travel
    /// order, are shape_point[first_shape[e] .. first_shape[e+1]-1] (none for a straight edge).
    std::vector<std::uint32_t> first_shape;       ///< size edges+1
    core::MappedArray<model::Point> shape_point;  ///< mapped from the road cache when read from it

    std::size_t node_count() const { return node_position.size(); }
    std::size_t edge_count() const { return out_arc.size(); }
    NodeId head(EdgeId e) const { return out_arc[e].node; }
    float seconds(EdgeId e) const { return out_arc[e].seconds; }
    /// @brief Tail of a forward edge (binary search in first_out).
    NodeId tail(EdgeId e) const;
    /// @brief The inner vertices of edge e, from tail to head.
    std::span<const model::Point> via(EdgeId e) const {
        return {shape_point.data() + first_shape[e], first_shape[e + 1] - first_shape[e]};
    }
    std::size_t memory_bytes() const;
};

}  // namespace palliacarte::roads
