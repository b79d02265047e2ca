#pragma once
// What every printed map carries besides its data: a scale bar and a north arrow.
#include "cartography/cairo_handles.hpp"
#include "cartography/map_frame.hpp"

namespace palliacarte::cartography {

/// @brief A scale bar of a round length (at most a fifth of the frame), four alternating
/// segments, « 0 » and « N km » under it; its bottom-left corner at (x, bottom). Returns the
/// box it covers, for the labels to avoid.
Rect draw_scale_bar(cairo_t* cr, const MapFrame& frame, double x, double bottom);

/// @brief A north arrow `height` points high, its top-right corner at (right, top). The
/// projected grids used (Lambert-93, UTM) put north up within a degree or two.
Rect draw_north_arrow(cairo_t* cr, double right, double top, double height);

}  // namespace palliacarte::cartography
