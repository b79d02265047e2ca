#include "analysis/travel_time_model.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <map>
#include <tuple>

#include "analysis/time_surface.hpp"
#include "core/parallel.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"
#include "routing/nearest_source.hpp"
#include "routing/snap_raster_cache.hpp"

namespace palliacarte::analysis {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

// CSR of the points hanging off each node: node v's points are list[first[v]..first[v+1]).
void index_points_by_node(const std::vector<std::vector<routing::SearchStart>>& access,
                          std::size_t nodes, std::vector<std::uint32_t>& first,
                          std::vector<std::uint32_t>& list) {
    first.assign(nodes + 1, 0);
    for (const auto& a : access)
        for (const auto& s : a) ++first[s.node + 1];
    for (std::size_t v = 0; v < nodes; ++v) first[v + 1] += first[v];
    list.assign(first[nodes], 0);
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::uint32_t i = 0; i < access.size(); ++i)
        for (const auto& s : access[i]) list[fill[s.node]++] = i;
}

// The start nodes of the usable places (of CRS `epsg` only, when given), each tagged with its
// place's index: one multi-source search from all of them.
std::vector<routing::SourceStart> source_starts(const std::vector<Place>& places,
                                                routing::SearchDirection direction,
                                                std::optional<int> epsg = std::nullopt) {
    std::vector<routing::SourceStart> starts;
    for (std::uint32_t s = 0; s < places.size(); ++s) {
        const Place& p = places[s];
        if (!p.usable || (epsg && p.epsg != *epsg)) continue;
        for (const auto& st :
             direction == routing::SearchDirection::from_sources ? p.starts_out : p.starts_in)
            starts.push_back({s, st.node, st.seconds});
    }
    return starts;
}

}  // namespace

TravelTimeModel::TravelTimeModel(std::shared_ptr<const roads::RoadGraph> roads_graph,
                                 double off_network_kmh, double snap_max_m,
                                 std::shared_ptr<const PopulationPoints> points,
                                 bool off_road_out_of_reach)
    : points_(std::move(points)),
      roads_(std::move(roads_graph)),
      snapper_(std::make_unique<routing::RoadSnapper>(*roads_, off_network_kmh, snap_max_m)) {
    const roads::RoadGraph& roads = *roads_;
    const std::size_t n = points_->points.size();
    arrive_.resize(n);
    depart_.resize(n);
    off_road_timed_ = !off_road_out_of_reach;
    std::vector<std::uint8_t> snapped(n, 0);
    on_road_.resize(n);
    core::parallel_for(n, core::worker_count(n / 512 + 1), [&](std::size_t i, std::size_t) {
        auto snap = snapper_->snap(points_->points[i].position);
        if (!snap) {
            if (off_road_out_of_reach) return;
            snap = snapper_->snap(points_->points[i].position, kOffRoadReachM);
            if (!snap) return;
        } else {
            snapped[i] = 1;
        }
        on_road_[i] = {snap->edge, static_cast<float>(snap->fraction),
                       static_cast<float>(snap->leg_seconds), true};
        // A point is reached the way a search would leave it in the other direction.
        arrive_[i] = snapper_->starts(*snap, routing::SearchDirection::to_sources);
        depart_[i] = snapper_->starts(*snap, routing::SearchDirection::from_sources);
    });
    for (std::size_t i = 0; i < n; ++i) {
        if (!snapped[i]) off_road_points_.push_back(static_cast<std::uint32_t>(i));
        if (on_road_[i].snapped)
            points_by_edge_.emplace_back(on_road_[i].edge, static_cast<std::uint32_t>(i));
    }
    std::sort(points_by_edge_.begin(), points_by_edge_.end());
    index_points_by_node(arrive_, roads.node_count(), first_point_arrive_, node_point_arrive_);
    index_points_by_node(depart_, roads.node_count(), first_point_depart_, node_point_depart_);
}

TravelTimeModel::TravelTimeModel(const model::CrowFlyModel& crow_fly,
                                 std::shared_ptr<const PopulationPoints> points,
                                 const std::vector<int>& point_epsg)
    : points_(std::move(points)), crow_fly_(crow_fly), point_epsg_(point_epsg) {}

TravelTimeModel::~TravelTimeModel() = default;

Place TravelTimeModel::place(const model::Point& position, int epsg) const {
    Place p;
    p.position = position;
    p.epsg = epsg;
    p.on_road = position;
    if (!roads_) return p;
    const auto snap = snapper_->snap(position);
    if (!snap) {
        p.usable = false;
        return p;
    }
    p.snap_m = snap->distance_m;
    p.on_road = snap->on_road;
    p.starts_out = snapper_->starts(*snap, routing::SearchDirection::from_sources);
    p.starts_in = snapper_->starts(*snap, routing::SearchDirection::to_sources);
    p.snap = snap;
    return p;
}

