#include "analysis/band_grid.hpp"

#include "model/ring_simplification.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace palliacarte::analysis {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

std::optional<BandGrid> BandGrid::covering(const model::Box& extent, double cell_m,
                                           std::size_t max_cells) {
    if (!(cell_m > 0) || bg::is_empty(extent)) return std::nullopt;
    BandGrid g;
    g.cell_m_ = cell_m;
    // One empty cell all round: tracing then never looks outside the grid.
    g.col0_ = static_cast<std::int64_t>(std::floor(extent.min_corner().x / cell_m)) - 1;
    g.row0_ = static_cast<std::int64_t>(std::floor(extent.min_corner().y / cell_m)) - 1;
    g.width_ = static_cast<std::int64_t>(std::floor(extent.max_corner().x / cell_m)) + 2 - g.col0_;
    g.height_ = static_cast<std::int64_t>(std::floor(extent.max_corner().y / cell_m)) + 2 - g.row0_;
    const double cells = static_cast<double>(g.width_) * static_cast<double>(g.height_);
    if (cells > static_cast<double>(max_cells)) return std::nullopt;
    g.cells_.assign(static_cast<std::size_t>(g.width_ * g.height_), 0);
    return g;
}

void BandGrid::mark_line(const std::vector<model::Point>& line, double radius) {
    if (line.size() == 1) mark_segment(line[0], line[0], radius);
    for (std::size_t k = 1; k < line.size(); ++k) mark_segment(line[k - 1], line[k], radius);
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Narrows [lo, hi] to the x with low <= c * x + k <= high.
void constrain(double c, double k, double low, double high, double& lo, double& hi) {
    if (c == 0) {
        if (k < low || k > high) lo = kInf, hi = -kInf;
        return;
    }
    double a = (low - k) / c, b = (high - k) / c;
    if (a > b) std::swap(a, b);
    lo = std::max(lo, a);
    hi = std::min(hi, b);
}

}  // namespace

void BandGrid::mark_segment(const model::Point& a, const model::Point& b, double r) {
    const double s = cell_m_;
    // Rows whose centre, at y = (row0_ + j + 0.5) * s, can lie within r of the segment; never
    // the border rows and columns.
    const auto j_first = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(std::ceil((std::min(a.y, b.y) - r) / s - 0.5)) - row0_);
    const auto j_last = std::min<std::int64_t>(
        height_ - 2,
        static_cast<std::int64_t>(std::floor((std::max(a.y, b.y) + r) / s - 0.5)) - row0_);
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double len = std::sqrt(len2);
    for (std::int64_t j = j_first; j <= j_last; ++j) {
        const double yc = (static_cast<double>(row0_ + j) + 0.5) * s;
        // The centres within r on this row form one interval (the band of a segment is
        // convex): the union of the two end discs and the strip beside the segment.
        double lo = kInf, hi = -kInf;
        for (const model::Point& p : {a, b}) {
            const double h = r * r - (yc - p.y) * (yc - p.y);
            if (h < 0) continue;
            const double w = std::sqrt(h);
            lo = std::min(lo, p.x - w);
            hi = std::max(hi, p.x + w);
        }
        if (len2 > 0) {
            double slo = -kInf, shi = kInf;
            // Projection within the segment, then distance to its line within r.
            constrain(dx, (yc - a.y) * dy - a.x * dx, 0, len2, slo, shi);
            constrain(dy, -a.x * dy - (yc - a.y) * dx, -r * len, r * len, slo, shi);
            if (slo <= shi) lo = std::min(lo, slo), hi = std::max(hi, shi);
        }
        if (lo > hi) continue;
        const auto i_first =
            std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(lo / s - 0.5)) - col0_);
        const auto i_last = std::min<std::int64_t>(
            width_ - 2, static_cast<std::int64_t>(std::floor(hi / s - 0.5)) - col0_);
        if (i_first > i_last) continue;
        if (i_max_ < i_min_) {
            i_min_ = i_first, i_max_ = i_last, j_min_ = j_max_ = j;
        } else {
            i_min_ = std::min(i_min_, i_first), i_max_ = std::max(i_max_, i_last);
            j_min_ = std::min(j_min_, j), j_max_ = std::max(j_max_, j);
        }
        std::memset(&cells_[static_cast<std::size_t>(j * width_ + i_first)], 1,
                    static_cast<std::size_t>(i_last - i_first + 1));
    }
}

void BandGrid::mark_cell(std::int64_t column, std::int64_t row) {
    const std::int64_t i = column - col0_, j = row - row0_;
    if (i < 1 || j < 1 || i > width_ - 2 || j > height_ - 2) return;
    if (i_max_ < i_min_) {
        i_min_ = i_max_ = i;
        j_min_ = j_max_ = j;
    } else {
        i_min_ = std::min(i_min_, i), i_max_ = std::max(i_max_, i);
        j_min_ = std::min(j_min_, j), j_max_ = std::max(j_max_, j);
    }
    cells_[static_cast<std::size_t>(j * width_ + i)] = 1;
}

std::size_t BandGrid::marked_count() const {
    return static_cast<std::size_t>(std::count(cells_.begin(), cells_.end(), 1));
}

namespace {

// Headings along cell edges: east, north, west, south; a left turn is the next one.
constexpr int kDx[4] = {1, 0, -1, 0};
constexpr int kDy[4] = {0, 1, 0, -1};
constexpr std::uint8_t kEast = 1, kNorth = 2, kWest = 4, kSouth = 8;

double shoelace(const std::vector<model::Point>& ring) {
    double a = 0;
    for (std::size_t k = 0, n = ring.size(); k < n; ++k) {
        const model::Point& p = ring[k];
        const model::Point& q = ring[(k + 1) % n];
        a += p.x * q.y - q.x * p.y;
    }
    return a / 2;
}

}  // namespace

