#include "model/ring_obstacles.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace palliacarte::model {

namespace bgi = boost::geometry::index;

namespace {

// Twice the signed area of (a, b, c): > 0 when c is left of a → b. Lattice coordinates are far
// below 2^31, so the products are exact in 64 bits.
std::int64_t orientation(const GridPoint& a, const GridPoint& b, const GridPoint& c) {
    return (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
}

bool on_segment(const GridPoint& a, const GridPoint& b, const GridPoint& p) {
    return orientation(a, b, p) == 0 && std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) &&
           std::min(a.y, b.y) <= p.y && p.y <= std::max(a.y, b.y);
}

GridPoint doubled(const GridPoint& p) {
    return {2 * p.x, 2 * p.y};
}

std::uint64_t key(const GridPoint& p2) {
    return (static_cast<std::uint64_t>(p2.x + (std::int64_t{1} << 31)) << 32) |
           static_cast<std::uint64_t>(p2.y + (std::int64_t{1} << 31));
}

// The closed pocket ring[a] … ring[b] → ring[a], with every coordinate doubled so that segment
// midpoints are lattice points too. Strictly inside: a non-zero winding number and on none of
// its edges (a point on the shortcut or on the replaced points only touches). Obstacles mostly
// run along the replaced points, so their vertices and edge midpoints are looked up first.
class Pocket {
  public:
    // Reset rather than built per shortcut: its buffers are reused (one per thread).
    void reset(const GridRing& ring, std::size_t a, std::size_t b) {
        points_.clear(), on_chain_.clear(), edges_.clear();
        deviation_ = 0;
        for (std::size_t k = a; k <= b; ++k) points_.push_back(doubled(ring[k % ring.size()]));
        const GridPoint &from = points_.front(), &to = points_.back();
        for (std::size_t k = 0; k + 1 < points_.size(); ++k) {
            const GridPoint& u = points_[k];
            const GridPoint& v = points_[k + 1];
            on_chain_.push_back(key(u));
            on_chain_.push_back(key({(u.x + v.x) / 2, (u.y + v.y) / 2}));
            edges_.emplace_back(key({(u.x + v.x) / 2, (u.y + v.y) / 2}),
                                direction({0, 0}, {(v.x - u.x) / 2, (v.y - u.y) / 2}));
            const double d = std::abs(static_cast<double>(orientation(from, to, v)));
            deviation_ = std::max(deviation_, d);
        }
        on_chain_.push_back(key(to));
        std::sort(on_chain_.begin(), on_chain_.end());
        std::sort(edges_.begin(), edges_.end());
        // The pocket lies within the farthest replaced point's distance of the shortcut's line
        // (kept as |orientation| = distance × length) and within its box.
        xmin_ = xmax_ = from.x, ymin_ = ymax_ = from.y;
        for (const auto& p : points_) {
            xmin_ = std::min(xmin_, p.x), xmax_ = std::max(xmax_, p.x);
            ymin_ = std::min(ymin_, p.y), ymax_ = std::max(ymax_, p.y);
        }
    }
    bool strictly_inside(const GridPoint& p2) const {
        if (p2.x <= xmin_ || p2.x >= xmax_ || p2.y <= ymin_ || p2.y >= ymax_) return false;
        const GridPoint &from = points_.front(), &to = points_.back();
        if (std::abs(static_cast<double>(orientation(from, to, p2))) > deviation_) return false;
        if (std::binary_search(on_chain_.begin(), on_chain_.end(), key(p2))) return false;
        int winding = 0;
        const std::size_t n = points_.size();
        for (std::size_t k = 0; k < n; ++k) {
            const GridPoint& u = points_[k];
            const GridPoint& v = points_[(k + 1) % n];  // the last edge is the shortcut
            if (on_segment(u, v, p2)) return false;
            if (u.y <= p2.y) {
                if (v.y > p2.y && orientation(u, v, p2) > 0) ++winding;
            } else if (v.y <= p2.y && orientation(u, v, p2) < 0) {
                --winding;
            }
        }
        return winding != 0;
    }
    /// Whether obstacle segment u → v (not doubled) is one of the replaced edges, the same way.
    bool is_replaced_edge(const GridPoint& u, const GridPoint& v) const {
        return std::binary_search(edges_.begin(), edges_.end(),
                                  std::pair{key({u.x + v.x, u.y + v.y}), direction(u, v)});
    }

