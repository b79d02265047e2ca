#include "model/ring_simplification.hpp"

#include <algorithm>
#include <cmath>

namespace palliacarte {

namespace {

double distance_to_segment(const Point& p, const Point& a, const Point& b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

}  // namespace

std::vector<Point> simplified_ring(std::vector<Point> ring, double tolerance) {
    const std::size_t n = ring.size();
    if (n < 4 || tolerance <= 0) return ring;
    // Start at a corner of the ring's hull (the extreme point in a skew direction), which any
    // simplification keeps, rather than wherever tracing began.
    const auto first = std::min_element(
        ring.begin(), ring.end(),
        [](const Point& a, const Point& b) { return a.x + 1.618 * a.y < b.x + 1.618 * b.y; });
    std::rotate(ring.begin(), first, ring.end());
    // Split at the point farthest from the first: two open polylines.
    std::size_t far = 0;
    double far_d = -1;
    for (std::size_t k = 1; k < n; ++k) {
        const double dx = ring[k].x - ring[0].x, dy = ring[k].y - ring[0].y;
        if (dx * dx + dy * dy > far_d) far_d = dx * dx + dy * dy, far = k;
    }
    std::vector<bool> keep(n, false);
    keep[0] = keep[far] = true;
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, far}, {far, n}};  // n is 0 again
    while (!spans.empty()) {
        const auto [a, b] = spans.back();
        spans.pop_back();
        const Point& pa = ring[a];
        const Point& pb = ring[b % n];
        double worst = -1;
        std::size_t at = a;
        for (std::size_t k = a + 1; k < b; ++k) {
            const double d = distance_to_segment(ring[k], pa, pb);
            if (d > worst) worst = d, at = k;
        }
        if (worst > tolerance) {
            keep[at] = true;
            spans.push_back({a, at});
            spans.push_back({at, b});
        }
    }
    std::vector<Point> out;
    for (std::size_t k = 0; k < n; ++k)
        if (keep[k]) out.push_back(ring[k]);
    return out.size() >= 3 ? out : ring;
}

}  // namespace palliacarte
