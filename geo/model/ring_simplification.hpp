#pragma once
// Douglas–Peucker on rings: the grid outlines of catchments (staircases become their slope) and
// vector tiles (a ring simplified within one tile unit) use it.
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte {

/// @brief `ring` (open: the first point not repeated) with only the points needed to stay
/// within `tolerance`: each kept segment lies within `tolerance` of the points it replaces and
/// back, so rings at least twice the tolerance apart stay apart. It starts at a corner of the
/// ring's hull, which any simplification keeps. Rings of fewer than 4 points, or a tolerance
/// <= 0, come back as they are; a ring that would keep fewer than 3 points too.
std::vector<Point> simplified_ring(std::vector<Point> ring, double tolerance);

}  // namespace palliacarte
