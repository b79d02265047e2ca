#pragma once
// Orders road junctions along a Hilbert curve, so that junctions near each other on the ground
// are near each other in memory. A search touches a compact area of the map; with this order it
// touches compact ranges of the node arrays too (fewer cache and TLB misses). OSM numbers nodes
// in the order mappers drew them, which is close to random over a region-sized extract.
#include <cstdint>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::roads {

/// @brief Position on a Hilbert curve of order 16 (65,536 × 65,536 cells) of (x, y), both in
/// 0..65535.
std::uint32_t hilbert_index(std::uint32_t x, std::uint32_t y);

/// @brief The indices of `points` sorted along the Hilbert curve over their bounding box;
/// points in the same cell keep their input order.
std::vector<std::uint32_t> hilbert_order(const std::vector<model::Point>& points);

}  // namespace palliacarte::roads
