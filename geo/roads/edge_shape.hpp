#pragma once
// The drawn shape of a road edge (tail, inner vertices, head) and the part of it between two
// fractions of its length: catchment polygons cut an edge where the time limit falls, and
// snapping measures where along the road a point lies.
#include <span>
#include <vector>

#include "roads/road_graph.hpp"

namespace palliacarte::roads {

/// @brief Tail position, inner vertices, head position.
std::vector<model::Point> edge_line(const RoadGraph& g, EdgeId e);

/// @brief The k-th vertex of edge e's drawn line (k = 0: its tail; k = via size + 1: its head),
/// read in place: no line is built.
inline model::Point edge_vertex(const RoadGraph& g, NodeId tail, EdgeId e, std::size_t k) {
    const auto via = g.via(e);
    if (k == 0) return g.node_position[tail];
    return k <= via.size() ? via[k - 1] : g.node_position[g.head(e)];
}

/// @brief Sum of the segment lengths.
double polyline_length(std::span<const model::Point> line);

/// @brief Drawn length of edge e (may differ from length_m, which can come from a field).
double drawn_length(const RoadGraph& g, EdgeId e);

/// @brief The piece of `line` from fraction `from` to fraction `to` of its drawn length
/// (0 <= from <= to <= 1), measured from its first point. Two points at least, unless the
/// line itself has fewer.
std::vector<model::Point> line_part(const std::vector<model::Point>& line, double from, double to);

/// @brief Point at fraction t of the drawn length of `line`.
model::Point point_along(const std::vector<model::Point>& line, double t);

}  // namespace palliacarte::roads
