#pragma once
// Catchment polygons: the area reached within a time limit, drawn from the roads a search
// reached (each edge cut where the limit falls inside it, along the road's shape), widened by a
// band on each side (on a fine grid: analysis/band_grid). Following the roads means the polygon
// never covers land reachable only later (the flaw of hull-based isochrones), has no hole at the
// start (the start lies on a reached road), and nests across limits (a shorter limit reaches a
// subset of the same pieces). Without a road network, the crow-fly model gives a circle.
#include <vector>

#include "config/catchment_shape.hpp"
#include "geos/geos_context.hpp"
#include "model/crow_fly_model.hpp"
#include "roads/road_graph.hpp"
#include "routing/one_to_many.hpp"

namespace palliacarte::analysis {

/// @brief The pieces of road reached by `search`'s last run within its limit, each from the
/// end reached first to where the limit falls (whole edges when the limit lies beyond them).
/// Both directions of a two-way road, when both are wholly reached, give one piece.
/// `skip_within_seconds` >= 0 leaves out the pieces wholly reached within that time (already
/// in the polygon of a shorter limit: see road_catchment_polygons).
std::vector<std::vector<model::Point>> reached_road_pieces(const roads::RoadGraph& g,
                                                           const routing::OneToManySearch& search,
                                                           double skip_within_seconds = -1);

/// @brief The polygons of nested limits: `pieces_by_limit[k]` holds the pieces reached within
/// limit k but not within limit k − 1 (reached_road_pieces' `skip_within_seconds`). Each
/// polygon is drawn on the previous one, so they nest exactly. `access_leg`, when it has two
/// points, is the straight leg from the structure to its road, part of every limit. Empty
/// polygons where nothing is reached.
std::vector<model::MultiPolygon> road_catchment_polygons(
    const geos::GeosContext& geos,
    const std::vector<std::vector<std::vector<model::Point>>>& pieces_by_limit,
    const config::CatchmentShape& shape, const std::vector<model::Point>& access_leg = {});

/// @brief The crow-fly catchment: a disc of the model's radius for the limit (72 sides).
model::MultiPolygon crow_fly_catchment_polygon(const model::Point& centre,
                                               const model::CrowFlyModel& model,
                                               double limit_seconds);

}  // namespace palliacarte::analysis
