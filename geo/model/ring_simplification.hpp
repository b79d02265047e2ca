#pragma once
// Douglas–Peucker on rings: the grid outlines of catchments (staircases become their slope) and
// vector tiles (a ring simplified within one tile unit) use it. Grid outlines have integer
// coordinates, so their simplification can keep nested rings nested exactly (RingObstacles).
#include <cstdint>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::model {

/// @brief A point of an integer lattice (a grid outline's vertices, in half cells).
struct GridPoint {
    std::int64_t x = 0;
    std::int64_t y = 0;
};
using GridRing = std::vector<GridPoint>;  ///< open: the first point not repeated

class RingObstacles;

/// @brief `ring` (open: the first point not repeated) with only the points needed to stay
/// within `tolerance`: each kept segment lies within `tolerance` of the points it replaces and
/// back, so rings at least twice the tolerance apart stay apart. It starts at a corner of the
/// ring's hull, which any simplification keeps. Rings of fewer than 4 points, or a tolerance
/// <= 0, come back as they are; a ring that would keep fewer than 3 points too.
std::vector<Point> simplified_ring(std::vector<Point> ring, double tolerance);

/// @brief The same for a lattice ring, and with `obstacles`, no shortcut that would put a point
/// of an obstacle ring on the other side of `ring` than it was: a ring nested inside (or
/// around) the obstacles stays so, exactly. Such shortcuts are refused and split further, so
/// the result may keep more points than `tolerance` alone asks.
GridRing simplified_ring(GridRing ring, double tolerance, const RingObstacles* obstacles);

}  // namespace palliacarte::model
