#pragma once
// Map labels without collisions: greedy, in the order labels are offered (the most important
// first), each takes the first free spot around its anchor — right, left, above, below, then
// the diagonals — or is left out. Enough for the few dozen labels of a printed map.
#include <optional>
#include <vector>

#include "cartography/map_frame.hpp"

namespace palliacarte::cartography {

class LabelPlacer {
  public:
    /// @param bounds labels stay wholly inside it (the map frame).
    explicit LabelPlacer(const Rect& bounds) : bounds_(bounds) {}

    /// @brief Something labels must not cover (a symbol, the scale bar).
    void block(const Rect& r) { taken_.push_back(r); }

    /// @brief The box for a `w`×`h` label `gap` away from the anchor, now taken; empty when
    /// every spot collides or leaves the bounds.
    std::optional<Rect> place(double anchor_x, double anchor_y, double w, double h, double gap);

  private:
    Rect bounds_;
    std::vector<Rect> taken_;
};

}  // namespace palliacarte::cartography
