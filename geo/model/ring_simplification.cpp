#include "model/ring_simplification.hpp"

#include <algorithm>
#include <cmath>

#include "model/ring_obstacles.hpp"

namespace palliacarte::model {

namespace {

template <class P>
double distance_to_segment(const P& p, const P& a, const P& b) {
    const double dx = static_cast<double>(b.x - a.x), dy = static_cast<double>(b.y - a.y);
    const double px = static_cast<double>(p.x - a.x), py = static_cast<double>(p.y - a.y);
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = t * dx - px, ey = t * dy - py;
    return std::sqrt(ex * ex + ey * ey);
}

// Douglas–Peucker on a ring; `allowed(ring, a, b)` may refuse a shortcut within tolerance, which
// is then split at its farthest point like one beyond it.
template <class P, class Allowed>
std::vector<P> douglas_peucker(std::vector<P> ring, double tolerance, Allowed allowed) {
    const std::size_t n = ring.size();
    if (n < 4 || tolerance <= 0) return ring;
    // Start at a corner of the ring's hull (the extreme point in a skew direction), which any
    // simplification keeps, rather than wherever tracing began.
    const auto first = std::min_element(ring.begin(), ring.end(), [](const P& a, const P& b) {
        return static_cast<double>(a.x) + 1.618 * static_cast<double>(a.y) <
               static_cast<double>(b.x) + 1.618 * static_cast<double>(b.y);
    });
    std::rotate(ring.begin(), first, ring.end());
    // Split at the point farthest from the first: two open polylines.
    std::size_t far = 0;
    double far_d = -1;
    for (std::size_t k = 1; k < n; ++k) {
        const double dx = static_cast<double>(ring[k].x - ring[0].x),
                     dy = static_cast<double>(ring[k].y - ring[0].y);
        if (dx * dx + dy * dy > far_d) far_d = dx * dx + dy * dy, far = k;
    }
    std::vector<bool> keep(n, false);
    keep[0] = keep[far] = true;
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, far}, {far, n}};  // n is 0 again
    while (!spans.empty()) {
        const auto [a, b] = spans.back();
        spans.pop_back();
        const P& pa = ring[a];
        const P& pb = ring[b % n];
        double worst = -1;
        std::size_t at = a;
        for (std::size_t k = a + 1; k < b; ++k) {
            const double d = distance_to_segment(ring[k], pa, pb);
            if (d > worst) worst = d, at = k;
        }
        if (at != a && (worst > tolerance || !allowed(ring, a, b))) {
            keep[at] = true;
            spans.push_back({a, at});
            spans.push_back({at, b});
        }
    }
    std::vector<P> out;
    for (std::size_t k = 0; k < n; ++k)
        if (keep[k]) out.push_back(ring[k]);
    return out.size() >= 3 ? out : ring;
}

}  // namespace

std::vector<Point> simplified_ring(std::vector<Point> ring, double tolerance) {
    return douglas_peucker(
        std::move(ring), tolerance,
        [](const std::vector<Point>&, std::size_t, std::size_t) { return true; });
}

GridRing simplified_ring(GridRing ring, double tolerance, const RingObstacles* obstacles) {
    if (!obstacles || obstacles->empty())
        return douglas_peucker(std::move(ring), tolerance,
                               [](const GridRing&, std::size_t, std::size_t) { return true; });
    return douglas_peucker(std::move(ring), tolerance,
                           [&](const GridRing& r, std::size_t a, std::size_t b) {
                               return obstacles->allows_shortcut(r, a, b);
                           });
}

}  // namespace palliacarte::model