template <class Visit>
void TravelTimeModel::along_place_road(const Place& place, routing::SearchDirection direction,
                                       Visit&& visit) const {
    if (!place.snap) return;
    const roads::EdgeId e = place.snap->edge;
    auto it = std::lower_bound(points_by_edge_.begin(), points_by_edge_.end(),
                               std::make_pair(e, std::uint32_t{0}));
    for (; it != points_by_edge_.end() && it->first == e; ++it) {
        const OnRoad& r = on_road_[it->second];
        const routing::RoadSnap point{r.edge, r.fraction, {}, 0, r.leg_seconds};
        const double t = direction == routing::SearchDirection::from_sources
                             ? snapper_->along_same_road(*place.snap, point)
                             : snapper_->along_same_road(point, *place.snap);
        if (t < routing::kUnreached) visit(it->second, t);
    }
}

template <class NodeSeconds>
double TravelTimeModel::point_seconds(std::size_t i, routing::SearchDirection direction,
                                      NodeSeconds&& node) const {
    const auto& access =
        direction == routing::SearchDirection::from_sources ? arrive_[i] : depart_[i];
    double best = routing::kUnreached;
    for (const auto& a : access) best = std::min(best, node(a.node) + a.seconds);
    return best;
}

NearestPlaces TravelTimeModel::nearest(const std::vector<Place>& places,
                                       routing::SearchDirection direction) const {
    const std::size_t n = points_->points.size();
    NearestPlaces out;
    out.seconds.assign(n, routing::kUnreached);
    out.place.assign(n, NearestPlaces::kNone);
    if (places.empty()) return out;
    if (!roads_) {
        core::parallel_for(n, core::worker_count(n / 4096 + 1), [&](std::size_t i, std::size_t) {
            const model::Point& p = points_->points[i].position;
            for (std::uint32_t s = 0; s < places.size(); ++s) {
                if (places[s].epsg != point_epsg_[i]) continue;  // another CRS, another land
                const double t = crow_fly_.seconds(p, places[s].position);
                if (t < out.seconds[i]) {
                    out.seconds[i] = t;
                    out.place[i] = s;
                }
            }
        });
        return out;
    }
    const std::vector<routing::SourceStart> starts = source_starts(places, direction);
    routing::NearestSource ns = routing::nearest_source(*roads_, starts, direction);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& access =
            direction == routing::SearchDirection::from_sources ? arrive_[i] : depart_[i];
        for (const auto& a : access) {
            const double t = ns.seconds[a.node] + a.seconds;
            if (t < out.seconds[i]) {
                out.seconds[i] = t;
                out.place[i] = ns.source[a.node];
            }
        }
    }
    for (std::uint32_t s = 0; s < places.size(); ++s)
        if (places[s].usable)
            along_place_road(places[s], direction, [&](std::uint32_t i, double t) {
                if (t < out.seconds[i]) {
                    out.seconds[i] = t;
                    out.place[i] = s;
                }
            });
    out.node_seconds = std::move(ns.seconds);
    return out;
}

std::vector<PointTimes> TravelTimeModel::within(const std::vector<Place>& places,
                                                routing::SearchDirection direction,
                                                double limit_seconds) const {
    std::vector<PointTimes> out(places.size());
    if (places.empty()) return out;
    const std::size_t workers = core::worker_count(places.size());
    if (!roads_) {
        using Entry = std::pair<model::Point, std::uint32_t>;
        std::vector<Entry> entries;
        entries.reserve(points_->points.size());
        for (std::uint32_t i = 0; i < points_->points.size(); ++i)
            entries.emplace_back(points_->points[i].position, i);
        const bgi::rtree<Entry, bgi::quadratic<16>> tree(entries);
        const double r = crow_fly_.radius_m(limit_seconds);
        core::parallel_for(places.size(), workers, [&](std::size_t s, std::size_t) {
            const model::Point& c = places[s].position;
            const model::Box box({c.x - r, c.y - r}, {c.x + r, c.y + r});
            for (auto it = tree.qbegin(bgi::within(box)); it != tree.qend(); ++it) {
                if (point_epsg_[it->second] != places[s].epsg) continue;
                const double t = crow_fly_.seconds(c, it->first);
                if (t <= limit_seconds) out[s].emplace_back(it->second, static_cast<float>(t));
            }
            std::sort(out[s].begin(), out[s].end());
        });
        return out;
    }
    const bool forward = direction == routing::SearchDirection::from_sources;
    std::vector<std::unique_ptr<routing::OneToManySearch>> searches;
    for (std::size_t w = 0; w < workers; ++w)
        searches.push_back(std::make_unique<routing::OneToManySearch>(*roads_));
    core::parallel_for(places.size(), workers, [&](std::size_t s, std::size_t w) {
        if (!places[s].usable) return;
        routing::OneToManySearch& search = *searches[w];
        search.run(forward ? places[s].starts_out : places[s].starts_in, limit_seconds, direction);
        collect_within(places[s], search, limit_seconds, out[s]);
    });
    return out;
}

