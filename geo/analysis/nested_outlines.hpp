#pragma once
// The outlines of nested limits drawn on one grid: each limit's cells are marked on top of the
// previous limit's, the grid is traced after each, then the outlines are simplified from the
// longest limit in, each within the next one's simplified outline and around the previous
// one's traced outline, so that 15, 30 and 45 minutes nest exactly even once simplified.
// Both catchment shapes use it: road bands and travel-time surfaces.
#include <functional>
#include <vector>

#include "analysis/band_grid.hpp"
#include "model/geometry.hpp"

namespace palliacarte::analysis {

/// @brief `mark(k, grid)` marks limit k's new cells and returns false when there were none
/// (limit k is then limit k − 1's polygon). `tolerance` (metres, under half a cell) bounds the
/// simplification. One polygon per limit, empty where nothing is marked.
std::vector<model::MultiPolygon> nested_grid_outlines(
    BandGrid& grid, std::size_t limits, double tolerance,
    const std::function<bool(std::size_t, BandGrid&)>& mark);

}  // namespace palliacarte::analysis
