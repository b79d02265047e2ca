#include "routing/snap_raster.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "core/parallel.hpp"
#include "roads/edge_shape.hpp"

namespace palliacarte::routing {

namespace {

// Where the projection of `p` falls along the segment a–b, 0–1.
double along(const model::Point& a, const model::Point& b, const model::Point& p) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    return len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
}

double distance(const model::Point& a, const model::Point& b, const model::Point& p) {
    const double t = along(a, b, p);
    const double dx = p.x - a.x - t * (b.x - a.x), dy = p.y - a.y - t * (b.y - a.y);
    return std::sqrt(dx * dx + dy * dy);  // not std::hypot: 3× slower, and no overflow here
}

// While the raster is built, a cell holds its nearest piece of road so far: the edge, the
// piece's index in `fraction` (bit for bit) and its distance in metres in `leg_seconds`. The
// last stage turns them into the fraction and the leg. No side arrays: a country's raster has
// 100 million cells, and every byte per cell is 100 MB at the peak.
std::uint32_t piece_of(const SnapRaster::Cell& c) {
    return std::bit_cast<std::uint32_t>(c.fraction);
}
void hold(SnapRaster::Cell& c, roads::EdgeId e, std::uint32_t piece, double d) {
    c.edge = e;
    c.fraction = std::bit_cast<float>(piece);
    c.leg_seconds = static_cast<float>(d);
}

}  // namespace

namespace {

// Rows per band: the unit of work of the parallel stages (a task writes only its rows).
constexpr std::int64_t kBandRows = 32;

std::size_t band_count(std::int64_t height) {
    return static_cast<std::size_t>((height + kBandRows - 1) / kBandRows);
}

// As RoadSnapper: the nearest, and on a shared line the quicker road.
bool closer(const roads::RoadGraph& g, double d, roads::EdgeId e, const SnapRaster::Cell& c) {
    const auto df = static_cast<float>(d);
    if (df != c.leg_seconds) return df < c.leg_seconds;
    return c.edge == SnapRaster::kNoRoad || g.seconds(e) < g.seconds(c.edge);
}

}  // namespace

SnapRaster::SnapRaster(const roads::RoadGraph& g, const RoadSnapper& snapper, double cell_m)
    : cell_m_(cell_m) {
    // Filled here, read only afterwards (or mapped from the cache: routing/snap_raster_cache).
    Extent extent{};
    std::vector<roads::EdgeId> roads = index_roads(g, snapper, extent);
    if (roads.empty()) return;
    const double r = snapper.max_distance_m(), s = cell_m;
    col0_ = static_cast<std::int64_t>(std::floor((extent.x0 - r) / s));
    row0_ = static_cast<std::int64_t>(std::floor((extent.y0 - r) / s));
    width_ = static_cast<std::int64_t>(std::floor((extent.x1 + r) / s)) + 1 - col0_;
    height_ = static_cast<std::int64_t>(std::floor((extent.y1 + r) / s)) + 1 - row0_;
    cells_.owned().assign(static_cast<std::size_t>(width_ * height_),
                          Cell{kNoRoad, 0, std::numeric_limits<float>::infinity()});
    const double near = std::min(r, 2 * s);  // exact within two cells (stage 1)
    take_nearest_within(g, std::move(roads), near);
    sweep_open_country(g, r, near);
    finish_cells(g, snapper.off_network_mps());
}

model::Point SnapRaster::centre(std::int64_t i, std::int64_t j) const {
    return model::Point{(static_cast<double>(col0_ + i) + 0.5) * cell_m_,
                        (static_cast<double>(row0_ + j) + 0.5) * cell_m_};
}

