#pragma once
// Travel times between places (structures, candidate sites) and population points, by road when
// the territory has a road network, else as the crow flies. The analysis asks three questions
// of it — the nearest place from each point, the points within a limit of each place, and the
// catchment polygons of a place — and never needs to know which model answered.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analysis/catchment_polygon.hpp"
#include "analysis/population_points.hpp"
#include "analysis/territory_outline.hpp"
#include "model/crow_fly_model.hpp"
#include "routing/one_to_many.hpp"
#include "routing/road_snapper.hpp"
#include "routing/snap_raster.hpp"

namespace palliacarte::analysis {

/// @brief A place searches start from: its position and, by road, its start nodes both ways.
struct Place {
    model::Point position;
    int epsg = 2154;       ///< CRS of `position`; crow-fly times only join points of the same CRS
    bool usable = true;    ///< false: too far from every road (reported by the caller)
    double snap_m = 0;     ///< distance to the road it starts from
    model::Point on_road;  ///< where it joins the road (= position for crow-fly)
    std::vector<routing::SearchStart> starts_out;  ///< travel from the place (to_patient types)
    std::vector<routing::SearchStart> starts_in;   ///< travel to the place (patient_travels types)
    std::optional<routing::RoadSnap> snap;  ///< where on which road (points on the same road are
                                            ///< timed along it, not by its ends)
};

/// @brief For each population point, the nearest place and the time (kUnreached if none).
struct NearestPlaces {
    std::vector<double> seconds;
    std::vector<std::uint32_t> place;  ///< index into the caller's list; kNone when unreached
    /// Road model: every node's time from (or to) its nearest place, for the union's surface
    /// (union_catchments), which then needs no search of its own. Large: drop it after that.
    std::vector<double> node_seconds;
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
};

/// @brief Points a place reaches within a limit: (point index, seconds), by point index.
using PointTimes = std::vector<std::pair<std::uint32_t, float>>;

/// @brief What TravelTimeModel::catchments() may also give from its own searches: the points
/// within a limit (within() of the same places), when that limit is no longer than the
/// polygons' longest.
struct PointsWithin {
    double limit_seconds = 0;
    std::vector<PointTimes>* out = nullptr;
};

class TravelTimeModel {
  public:
    /// @brief Road model: points are snapped once here. Points beyond `snap_max_m` from every
    /// road (see off_road_points()) join their nearest road anyway, up to kOffRoadReachM, by the
    /// off-network leg — unless `off_road_out_of_reach`, when they count as unreachable.
    TravelTimeModel(std::shared_ptr<const roads::RoadGraph> roads, double off_network_kmh,
                    double snap_max_m, std::shared_ptr<const PopulationPoints> points,
                    bool off_road_out_of_reach = false);
    /// @brief How far an off-road point may still be joined to its road (mountain hamlets,
    /// the coast: a 1 km grid cell's centre can be 2–3 km from the road serving it).
    static constexpr double kOffRoadReachM = 20000;
    /// @brief Crow-fly model; `point_epsg` gives each point's CRS.
    TravelTimeModel(const model::CrowFlyModel& crow_fly,
                    std::shared_ptr<const PopulationPoints> points,
                    const std::vector<int>& point_epsg);
    ~TravelTimeModel();

    bool by_road() const { return roads_ != nullptr; }
    const model::CrowFlyModel& crow_fly() const { return crow_fly_; }
    std::size_t unsnapped_points() const { return off_road_points_.size(); }
    /// @brief Population points farther than snap_max_m from every road.
    const std::vector<std::uint32_t>& off_road_points() const { return off_road_points_; }
    /// @brief Whether those points have a time (their leg to the nearest road) or none.
    bool off_road_timed() const { return off_road_timed_; }

    Place place(const model::Point& position, int epsg) const;

    NearestPlaces nearest(const std::vector<Place>& places,
                          routing::SearchDirection direction) const;

    /// @brief Per place, the points within `limit_seconds` (runs on all cores).
    std::vector<PointTimes> within(const std::vector<Place>& places,
                                   routing::SearchDirection direction, double limit_seconds) const;

