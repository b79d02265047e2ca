#pragma once
// How a catchment polygon is drawn from the roads reached: a setting of the "analysis" section
// ("catchment_shape"), used by analysis/catchment_polygon.

#include <cstddef>

namespace palliacarte::config {

/// @brief road_buffer_m: width of the band each side of a reached road counted as reached —
/// homes and buildings along a road sit within a block's depth of it (100–200 m in French
/// towns and villages); 150 m by default. Points farther from every reached road are not in
/// the polygon even when the road network around them is.
///
/// The band is drawn on a grid of `grid_cell_m` squares (smaller for narrow bands: at most a
/// quarter of the band): the cells whose centre lies within the band less half a cell's
/// diagonal and less 0.71 cell for the outline (drawn through the cells' edge midpoints, then
/// simplified within 0.35 cell). So the polygon holds every point within `road_buffer_m` −
/// (√2 + 1.42)·`grid_cell_m` of a reached road (93 m by default: every reached road, with room
/// to spare) and nothing farther than `road_buffer_m` from one; polygons of longer limits hold
/// those of shorter ones exactly (the simplification never crosses a neighbouring limit). A
/// catchment that would need more than `max_grid_cells` cells (a region-wide one) is drawn as a
/// GEOS union of buffered roads instead — exactly the band, but 10–50 times slower.
/// "surface" (the default, analysis.catchment_shape): the area where a point is reached by the
/// rule that times the population points — along roads, then the off-network leg up to the
/// snap limit — drawn from a raster of `surface_cell_m` cells (analysis/time_surface), so the
/// polygons agree with the coverage figures. "road-bands": the band described above.
struct CatchmentShape {
    bool road_bands = false;
    double surface_cell_m = 100;
    double road_buffer_m = 150;
    double grid_cell_m = 20;
    std::size_t max_grid_cells = std::size_t{1} << 25;
    int quadrant_segments = 4;  ///< arc smoothness of the band ends (GEOS buffers)
};

}  // namespace palliacarte::config
