#include "cartography/map_frame.hpp"

#include <algorithm>
#include <cmath>

namespace palliacarte::cartography {

MapFrame::MapFrame(const model::Box& extent, const Rect& area) : area_(area) {
    const double w = std::max(extent.max_corner().x - extent.min_corner().x, 1.0);
    const double h = std::max(extent.max_corner().y - extent.min_corner().y, 1.0);
    scale_ = std::min(area.w / w, area.h / h);
    // Centred: the spare room is split on both sides of the axis that has it.
    min_x_ = extent.min_corner().x - (area.w / scale_ - w) / 2;
    max_y_ = extent.max_corner().y + (area.h / scale_ - h) / 2;
}

double round_scale_length(double max_m) {
    if (!(max_m > 0)) return 0;
    const double decade = std::pow(10.0, std::floor(std::log10(max_m)));
    for (const double step : {5.0, 2.0, 1.0})
        if (step * decade <= max_m) return step * decade;
    return decade;
}

}  // namespace palliacarte::cartography