// Per edge its tail and twin's time, per node how far its roads reach; the edges standing for
// a road (a two-way road's pair counts once) and their extent.
std::vector<roads::EdgeId> SnapRaster::index_roads(const roads::RoadGraph& g,
                                                   const RoadSnapper& snapper, Extent& extent) {
    std::vector<roads::NodeId>& own_tail = tail_.owned();
    std::vector<float>& own_twin = twin_seconds_.owned();
    std::vector<float>& own_reach = node_reach_m_.owned();
    const std::size_t m = g.edge_count();
    own_tail.resize(m);
    std::vector<double> reach2(g.node_count(), 0);
    own_twin.assign(m, std::numeric_limits<float>::infinity());
    std::vector<roads::EdgeId> roads;
    roads.reserve(m / 2 + 1);
    double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
    for (roads::NodeId u = 0; u < g.node_count(); ++u)
        for (auto e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
            own_tail[e] = u;
            // How far this road strays from its ends (its shape points, the other end): a
            // search's window must hold its cells.
            // (Squared here: one root per node at the end.)
            const model::Point &pu = g.node_position[u], &pv = g.node_position[g.head(e)];
            auto reach = [&](roads::NodeId n, const model::Point& from, const model::Point& to) {
                const double dx = to.x - from.x, dy = to.y - from.y;
                reach2[n] = std::max(reach2[n], dx * dx + dy * dy);
            };
            for (const model::Point& p : g.via(e)) reach(u, pu, p), reach(g.head(e), pv, p);
            reach(u, pu, pv);
            reach(g.head(e), pv, pu);
            if (!snapper.stands_for_road(e, u)) continue;
            if (const auto back = snapper.twin(e, u)) own_twin[e] = g.seconds(*back);
            roads.push_back(e);
            auto extend = [&](const model::Point& p) {
                x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
                y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
            };
            extend(pu), extend(pv);
            for (const model::Point& p : g.via(e)) extend(p);
        }
    own_reach.resize(g.node_count());
    for (std::size_t v = 0; v < reach2.size(); ++v)
        own_reach[v] = static_cast<float>(std::sqrt(reach2[v]));
    extent = {x0, y0, x1, y1};
    return roads;
}

// 1. Exact within `near` (two cells, at most the snap limit): every piece of road against
// every cell centre that close. Rows in bands, one band per task, each with the roads that
// reach it (in edge order, so ties fall as RoadSnapper's do): a task writes only its rows.
void SnapRaster::take_nearest_within(const roads::RoadGraph& g, std::vector<roads::EdgeId> roads,
                                     double near) {
    const double s = cell_m_;
    const std::vector<roads::NodeId>& own_tail = tail_.owned();
    std::vector<Cell>& own_cells = cells_.owned();
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
    const std::size_t bands = band_count(height_);
    auto band_range = [&](roads::EdgeId e) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        const roads::NodeId tail = own_tail[e];
        for (std::size_t k = 0; k <= g.via(e).size() + 1; ++k) {
            const double y = roads::edge_vertex(g, tail, e, k).y;
            lo = std::min(lo, y), hi = std::max(hi, y);
        }
        auto band = [&](double y) {
            return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(y / s)) - row0_, 0,
                                            height_ - 1) /
                   kBandRows;
        };
        return std::pair{band(lo - near), band(hi + near)};
    };
    // The roads of each band, in compressed rows: a vector per band costs its headers and
    // slack on 300 bands × millions of roads.
    std::vector<std::uint32_t> first_in_band(bands + 1, 0);
    for (const roads::EdgeId e : roads) {
        const auto [lo, hi] = band_range(e);
        for (auto b = lo; b <= hi; ++b) ++first_in_band[static_cast<std::size_t>(b) + 1];
    }
    for (std::size_t b = 0; b < bands; ++b) first_in_band[b + 1] += first_in_band[b];
    std::vector<roads::EdgeId> band_roads(first_in_band[bands]);
    {
        std::vector<std::uint32_t> fill(first_in_band.begin(), first_in_band.end() - 1);
        for (const roads::EdgeId e : roads) {
            const auto [lo, hi] = band_range(e);
            for (auto b = lo; b <= hi; ++b) band_roads[fill[static_cast<std::size_t>(b)]++] = e;
        }
    }
    roads = {};
    core::parallel_for(bands, core::worker_count(bands), [&](std::size_t band, std::size_t) {
        const std::int64_t j_lo = static_cast<std::int64_t>(band) * kBandRows;
        const std::int64_t j_hi = std::min(height_, j_lo + kBandRows);
        for (auto at = first_in_band[band]; at < first_in_band[band + 1]; ++at) {
            const roads::EdgeId e = band_roads[at];
            const roads::NodeId tail = own_tail[e];
            const auto pieces = static_cast<std::uint32_t>(g.via(e).size()) + 1;
            model::Point a = roads::edge_vertex(g, tail, e, 0);
            for (std::uint32_t k = 0; k < pieces; ++k) {
                const model::Point b = roads::edge_vertex(g, tail, e, k + 1);
                const auto [j_first, j_last] = centres_within(a.y, b.y, row0_, j_lo, j_hi - 1);
                if (j_first <= j_last) {
                    const auto [i_first, i_last] = centres_within(a.x, b.x, col0_, 0, width_ - 1);
                    // The hot loop: squared distances first (the piece's terms worked out
                    // once), a root only for a cell this piece may take.
                    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
                    const double inv_len2 = len2 > 0 ? 1 / len2 : 0;
                    for (std::int64_t j = j_first; j <= j_last; ++j) {
                        const double py = (static_cast<double>(row0_ + j) + 0.5) * s - a.y;
                        for (std::int64_t i = i_first; i <= i_last; ++i) {
                            const double px = (static_cast<double>(col0_ + i) + 0.5) * s - a.x;
                            const double t = std::clamp((px * dx + py * dy) * inv_len2, 0.0, 1.0);
                            const double ex = px - t * dx, ey = py - t * dy;
                            const double d2 = ex * ex + ey * ey;
                            Cell& c = own_cells[static_cast<std::size_t>(j * width_ + i)];
                            // (1e-6 of slack: the float distance decides, as in closer().)
                            if (d2 > near * near ||
                                d2 > double(c.leg_seconds) * c.leg_seconds * (1 + 1e-6))
                                continue;
                            const double d = std::sqrt(d2);
                            if (closer(g, d, e, c)) hold(c, e, k, d);
                        }
                    }
                }
                a = b;
            }
        }
    });
}

