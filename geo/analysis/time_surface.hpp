#pragma once
// Catchment areas from a travel-time surface: the time of every cell of a grid by the rule
// that times the population points — its centre snaps to its nearest road within the snap
// limit (routing/snap_raster), then travels along that road to the nodes a search reached, or
// straight along it to a place on the same road — and the outline of the cells within each
// limit (analysis/nested_outlines: limits nest by construction). A planner sees a coloured
// area where the points are counted as reached, not a band along the roads; the road bands
// (catchment_polygon) remain as the "road-bands" shape.
#include <vector>

#include "model/geometry.hpp"
#include "roads/road_graph.hpp"
#include "routing/one_to_many.hpp"
#include "routing/road_snapper.hpp"
#include "routing/snap_raster.hpp"
#include "routing/travel_direction.hpp"

namespace palliacarte::analysis {

/// @brief The node times of the search a surface is drawn from: a one-to-many search's, or a
/// dense array (a multi-source search's). Not a std::function: it is read for each of millions
/// of cells.
struct NodeTimes {
    const routing::OneToManySearch* search = nullptr;
    const double* dense = nullptr;
    double operator()(roads::NodeId v) const { return search ? search->seconds(v) : dense[v]; }
};

/// @brief What a surface is drawn from: the raster, the graph and snapper it was made from,
/// the last search's node times, and the places it started from (their own road).
struct SurfaceSearch {
    const routing::SnapRaster& raster;
    const roads::RoadGraph& graph;
    const routing::RoadSnapper& snapper;
    NodeTimes node_seconds;                 ///< kUnreached beyond the search's limit
    std::vector<routing::RoadSnap> places;  ///< where the search's places join the road
    routing::SearchDirection direction = routing::SearchDirection::from_sources;
};

/// @brief The nested polygons of `limits_seconds` (ascending) over the raster cells inside
/// `window` (every cell the search may reach). `tolerance_m` simplifies the outlines (under
/// half a cell); empty polygons where no cell is within a limit.
std::vector<model::MultiPolygon> surface_catchment_polygons(
    const SurfaceSearch& search, const model::Box& window,
    const std::vector<double>& limits_seconds, double tolerance_m);

/// @brief The window of cells a search that settled these nodes may reach: the roads in and out
/// of them, widened by the snap limit.
model::Box reached_window(const roads::RoadGraph& graph, const routing::SnapRaster& raster,
                          const std::vector<roads::NodeId>& settled, double snap_limit_m);

}  // namespace palliacarte::analysis
