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

// Where the projection of `p` falls along the segment, 0–1.
double along(const Segment& seg, const Point& p) {
    const double dx = seg.b.x - seg.a.x, dy = seg.b.y - seg.a.y, len2 = dx * dx + dy * dy;
    return len2 > 0 ? std::clamp(((p.x - seg.a.x) * dx + (p.y - seg.a.y) * dy) / len2, 0.0, 1.0)
                    : 0.0;
}

double distance(const Segment& seg, const Point& p) {
    const double t = along(seg, p);
    const double dx = p.x - seg.a.x - t * (seg.b.x - seg.a.x),
                 dy = p.y - seg.a.y - t * (seg.b.y - seg.a.y);
    return std::sqrt(dx * dx + dy * dy);  // not std::hypot: 3× slower, and no overflow here
}

}  // namespace

SnapRaster::SnapRaster(const RoadGraph& g, const RoadSnapper& snapper, double cell_m)
    : cell_m_(cell_m) {
    const std::size_t m = g.edge_count();
    tail_.resize(m);
    node_reach_m_.assign(g.node_count(), 0);
    twin_seconds_.assign(m, std::numeric_limits<float>::infinity());
    std::vector<Segment> segments;
    segments.reserve(m / 2 + g.shape_point.size());
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (NodeId u = 0; u < g.node_count(); ++u)
        for (auto e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
            tail_[e] = u;
            // How far this road strays from its ends (its shape points, the other end): a
            // search's window must hold its cells.
            const Point &pu = g.node_position[u], &pv = g.node_position[g.head(e)];
            auto reach = [&](NodeId n, const Point& from, const Point& to) {
                node_reach_m_[n] = std::max(
                    node_reach_m_[n], static_cast<float>(std::hypot(to.x - from.x, to.y - from.y)));
            };
            for (const Point& p : g.via(e)) reach(u, pu, p), reach(g.head(e), pv, p);
            reach(u, pu, pv);
            reach(g.head(e), pv, pu);
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
    const std::size_t cells = cells_.size();
    const double near = std::min(r, 2 * s);  // exact within two cells (stage 1 below)
    constexpr std::uint32_t kNoSegment = 0xFFFFFFFFu;
    auto centre = [&](std::int64_t i, std::int64_t j) {
        return Point{(static_cast<double>(col0_ + i) + 0.5) * s,
                     (static_cast<double>(row0_ + j) + 0.5) * s};
    };
    // As RoadSnapper: the nearest, and on a shared line the quicker road.
    auto closer = [&](double d, std::uint32_t k, float b, std::uint32_t current) {
        const auto df = static_cast<float>(d);
        if (df != b) return df < b;
        return current == kNoSegment ||
               g.seconds(segments[k].edge) < g.seconds(segments[current].edge);
    };
    // The first and last cells, along one axis (origin: the raster's first column or row),
    // whose centre lies within `near` of the span a–b, clamped to [lo, hi].
    auto centres_within = [&](double a, double b, std::int64_t origin, std::int64_t lo,
                              std::int64_t hi) {
        const auto first =
            static_cast<std::int64_t>(std::ceil((std::min(a, b) - near) / s - 0.5)) - origin;
        const auto last =
            static_cast<std::int64_t>(std::floor((std::max(a, b) + near) / s - 0.5)) - origin;
        return std::pair{std::max(lo, first), std::min(hi, last)};
    };
    std::vector<float> best(cells, std::numeric_limits<float>::infinity());
    std::vector<std::uint32_t> nearest(cells, kNoSegment);

    // 1. Exact within `near` (two cells, at most the snap limit): every segment against every
    // cell centre that close. Rows in bands, one band per task, each with the segments that
    // reach it: a task writes only its rows.
    constexpr std::int64_t kBandRows = 32;
    const std::size_t bands = static_cast<std::size_t>((height_ + kBandRows - 1) / kBandRows);
    std::vector<std::vector<std::uint32_t>> in_band(bands);
    for (std::uint32_t k = 0; k < segments.size(); ++k) {
        const Segment& seg = segments[k];
        const auto lo = std::clamp<std::int64_t>(
            static_cast<std::int64_t>(std::floor((std::min(seg.a.y, seg.b.y) - near) / s)) - row0_,
            0, height_ - 1);
        const auto hi = std::clamp<std::int64_t>(
            static_cast<std::int64_t>(std::floor((std::max(seg.a.y, seg.b.y) + near) / s)) - row0_,
            0, height_ - 1);
        for (std::int64_t band = lo / kBandRows; band <= hi / kBandRows; ++band)
            in_band[static_cast<std::size_t>(band)].push_back(k);
    }
    parallel_for(bands, worker_count(bands), [&](std::size_t band, std::size_t) {
        const std::int64_t j_lo = static_cast<std::int64_t>(band) * kBandRows;
        const std::int64_t j_hi = std::min(height_, j_lo + kBandRows);
        for (const std::uint32_t k : in_band[band]) {
            const Segment& seg = segments[k];
            const auto [i_first, i_last] = centres_within(seg.a.x, seg.b.x, col0_, 0, width_ - 1);
            const auto [j_first, j_last] = centres_within(seg.a.y, seg.b.y, row0_, j_lo, j_hi - 1);
            for (std::int64_t j = j_first; j <= j_last; ++j)
                for (std::int64_t i = i_first; i <= i_last; ++i) {
                    const std::size_t at = static_cast<std::size_t>(j * width_ + i);
                    const double d = distance(segments[k], centre(i, j));
                    if (d > near || !closer(d, k, best[at], nearest[at])) continue;
                    best[at] = static_cast<float>(d);
                    nearest[at] = k;
                }
        }
    });
    in_band.clear();

    // 2. Farther, up to the snap limit: each cell takes the nearest of its neighbours' segments
    // (two sweeps, as in Danielsson's vector distance transform), distances exact. A cell whose
    // nearest road lies beyond `near` sits in open country, where roads are few.
    auto offer = [&](std::int64_t i, std::int64_t j, std::int64_t ni, std::int64_t nj) {
        if (ni < 0 || nj < 0 || ni >= width_ || nj >= height_) return;
        const std::uint32_t k = nearest[static_cast<std::size_t>(nj * width_ + ni)];
        if (k == kNoSegment) return;
        const std::size_t at = static_cast<std::size_t>(j * width_ + i);
        const double d = distance(segments[k], centre(i, j));
        if (d > r || !closer(d, k, best[at], nearest[at])) return;
        best[at] = static_cast<float>(d);
        nearest[at] = k;
    };
    auto open_country = [&](std::int64_t i, std::int64_t j) {
        return !(best[static_cast<std::size_t>(j * width_ + i)] <= near);
    };
    for (std::int64_t j = 0; j < height_; ++j) {
        for (std::int64_t i = 0; i < width_; ++i)
            if (open_country(i, j)) {
                offer(i, j, i - 1, j);
                offer(i, j, i - 1, j - 1);
                offer(i, j, i, j - 1);
                offer(i, j, i + 1, j - 1);
            }
        for (std::int64_t i = width_ - 1; i >= 0; --i)
            if (open_country(i, j)) offer(i, j, i + 1, j);
    }
    for (std::int64_t j = height_ - 1; j >= 0; --j) {
        for (std::int64_t i = width_ - 1; i >= 0; --i)
            if (open_country(i, j)) {
                offer(i, j, i + 1, j);
                offer(i, j, i + 1, j + 1);
                offer(i, j, i, j + 1);
                offer(i, j, i - 1, j + 1);
            }
        for (std::int64_t i = 0; i < width_; ++i)
            if (open_country(i, j)) offer(i, j, i - 1, j);
    }

    // 3. The cells: the road, the position along it, the leg.
    parallel_for(bands, worker_count(bands), [&](std::size_t band, std::size_t) {
        const std::int64_t j_lo = static_cast<std::int64_t>(band) * kBandRows;
        const std::int64_t j_hi = std::min(height_, j_lo + kBandRows);
        for (std::int64_t j = j_lo; j < j_hi; ++j)
            for (std::int64_t i = 0; i < width_; ++i) {
                const std::size_t at = static_cast<std::size_t>(j * width_ + i);
                if (nearest[at] == kNoSegment) continue;
                const Segment& seg = segments[nearest[at]];
                const double t = along(seg, centre(i, j));
                const double len = std::hypot(seg.b.x - seg.a.x, seg.b.y - seg.a.y);
                Cell& c = cells_[at];
                c.edge = seg.edge;
                c.fraction =
                    seg.road_m > 0 ? static_cast<float>((seg.before_m + t * len) / seg.road_m) : 0;
                c.leg_seconds = static_cast<float>(best[at] / mps);
            }
    });
}

std::size_t SnapRaster::memory_bytes() const {
    return cells_.size() * sizeof(Cell) + tail_.size() * sizeof(NodeId) +
           twin_seconds_.size() * sizeof(float) + node_reach_m_.size() * sizeof(float);
}

}  // namespace palliacarte