// 2. Farther, up to the snap limit `max_m`: each cell takes the nearest of its neighbours'
// pieces (two sweeps, as in Danielsson's vector distance transform), distances exact. A cell
// whose nearest road lies beyond `near` sits in open country, where roads are few.
void SnapRaster::sweep_open_country(const roads::RoadGraph& g, double max_m, double near) {
    std::vector<Cell>& own_cells = cells_.owned();
    const std::vector<roads::NodeId>& own_tail = tail_.owned();
    auto offer = [&](std::int64_t i, std::int64_t j, std::int64_t ni, std::int64_t nj) {
        if (ni < 0 || nj < 0 || ni >= width_ || nj >= height_) return;
        const Cell& from = own_cells[static_cast<std::size_t>(nj * width_ + ni)];
        if (from.edge == kNoRoad) return;
        const roads::EdgeId e = from.edge;
        const std::uint32_t k = piece_of(from);
        const double d = distance(roads::edge_vertex(g, own_tail[e], e, k),
                                  roads::edge_vertex(g, own_tail[e], e, k + 1), centre(i, j));
        Cell& c = own_cells[static_cast<std::size_t>(j * width_ + i)];
        if (d <= max_m && closer(g, d, e, c)) hold(c, e, k, d);
    };
    auto open_country = [&](std::int64_t i, std::int64_t j) {
        return !(own_cells[static_cast<std::size_t>(j * width_ + i)].leg_seconds <= near);
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
}

// 3. The cells: the position along the road and the leg. Neighbouring cells mostly join the
// same road: its lengths along are worked out once for a run of them.
void SnapRaster::finish_cells(const roads::RoadGraph& g, double mps) {
    std::vector<Cell>& own_cells = cells_.owned();
    const std::vector<roads::NodeId>& own_tail = tail_.owned();
    const std::size_t bands = band_count(height_);
    core::parallel_for(bands, core::worker_count(bands), [&](std::size_t band, std::size_t) {
        const std::int64_t j_lo = static_cast<std::int64_t>(band) * kBandRows;
        const std::int64_t j_hi = std::min(height_, j_lo + kBandRows);
        roads::EdgeId road = kNoRoad;
        std::vector<float> before;  // per piece of `road`: its drawn length before that piece
        float road_m = 0;
        for (std::int64_t j = j_lo; j < j_hi; ++j)
            for (std::int64_t i = 0; i < width_; ++i) {
                Cell& c = own_cells[static_cast<std::size_t>(j * width_ + i)];
                if (c.edge == kNoRoad) {
                    c.leg_seconds = 0;
                    continue;
                }
                const roads::NodeId tail = own_tail[c.edge];
                if (c.edge != road) {
                    road = c.edge;
                    before.assign(1, 0.0f);
                    double total = 0;
                    for (std::size_t k = 0; k <= g.via(road).size(); ++k) {
                        const model::Point a = roads::edge_vertex(g, tail, road, k),
                                           b = roads::edge_vertex(g, tail, road, k + 1);
                        const double len = std::hypot(b.x - a.x, b.y - a.y);  // as RoadSnapper
                        before.push_back(before.back() + static_cast<float>(len));
                        total += len;
                    }
                    road_m = static_cast<float>(total);
                }
                const std::uint32_t k = piece_of(c);
                const model::Point a = roads::edge_vertex(g, tail, road, k),
                                   b = roads::edge_vertex(g, tail, road, k + 1);
                const double t = along(a, b, centre(i, j));
                const double len = std::hypot(b.x - a.x, b.y - a.y);
                c.fraction = road_m > 0 ? static_cast<float>((before[k] + t * len) / road_m) : 0;
                c.leg_seconds = static_cast<float>(c.leg_seconds / mps);
            }
    });
}

std::size_t SnapRaster::memory_bytes() const {
    return cells_.memory_bytes() + tail_.memory_bytes() + twin_seconds_.memory_bytes() +
           node_reach_m_.memory_bytes();
}

}  // namespace palliacarte::routing
