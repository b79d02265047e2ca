#include "analysis/time_surface.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/geometry.hpp>

#include "analysis/band_grid.hpp"
#include "analysis/nested_outlines.hpp"

namespace palliacarte::analysis {

namespace bg = boost::geometry;

namespace {

// The window's cells by the first limit (ascending) they are within, as row-major indices: each
// limit's outline marks its own cells on top of the previous ones', and the cells are read once.
// A cell's time is that of its centre: off-network leg to its road, then along the road to (or
// from) the nodes the search reached; infinity with no road within the snap limit.
std::vector<std::vector<std::uint32_t>> cells_by_limit(const SurfaceSearch& s, std::int64_t i0,
                                                       std::int64_t j0, std::int64_t w,
                                                       std::int64_t h,
                                                       const std::vector<double>& limits) {
    const routing::SnapRaster& r = s.raster;
    std::vector<std::pair<roads::EdgeId, std::size_t>> on_road;  // places by the edge they snap to
    for (std::size_t p = 0; p < s.places.size(); ++p) on_road.emplace_back(s.places[p].edge, p);
    std::sort(on_road.begin(), on_road.end());
    const bool from = s.direction == routing::SearchDirection::from_sources;
    std::vector<std::vector<std::uint32_t>> out(limits.size());
    if (limits.empty()) return out;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    // Neighbouring cells mostly join the same road: its ends' times are read once for a run
    // of them (each read is a cache miss on a country's graph).
    roads::EdgeId e = routing::SnapRaster::kNoRoad;
    double t_tail = 0, t_head = 0, we = 0, wt = 0;
    for (std::int64_t j = 0; j < h; ++j)
        for (std::int64_t i = 0; i < w; ++i) {
            const routing::SnapRaster::Cell& c = r.at(i0 + i, j0 + j);
            if (c.edge == routing::SnapRaster::kNoRoad) continue;
            if (c.edge != e) {
                e = c.edge;
                t_tail = s.node_seconds(r.tail(e));
                t_head = s.node_seconds(s.graph.head(e));
                we = s.graph.seconds(e);
                wt = r.twin_seconds(e);
            }
            // Along the road to (or from) the reached node at either end, as a point joins it.
            // The fraction may round a hair past the road's end, and a one-way road has no way
            // back (wt infinite): that way is left out, never (-0 or 0) × infinity, which made
            // such cells -infinity or NaN and dropped them from every limit.
            const double f = std::clamp(static_cast<double>(c.fraction), 0.0, 1.0);
            const bool two_way = wt < kInf;
            double t = from ? std::min(t_tail + f * we, two_way ? t_head + (1 - f) * wt : kInf)
                            : std::min(t_head + (1 - f) * we, two_way ? t_tail + f * wt : kInf);
            t += c.leg_seconds;
            // Or straight along the road from a place on it.
            for (auto it = std::lower_bound(on_road.begin(), on_road.end(),
                                            std::make_pair(e, std::size_t{0}));
                 it != on_road.end() && it->first == e; ++it) {
                const routing::RoadSnap cell = r.snap(c);
                const routing::RoadSnap& place = s.places[it->second];
                t = std::min(t, from ? s.snapper.along_same_road(place, cell)
                                     : s.snapper.along_same_road(cell, place));
            }
            // Compared in single precision, as the times of the points are kept.
            const double seconds = static_cast<float>(t);
            if (!(seconds <= limits.back())) continue;
            std::size_t k = 0;
            while (!(seconds <= limits[k])) ++k;
            out[k].push_back(static_cast<std::uint32_t>(j * w + i));
        }
    return out;
}

}  // namespace

model::Box reached_window(const roads::RoadGraph& graph, const routing::SnapRaster& raster,
                          const std::vector<roads::NodeId>& settled, double snap_limit_m) {
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (const roads::NodeId v : settled) {
        // A cell may join a long road far from its reached end.
        const model::Point& p = graph.node_position[v];
        const double r = raster.node_reach_m(v);
        x0 = std::min(x0, p.x - r), y0 = std::min(y0, p.y - r);
        x1 = std::max(x1, p.x + r), y1 = std::max(y1, p.y + r);
    }
    model::Box box;
    bg::assign_inverse(box);
    if (x0 > x1) return box;
    return model::Box({x0 - snap_limit_m, y0 - snap_limit_m},
                      {x1 + snap_limit_m, y1 + snap_limit_m});
}

std::vector<model::MultiPolygon> surface_catchment_polygons(
    const SurfaceSearch& s, const model::Box& window, const std::vector<double>& limits_seconds,
    double tolerance_m) {
    std::vector<model::MultiPolygon> out(limits_seconds.size());
    const routing::SnapRaster& r = s.raster;
    if (bg::is_empty(window) || r.width() == 0) return out;
    const double cell = r.cell_m();
    // The window's cells, as raster indices.
    const std::int64_t i0 = std::max<std::int64_t>(
        0, static_cast<std::int64_t>(std::floor(window.min_corner().x / cell)) - r.first_column());
    const std::int64_t j0 = std::max<std::int64_t>(
        0, static_cast<std::int64_t>(std::floor(window.min_corner().y / cell)) - r.first_row());
    const std::int64_t i1 = std::min<std::int64_t>(
        r.width() - 1,
        static_cast<std::int64_t>(std::floor(window.max_corner().x / cell)) - r.first_column());
    const std::int64_t j1 = std::min<std::int64_t>(
        r.height() - 1,
        static_cast<std::int64_t>(std::floor(window.max_corner().y / cell)) - r.first_row());
    if (i1 < i0 || j1 < j0) return out;
    const std::int64_t w = i1 - i0 + 1, h = j1 - j0 + 1;
    // Row-major indices of the window's cells fit 32 bits: a raster is far smaller.
    if (static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h) >
        std::numeric_limits<std::uint32_t>::max())
        return out;
    const auto bands = cells_by_limit(s, i0, j0, w, h, limits_seconds);
    const model::Box extent({static_cast<double>(r.first_column() + i0) * cell,
                             static_cast<double>(r.first_row() + j0) * cell},
                            {static_cast<double>(r.first_column() + i1 + 1) * cell - cell / 2,
                             static_cast<double>(r.first_row() + j1 + 1) * cell - cell / 2});
    auto grid = BandGrid::covering(extent, cell, std::size_t{1} << 30);
    if (!grid) return out;
    return nested_grid_outlines(
        *grid, limits_seconds.size(), tolerance_m, [&](std::size_t k, BandGrid& g) {
            for (const std::uint32_t at : bands[k])
                g.mark_cell(r.first_column() + i0 + at % w, r.first_row() + j0 + at / w);
            return !bands[k].empty() || k == 0;
        });
}

}  // namespace palliacarte::analysis