void TravelTimeModel::collect_within(const Place& place, const routing::OneToManySearch& search,
                                     double limit_seconds, PointTimes& result) const {
    const routing::SearchDirection direction = search.direction();
    const bool forward = direction == routing::SearchDirection::from_sources;
    const auto& first = forward ? first_point_arrive_ : first_point_depart_;
    const auto& list = forward ? node_point_arrive_ : node_point_depart_;
    for (const roads::NodeId v : search.settled())
        for (auto k = first[v]; k < first[v + 1]; ++k) {
            const std::uint32_t i = list[k];
            const double t =
                point_seconds(i, direction, [&](roads::NodeId u) { return search.seconds(u); });
            if (t <= limit_seconds) result.emplace_back(i, static_cast<float>(t));
        }
    along_place_road(place, direction, [&](std::uint32_t i, double t) {
        if (t <= limit_seconds) result.emplace_back(i, static_cast<float>(t));
    });
    // A point joins the road by up to two nodes (and maybe its place's road): keep it once, at
    // its shortest time.
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 result.end());
}

std::vector<std::vector<model::MultiPolygon>> TravelTimeModel::catchments(
    const std::vector<Place>& places, routing::SearchDirection direction,
    const std::vector<double>& limits_seconds, const config::CatchmentShape& shape,
    const TerritoryOutline* clip, PointsWithin points) const {
    std::vector<std::vector<model::MultiPolygon>> out(places.size());
    // The points within a limit from the surfaces' own searches (to the longest limit); the
    // road bands search limit by limit, and crow-fly has no search: within() for those.
    const bool shared_search = points.out && roads_ && !shape.road_bands &&
                               !limits_seconds.empty() &&
                               points.limit_seconds <= limits_seconds.back();
    if (points.out) {
        if (shared_search)
            points.out->assign(places.size(), {});
        else
            *points.out = within(places, direction, points.limit_seconds);
    }
    if (places.empty()) return out;
    // Several FINESS establishments often share one site (a hospital's entities): one polygon
    // per distinct start, copied to the others.
    std::map<std::tuple<double, double, int>, std::size_t> first_at;
    std::vector<std::size_t> same_as(places.size());
    std::vector<std::size_t> distinct;
    for (std::size_t s = 0; s < places.size(); ++s) {
        const auto key =
            std::make_tuple(places[s].position.x, places[s].position.y, places[s].epsg);
        auto [it, fresh] = first_at.emplace(key, s);
        same_as[s] = it->second;
        if (fresh) distinct.push_back(s);
    }
    // Per worker: a search, a GEOS context and its own copy of the clip outlines, made when
    // first needed (GEOS caches envelopes lazily, so even reading one geometry from two threads
    // races).
    const std::size_t workers = core::worker_count(distinct.size());
    std::vector<std::unique_ptr<routing::OneToManySearch>> searches;
    std::vector<std::unique_ptr<geos::GeosContext>> contexts;
    std::vector<std::map<int, std::unique_ptr<geos::OutlineClip>>> clips(workers);
    for (std::size_t w = 0; w < workers; ++w) {
        if (roads_) searches.push_back(std::make_unique<routing::OneToManySearch>(*roads_));
        contexts.push_back(std::make_unique<geos::GeosContext>());
    }
    auto clip_for = [&](std::size_t w, int epsg) -> const geos::OutlineClip* {
        const model::MultiPolygon* outline = clip ? clip->in(epsg) : nullptr;
        if (!outline) return nullptr;
        auto [it, fresh] = clips[w].try_emplace(epsg);
        if (fresh) it->second = std::make_unique<geos::OutlineClip>(*contexts[w], *outline);
        return it->second.get();
    };
    const bool forward = direction == routing::SearchDirection::from_sources;
    const routing::SnapRaster* raster_ptr =
        roads_ && !shape.road_bands ? &snap_raster(shape.surface_cell_m) : nullptr;
    core::parallel_for(distinct.size(), workers, [&](std::size_t j, std::size_t w) {
        const std::size_t s = distinct[j];
        const Place& p = places[s];
        auto& polys = out[s];
        if (!roads_) {
            for (const double limit : limits_seconds)
                polys.push_back(crow_fly_catchment_polygon(p.position, crow_fly_, limit));
        } else {
            polys.resize(limits_seconds.size());
            if (!p.usable) return;
            routing::OneToManySearch& search = *searches[w];
            if (raster_ptr) {
                const routing::SnapRaster& raster = *raster_ptr;
                // One search to the longest limit: the surface gives every limit.
                search.run(forward ? p.starts_out : p.starts_in, limits_seconds.back(), direction);
                if (shared_search)
                    collect_within(p, search, points.limit_seconds, (*points.out)[s]);
                const SurfaceSearch surface{raster,    *roads_,   *snapper_,
                                            {&search}, {*p.snap}, direction};
                polys = surface_catchment_polygons(
                    surface,
                    reached_window(*roads_, raster, search.settled(), snapper_->max_distance_m()),
                    limits_seconds, 0.35 * raster.cell_m());
                if (const geos::OutlineClip* outline = clip_for(w, p.epsg))
                    for (auto& poly : polys) poly = outline->clip(poly);
                return;
            }
            // Each limit is the previous one plus the roads reached beyond it.
            std::vector<std::vector<std::vector<model::Point>>> pieces(limits_seconds.size());
            for (std::size_t k = 0; k < limits_seconds.size(); ++k) {
                search.run(forward ? p.starts_out : p.starts_in, limits_seconds[k], direction);
                pieces[k] =
                    reached_road_pieces(*roads_, search, k == 0 ? -1 : limits_seconds[k - 1]);
            }
            polys = road_catchment_polygons(*contexts[w], pieces, shape, {p.position, p.on_road});
        }
        if (const geos::OutlineClip* outline = clip_for(w, p.epsg))
            for (auto& poly : polys) poly = outline->clip(poly);
    });
    for (std::size_t s = 0; s < places.size(); ++s)
        if (same_as[s] != s) {
            out[s] = out[same_as[s]];
            if (shared_search) (*points.out)[s] = (*points.out)[same_as[s]];
        }
    return out;
}