  private:
    static std::int64_t direction(const GridPoint& u, const GridPoint& v) {
        return (v.x - u.x) * 1000003 + (v.y - u.y);
    }
    std::vector<GridPoint> points_;
    std::vector<std::uint64_t> on_chain_;
    std::vector<std::pair<std::uint64_t, std::int64_t>> edges_;  // middle, direction
    double deviation_ = 0;
    std::int64_t xmin_ = 0, xmax_ = 0, ymin_ = 0, ymax_ = 0;
};

bool properly_cross(const GridPoint& a, const GridPoint& b, const GridPoint& c,
                    const GridPoint& d) {
    const auto o1 = orientation(a, b, c), o2 = orientation(a, b, d);
    const auto o3 = orientation(c, d, a), o4 = orientation(c, d, b);
    return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

// Whether segment s lies along one of ring[a..b]'s edges, the same way, for more than a point.
bool runs_along(const GridRing& ring, std::size_t a, std::size_t b, const Pocket& pocket,
                const auto& s) {
    const std::int64_t sx = s.to.x - s.from.x, sy = s.to.y - s.from.y;
    // Traced rings step from one edge midpoint to the next (2 along an axis, 1 and 1 across):
    // two such steps overlap only when they are the same.
    if (std::abs(sx) + std::abs(sy) <= 2) return pocket.is_replaced_edge(s.from, s.to);
    for (std::size_t k = a; k < b; ++k) {
        const GridPoint& u = ring[k % ring.size()];
        const GridPoint& v = ring[(k + 1) % ring.size()];
        if (orientation(u, v, s.from) != 0 || orientation(u, v, s.to) != 0) continue;
        const std::int64_t ex = v.x - u.x, ey = v.y - u.y;
        if (ex * sx + ey * sy <= 0) continue;  // the other way (or a point)
        // Overlap of the two along the edge's direction, in units of |e|².
        const std::int64_t s0 = (s.from.x - u.x) * ex + (s.from.y - u.y) * ey;
        const std::int64_t s1 = (s.to.x - u.x) * ex + (s.to.y - u.y) * ey;
        const std::int64_t len = ex * ex + ey * ey;
        if (std::min(len, std::max(s0, s1)) > std::max<std::int64_t>(0, std::min(s0, s1)))
            return true;
    }
    return false;
}

Box box_of(const GridPoint& a, const GridPoint& b) {
    return Box{{static_cast<double>(std::min(a.x, b.x)), static_cast<double>(std::min(a.y, b.y))},
               {static_cast<double>(std::max(a.x, b.x)), static_cast<double>(std::max(a.y, b.y))}};
}

}  // namespace

RingObstacles::RingObstacles(const std::vector<const std::vector<GridRing>*>& inside,
                             const std::vector<const std::vector<GridRing>*>& around) {
    std::vector<Entry> entries;
    for (const bool is_inside : {true, false})
        for (const auto* rings : is_inside ? inside : around)
            for (const auto& ring : *rings)
                for (std::size_t k = 0; k < ring.size(); ++k) {
                    const Segment s{ring[k], ring[(k + 1) % ring.size()], is_inside};
                    entries.emplace_back(box_of(s.from, s.to),
                                         static_cast<std::uint32_t>(segments_.size()));
                    segments_.push_back(s);
                }
    index_ = decltype(index_)(entries);  // packed: built once, queried many times
}

bool RingObstacles::allows_shortcut(const GridRing& ring, std::size_t a, std::size_t b) const {
    if (segments_.empty() || b <= a + 1) return true;
    const GridPoint& from = ring[a];
    const GridPoint& to = ring[b % ring.size()];
    Box around = box_of(from, to);
    for (std::size_t k = a + 1; k < b; ++k)
        boost::geometry::expand(
            around, Point{static_cast<double>(ring[k].x), static_cast<double>(ring[k].y)});
    // Which way the shortcut moves the ring: points replaced right of it were inside the ring
    // (their region is on their left) and are cut off; points left of it make a bulge.
    bool cuts = false, bulges = false;
    for (std::size_t k = a + 1; k < b; ++k) {
        const auto o = orientation(from, to, ring[k]);
        cuts = cuts || o < 0;
        bulges = bulges || o > 0;
    }
    thread_local Pocket pocket;
    pocket.reset(ring, a, b);
    for (auto it = index_.qbegin(bgi::intersects(around)); it != index_.qend(); ++it) {
        const Segment& s = segments_[it->second];
        if (properly_cross(from, to, s.from, s.to)) return false;
        if (pocket.strictly_inside(doubled(s.from)) || pocket.strictly_inside(doubled(s.to)) ||
            pocket.strictly_inside({s.from.x + s.to.x, s.from.y + s.to.y}))
            return false;
        // An obstacle running along the replaced points (the limits' outlines often do) has
        // its region on the same side as the ring's: cutting would drop part of a ring to hold,
        // bulging would leave a ring to stay within.
        if ((s.inside ? cuts : bulges) && runs_along(ring, a, b, pocket, s)) return false;
    }
    return true;
}

}  // namespace palliacarte::model
