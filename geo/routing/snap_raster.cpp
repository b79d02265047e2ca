#include "routing/snap_raster.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/parallel.hpp"
#include "roads/edge_shape.hpp"

namespace palliacarte {

namespace {

// One straight piece of a road: its ends, and where it starts along the road (metres), the
// road's drawn length.
struct Segment {
    Point a, b;
    EdgeId edge;
    float before_m, road_m;
};

}  // namespace

SnapRaster::SnapRaster(const RoadGraph& g, const RoadSnapper& snapper, double cell_m)
    : cell_m_(cell_m) {
    const std::size_t m = g.edge_count();
    tail_.resize(m);
    twin_seconds_.assign(m, std::numeric_limits<float>::infinity());
    std::vector<Segment> segments;
    segments.reserve(m / 2 + g.shape_point.size());
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (NodeId u = 0; u < g.node_count(); ++u)
        for (auto e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
            tail_[e] = u;
            if (!snapper.stands_for_road(e, u)) continue;
            if (const auto back = snapper.twin(e)) twin_seconds_[e] = g.seconds(*back);
            const auto line = edge_line(g, e);
            const auto total = static_cast<float>(polyline_length(line));
            float before = 0;
            for (std::size_t k = 0; k + 1 < line.size(); ++k) {
                segments.push_back({line[k], line[k + 1], e, before, total});
                before += static_cast<float>(
                    std::hypot(line[k + 1].x - line[k].x, line[k + 1].y - line[k].y));
                x0 = std::min({x0, line[k].x, line[k + 1].x});
                x1 = std::max({x1, line[k].x, line[k + 1].x});
                y0 = std::min({y0, line[k].y, line[k + 1].y});
                y1 = std::max({y1, line[k].y, line[k + 1].y});
            }
        }
    if (segments.empty()) return;
    const double r = snapper.max_distance_m(), s = cell_m;
    col0_ = static_cast<std::int64_t>(std::floor((x0 - r) / s));
    row0_ = static_cast<std::int64_t>(std::floor((y0 - r) / s));
    width_ = static_cast<std::int64_t>(std::floor((x1 + r) / s)) + 1 - col0_;
    height_ = static_cast<std::int64_t>(std::floor((y1 + r) / s)) + 1 - row0_;
    cells_.assign(static_cast<std::size_t>(width_ * height_), Cell{});
    const double mps = snapper.off_network_mps();

    // Rows in bands, one band per task: a task writes only its rows, so no two threads touch
    // a cell; each reads every segment and skips those whose reach misses its rows.
    constexpr std::int64_t kBandRows = 64;
    const std::size_t bands = static_cast<std::size_t>((height_ + kBandRows - 1) / kBandRows);
    parallel_for(bands, worker_count(bands), [&](std::size_t band, std::size_t) {
        const std::int64_t j_lo = static_cast<std::int64_t>(band) * kBandRows;
        const std::int64_t j_hi = std::min(height_, j_lo + kBandRows);
        const double y_lo = (static_cast<double>(row0_ + j_lo) + 0.5) * s - r,
                     y_hi = (static_cast<double>(row0_ + j_hi) - 0.5) * s + r;
        std::vector<double> best(static_cast<std::size_t>((j_hi - j_lo) * width_),
                                 std::numeric_limits<double>::infinity());
        for (const Segment& seg : segments) {
            if (std::max(seg.a.y, seg.b.y) < y_lo || std::min(seg.a.y, seg.b.y) > y_hi) continue;
            const double dx = seg.b.x - seg.a.x, dy = seg.b.y - seg.a.y;
            const double len2 = dx * dx + dy * dy, len = std::sqrt(len2);
            const auto i_first = std::max<std::int64_t>(
                0,
                static_cast<std::int64_t>(std::ceil((std::min(seg.a.x, seg.b.x) - r) / s - 0.5)) -
                    col0_);
            const auto i_last = std::min<std::int64_t>(
                width_ - 1,
                static_cast<std::int64_t>(std::floor((std::max(seg.a.x, seg.b.x) + r) / s - 0.5)) -
                    col0_);
            const auto j_first = std::max<std::int64_t>(
                j_lo,
                static_cast<std::int64_t>(std::ceil((std::min(seg.a.y, seg.b.y) - r) / s - 0.5)) -
                    row0_);
            const auto j_last = std::min<std::int64_t>(
                j_hi - 1,
                static_cast<std::int64_t>(std::floor((std::max(seg.a.y, seg.b.y) + r) / s - 0.5)) -
                    row0_);
            for (std::int64_t j = j_first; j <= j_last; ++j) {
                const double yc = (static_cast<double>(row0_ + j) + 0.5) * s;
                for (std::int64_t i = i_first; i <= i_last; ++i) {
                    const double xc = (static_cast<double>(col0_ + i) + 0.5) * s;
                    const double t =
                        len2 > 0 ? std::clamp(((xc - seg.a.x) * dx + (yc - seg.a.y) * dy) / len2,
                                              0.0, 1.0)
                                 : 0.0;
                    const double d = std::hypot(xc - seg.a.x - t * dx, yc - seg.a.y - t * dy);
                    double& b = best[static_cast<std::size_t>((j - j_lo) * width_ + i)];
                    Cell& c = cells_[static_cast<std::size_t>(j * width_ + i)];
                    // As RoadSnapper: the nearest, and on a shared line the quicker road.
                    if (d > r || d > b || (d == b && g.seconds(seg.edge) >= g.seconds(c.edge)))
                        continue;
                    b = d;
                    c.edge = seg.edge;
                    c.fraction = seg.road_m > 0
                                     ? static_cast<float>((seg.before_m + t * len) / seg.road_m)
                                     : 0.0f;
                    c.leg_seconds = static_cast<float>(d / mps);
                }
            }
        }
    });
}

std::size_t SnapRaster::memory_bytes() const {
    return cells_.size() * sizeof(Cell) + tail_.size() * sizeof(NodeId) +
           twin_seconds_.size() * sizeof(float);
}

}  // namespace palliacarte
