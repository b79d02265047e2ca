#pragma once
// Where a map's extent (projected metres) lands on the page: north up, one scale for both
// axes, centred in the rectangle given. The page is in PostScript points, y downwards.
#include <array>

#include "model/geometry.hpp"

namespace palliacarte::cartography {

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    double right() const { return x + w; }
    double bottom() const { return y + h; }
    bool contains(double px, double py) const {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }
    bool overlaps(const Rect& o) const {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
};

class MapFrame {
  public:
    /// @param extent what must show, in metres; @param area the page rectangle to fill. The
    /// extent is widened on one axis to the area's proportions.
    MapFrame(const model::Box& extent, const Rect& area);

    std::array<double, 2> to_page(const model::Point& p) const {
        return {area_.x + (p.x - min_x_) * scale_, area_.y + (max_y_ - p.y) * scale_};
    }
    double points_per_metre() const { return scale_; }
    const Rect& area() const { return area_; }

  private:
    Rect area_;
    double scale_ = 1, min_x_ = 0, max_y_ = 0;
};

/// @brief The longest 1, 2 or 5 × 10^k metres not above `max_m` (a scale bar's length).
double round_scale_length(double max_m);

}  // namespace palliacarte::cartography
