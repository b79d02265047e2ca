#include "cartography/label_placer.hpp"

#include <algorithm>
#include <array>

namespace palliacarte::cartography {

std::optional<Rect> LabelPlacer::place(double ax, double ay, double w, double h, double gap) {
    const std::array<Rect, 8> spots{{
        {ax + gap, ay - h / 2, w, h},        // right
        {ax - gap - w, ay - h / 2, w, h},    // left
        {ax - w / 2, ay - gap - h, w, h},    // above
        {ax - w / 2, ay + gap, w, h},        // below
        {ax + gap, ay - gap - h, w, h},      // above right
        {ax - gap - w, ay - gap - h, w, h},  // above left
        {ax + gap, ay + gap, w, h},          // below right
        {ax - gap - w, ay + gap, w, h},      // below left
    }};
    for (const Rect& r : spots) {
        if (r.x < bounds_.x || r.y < bounds_.y || r.right() > bounds_.right() ||
            r.bottom() > bounds_.bottom())
            continue;
        // Kept 2 points apart: two names side by side would read as one.
        const Rect spaced{r.x - 2, r.y - 1, r.w + 4, r.h + 2};
        if (std::any_of(taken_.begin(), taken_.end(),
                        [&](const Rect& t) { return t.overlaps(spaced); }))
            continue;
        taken_.push_back(r);
        return r;
    }
    return std::nullopt;
}

}  // namespace palliacarte::cartography
