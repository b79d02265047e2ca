#pragma once
// How a catchment polygon is drawn from the roads reached: a setting of the "analysis" section
// ("catchment_shape"), used by analysis/catchment_polygon.

namespace palliacarte {

/// @brief road_buffer_m: width of the band each side of a reached road counted as reached —
/// homes and buildings along a road sit within a block's depth of it (100–200 m in French
/// towns and villages); 150 m by default. Points farther from every reached road are not in
/// the polygon even when the road network around them is.
struct CatchmentShape {
    double road_buffer_m = 150;
    int quadrant_segments = 4;  ///< arc smoothness of the band ends (GEOS buffer parameter)
};

}  // namespace palliacarte
