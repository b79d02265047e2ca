#pragma once
// Merges chains of degree-2 nodes into single edges while the graph is built. OpenStreetMap
// splits one road into many ways at every tag change (bridge, maxspeed, name), and each split
// leaves a node that only continues the road; at country scale they cost memory in the graph,
// its cache and every search. As in OSRM's graph compressor, a node goes when the two edges
// through it agree: one in and one out (a one-way road), or the same two neighbours in both
// directions (a two-way road), at the same pace. The merged edge keeps the full geometry and
// sums length and time, so times at every remaining node are unchanged.
#include <cstdint>
#include <vector>

#include "model/geometry.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::roads {

/// @brief A directed link as the builder collects it; its inner vertices are
/// shape_points[shape_first .. shape_first + shape_count).
struct BuilderEdge {
    NodeId from, to;
    float length_m, seconds;
    std::uint32_t link;
    std::uint32_t shape_first, shape_count;
};

/// @brief What a merge did: nodes merged away, and the edges between kept nodes before it.
struct ChainMergeCounts {
    std::size_t merged_nodes, edges_before;
};

/// @brief Merges the chains among the nodes marked in `keep` (edges touching an unmarked node
/// are left out of the result). A node merged away is unmarked. Edges agree when their pace,
/// seconds per *drawn* metre, matches within 1e-5: a point snapped along a merged edge then
/// gets the time it had on its piece. A chain that would close on itself keeps a node, so that
/// every road stays an edge (snapping needs it).
ChainMergeCounts merge_degree_two_chains(const std::vector<model::Point>& positions,
                                         std::vector<char>& keep, std::vector<BuilderEdge>& edges,
                                         std::vector<model::Point>& shape_points);

}  // namespace palliacarte::roads