model::MultiPolygon BandGrid::outline(double tolerance) const {
    std::vector<model::GridRing> rings = trace();
    for (auto& ring : rings)
        ring = model::simplified_ring(std::move(ring), 2 * tolerance / cell_m_, nullptr);
    return polygons(rings);
}

std::vector<model::GridRing> BandGrid::trace() const {
    std::vector<model::GridRing> rings;
    if (i_max_ < i_min_) return rings;
    // Vertices of the window around the marked cells: vertex (i, j) is the south-west corner of
    // cell (i0 + i, j0 + j).
    const std::int64_t i0 = i_min_ - 1, j0 = j_min_ - 1;
    const std::int64_t vw = i_max_ - i_min_ + 4, vh = j_max_ - j_min_ + 4;
    // Per vertex: the boundary edges leaving it (low 4 bits), kept with the marked cell on
    // their left, so outer rings run anticlockwise and holes clockwise; the high 4 bits are
    // the edges already traced.
    std::vector<std::uint8_t> out(static_cast<std::size_t>(vw * vh), 0);
    std::vector<std::size_t> ends;  // the vertices with edges, in order
    auto vertex = [&](std::int64_t i, std::int64_t j) {
        return static_cast<std::size_t>((j - j0) * vw + (i - i0));
    };
    auto leave = [&](std::size_t v, std::uint8_t heading) {
        if (!out[v]) ends.push_back(v);
        out[v] |= heading;
    };
    for (std::int64_t j = j_min_; j <= j_max_; ++j) {
        const std::uint8_t* row = &cells_[static_cast<std::size_t>(j * width_)];
        const std::uint8_t* below = row - width_;
        const std::uint8_t* above = row + width_;
        for (std::int64_t i = i_min_; i <= i_max_; ++i) {
            if (!row[i]) continue;
            if (!below[i]) leave(vertex(i, j), kEast);
            if (!row[i + 1]) leave(vertex(i + 1, j), kNorth);
            if (!above[i]) leave(vertex(i + 1, j + 1), kWest);
            if (!row[i - 1]) leave(vertex(i, j + 1), kSouth);
        }
    }
    for (const std::size_t v : ends) {
        while (std::uint8_t left = (out[v] & 0xF) & ~(out[v] >> 4)) {
            const int start_heading = std::countr_zero(left);
            model::GridRing pts;
            std::int64_t i = i0 + static_cast<std::int64_t>(v) % vw;
            std::int64_t j = j0 + static_cast<std::int64_t>(v) / vw;
            int h = start_heading;
            out[v] |= static_cast<std::uint8_t>(1 << (4 + h));
            for (;;) {
                i += kDx[h];
                j += kDy[h];
                const std::size_t at = vertex(i, j);
                const std::uint8_t leaving = out[at] & 0xF;
                // Two edges leave a vertex only where marked cells touch by a corner: turn
                // left, around the cell being followed.
                const bool corner_touch = std::popcount(leaving) == 2;
                const int next = corner_touch ? (h + 1) % 4 : std::countr_zero(leaving);
                // The midpoint of the edge taken: a staircase of cells becomes points on its
                // slope, which the simplification then reduces to a few.
                pts.push_back({2 * (col0_ + i) + kDx[next], 2 * (row0_ + j) + kDy[next]});
                if (at == v && next == start_heading) break;
                out[at] |= static_cast<std::uint8_t>(1 << (4 + next));
                h = next;
            }
            rings.push_back(std::move(pts));
        }
    }
    return rings;
}

model::MultiPolygon BandGrid::polygons(const std::vector<model::GridRing>& rings) const {
    struct TracedRing {
        model::Ring ring;
        double area;
    };
    std::vector<TracedRing> shells, holes;
    const double half = cell_m_ / 2;
    for (const auto& traced : rings) {
        // Boost's rings: outer clockwise, inner anticlockwise (traced the other way), closed.
        model::Ring ring;
        ring.reserve(traced.size() + 1);
        for (auto it = traced.rbegin(); it != traced.rend(); ++it)
            ring.push_back({static_cast<double>(it->x) * half, static_cast<double>(it->y) * half});
        ring.push_back(ring.front());
        const double area = -shoelace(ring);
        (area > 0 ? shells : holes).push_back({std::move(ring), std::abs(area)});
    }
    model::MultiPolygon result;
    result.reserve(shells.size());
    using Entry = std::pair<model::Box, std::size_t>;
    std::vector<Entry> boxes;
    for (std::size_t k = 0; k < shells.size(); ++k) {
        result.emplace_back();
        result.back().outer() = std::move(shells[k].ring);
        boxes.emplace_back(bg::return_envelope<model::Box>(result.back().outer()), k);
    }
    // Each hole belongs to the smallest outer ring around it (an island in a hole has its own
    // ring). Rings are large (tens of thousands of corners): test only when the boxes leave a
    // choice, never the last candidate.
    const bgi::rtree<Entry, bgi::quadratic<16>> tree(boxes);
    std::vector<std::size_t> around;
    for (auto& hole : holes) {
        const model::Point& p = hole.ring.front();
        around.clear();
        for (auto it = tree.qbegin(bgi::intersects(p)); it != tree.qend(); ++it)
            around.push_back(it->second);
        std::sort(around.begin(), around.end(),
                  [&](std::size_t a, std::size_t b) { return shells[a].area < shells[b].area; });
        for (std::size_t k = 0; k < around.size(); ++k)
            if (k + 1 == around.size() || bg::within(p, result[around[k]].outer())) {
                result[around[k]].inners().push_back(std::move(hole.ring));
                break;
            }
    }
    return result;
}

}  // namespace palliacarte::analysis