    /// @brief Per place, one catchment polygon per limit (ascending; nested by construction),
    /// clipped to the outline of the place's CRS when `clip` is given. Runs on all cores. With
    /// `points`, also what within() would give: one search per place serves both.
    std::vector<std::vector<model::MultiPolygon>> catchments(
        const std::vector<Place>& places, routing::SearchDirection direction,
        const std::vector<double>& limits_seconds, const config::CatchmentShape& shape,
        const TerritoryOutline* clip = nullptr, PointsWithin points = {}) const;

    /// @brief The area within each limit of the nearest of `places` (a type's union), drawn
    /// from one multi-source search's travel-time surface, in the CRS `epsg` (places of another
    /// CRS are left out), clipped to its outline when `clip` is given. Road model with the
    /// "surface" shape only: otherwise the caller unites the places' polygons. `nearest`, what
    /// nearest() gave for the same places, saves the search when all of them are in `epsg`.
    std::vector<model::MultiPolygon> union_catchments(const std::vector<Place>& places,
                                                      routing::SearchDirection direction,
                                                      const std::vector<double>& limits_seconds,
                                                      const config::CatchmentShape& shape, int epsg,
                                                      const TerritoryOutline* clip = nullptr,
                                                      const NearestPlaces* nearest = nullptr) const;

    /// @brief The raster of snaps the surfaces are drawn on (built on first use, kept; read
    /// from the raster cache when keep_rasters_with() named one and it holds it).
    const routing::SnapRaster& snap_raster(double cell_m) const;
    /// @brief Keeps the rasters next to the road graph's cache file `road_cache_file`
    /// (routing/snap_raster_cache): built once per network, cell size and snapping rule, read
    /// back by every later analysis of it.
    void keep_rasters_with(const std::string& road_cache_file) {
        road_cache_file_ = road_cache_file;
    }
    /// @brief Whether snap_raster(cell_m) came from the cache (false before it is asked for).
    bool snap_raster_from_cache(double cell_m) const;

  private:
    // The points within `limit_seconds` of the place the search last ran from (it ran to that
    // limit or farther), each once at its shortest time, sorted by point.
    void collect_within(const Place& place, const routing::OneToManySearch& search,
                        double limit_seconds, PointTimes& result) const;
    // Time of point i from node times `node_seconds` (the search ran in `direction`).
    template <class NodeSeconds>
    double point_seconds(std::size_t i, routing::SearchDirection direction,
                         NodeSeconds&& node) const;
    // Calls visit(point, seconds) for each point on the place's own road, timed along it.
    template <class Visit>
    void along_place_road(const Place& place, routing::SearchDirection direction,
                          Visit&& visit) const;

    std::shared_ptr<const PopulationPoints> points_;  ///< shared: the analysis may move
    std::shared_ptr<const roads::RoadGraph> roads_;   ///< null: crow-fly
    std::unique_ptr<routing::RoadSnapper> snapper_;
    model::CrowFlyModel crow_fly_;
    std::vector<int> point_epsg_;  ///< per point (overseas communes of a national run differ)
    // Road model: how each point joins the network, for arrivals (from_sources searches) and
    // departures (to_sources searches); and which points hang off each node (CSR).
    std::vector<std::vector<routing::SearchStart>> arrive_, depart_;
    std::vector<std::uint32_t> first_point_arrive_, node_point_arrive_;
    std::vector<std::uint32_t> first_point_depart_, node_point_depart_;
    std::vector<std::uint32_t> off_road_points_;
    // Where each point joins its road, and the points sorted by that road's edge.
    struct OnRoad {
        roads::EdgeId edge = 0;
        float fraction = 0, leg_seconds = 0;
        bool snapped = false;
    };
    std::vector<OnRoad> on_road_;
    mutable std::mutex rasters_mutex_;
    struct KeptRaster {
        std::unique_ptr<routing::SnapRaster> raster;
        bool from_cache = false;
    };
    mutable std::map<double, KeptRaster> rasters_;  ///< by cell size
    std::string road_cache_file_;                   ///< empty: no raster cache
    std::vector<std::pair<roads::EdgeId, std::uint32_t>> points_by_edge_;
    bool off_road_timed_ = false;
};

}  // namespace palliacarte::analysis