const routing::SnapRaster& TravelTimeModel::snap_raster(double cell_m) const {
    const std::lock_guard lock(rasters_mutex_);
    KeptRaster& kept = rasters_[cell_m];
    if (!kept.raster)
        kept.raster = routing::cached_snap_raster(*roads_, *snapper_, cell_m, road_cache_file_,
                                                  kept.from_cache);
    return *kept.raster;
}

bool TravelTimeModel::snap_raster_from_cache(double cell_m) const {
    const std::lock_guard lock(rasters_mutex_);
    const auto it = rasters_.find(cell_m);
    return it != rasters_.end() && it->second.from_cache;
}

std::vector<model::MultiPolygon> TravelTimeModel::union_catchments(
    const std::vector<Place>& places, routing::SearchDirection direction,
    const std::vector<double>& limits_seconds, const config::CatchmentShape& shape, int epsg,
    const TerritoryOutline* clip, const NearestPlaces* nearest) const {
    std::vector<model::MultiPolygon> out(limits_seconds.size());
    if (!roads_ || shape.road_bands || limits_seconds.empty()) return out;
    const std::vector<routing::SourceStart> starts = source_starts(places, direction, epsg);
    std::vector<routing::RoadSnap> snaps;
    bool all_in_epsg = true;
    for (const Place& p : places) {
        if (p.usable && p.epsg == epsg && p.snap) snaps.push_back(*p.snap);
        all_in_epsg = all_in_epsg && (!p.usable || p.epsg == epsg);
    }
    if (starts.empty()) return out;
    // nearest() searched from the same places without a limit: the same times up to it.
    const bool reuse =
        nearest && all_in_epsg && nearest->node_seconds.size() == roads_->node_count();
    routing::NearestSource own;
    if (!reuse) own = routing::nearest_source(*roads_, starts, direction, limits_seconds.back());
    const std::vector<double>& node_seconds = reuse ? nearest->node_seconds : own.seconds;
    std::vector<roads::NodeId> settled;
    for (roads::NodeId v = 0; v < node_seconds.size(); ++v)
        if (node_seconds[v] <= limits_seconds.back()) settled.push_back(v);
    const routing::SnapRaster& raster = snap_raster(shape.surface_cell_m);
    const SurfaceSearch surface{
        raster, *roads_, *snapper_, {nullptr, node_seconds.data()}, std::move(snaps), direction};
    out = surface_catchment_polygons(
        surface, reached_window(*roads_, raster, settled, snapper_->max_distance_m()),
        limits_seconds, 0.35 * raster.cell_m());
    const model::MultiPolygon* outline = clip ? clip->in(epsg) : nullptr;
    if (!outline) return out;
    // The limits on all cores, a GEOS context each.
    core::parallel_for(out.size(), core::worker_count(out.size()), [&](std::size_t k, std::size_t) {
        const geos::GeosContext local;
        out[k] = geos::OutlineClip(local, *outline).clip(out[k]);
    });
    return out;
}

}  // namespace palliacarte::analysis
