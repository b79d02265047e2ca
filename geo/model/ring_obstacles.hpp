#pragma once
// What a ring's simplification must not cross: the rings it nests with. Inner catchment limits
// are simplified within the outer one's simplified outline and around the inner one's exact
// outline, so 15, 30 and 45 minutes stay nested exactly (catchment_polygon). Lattice points
// and exact integer predicates: a shortcut touching an obstacle is allowed, crossing it never.
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

#include "model/ring_simplification.hpp"

namespace palliacarte::model {

class RingObstacles {
  public:
    /// @brief The rings a simplified ring must hold (`inside`: the shorter limit's) and those
    /// it must stay within (`around`: the longer limit's), as open lattice rings with their
    /// region on the left (outer rings anticlockwise, holes clockwise, as BandGrid traces them).
    RingObstacles(const std::vector<const std::vector<GridRing>*>& inside,
                  const std::vector<const std::vector<GridRing>*>& around);

    /// @brief Whether replacing ring[a..b] (b may be ring.size(): the first point again) by
    /// the straight segment ring[a] → ring[b] keeps the obstacles as they were: no obstacle
    /// vertex or segment midpoint strictly inside the pocket between the shortcut and the
    /// points it replaces, no obstacle segment crossing the shortcut, and where an obstacle
    /// runs along the replaced points, no cut into an `inside` ring nor bulge out of an
    /// `around` one.
    bool allows_shortcut(const GridRing& ring, std::size_t a, std::size_t b) const;

    bool empty() const { return segments_.empty(); }

  private:
    struct Segment {
        GridPoint from, to;
        bool inside;  ///< of a ring to hold (else of one to stay within)
    };
    using Entry = std::pair<Box, std::uint32_t>;
    std::vector<Segment> segments_;
    boost::geometry::index::rtree<Entry, boost::geometry::index::quadratic<16>> index_;
};

}  // namespace palliacarte::model
