// Catchment polygons on the real Corsica network: valid, nested 15 ⊂ 30 ⊂ 45 min, the start
// inside, every node reached within the limit inside, and nothing reached only later inside
// unless it lies within the road band of a reached road.
#include "analysis/catchment_polygon.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <sstream>

#include <boost/geometry.hpp>

#include "crs/crs_transform.hpp"
#include "roads/ogr_link_loader.hpp"
#include "routing/road_snapper.hpp"
#include "territory_roads.hpp"

using namespace palliacarte;
namespace bg = boost::geometry;

namespace {

const roads::RoadGraph& corsica() {
    static const roads::RoadGraph g = test::load_shipped_roads("corse.json").graph;
    return g;
}

// Corte, in the mountains: mountain roads make 30 minutes a few kilometres.
model::Point corte() {
    double x = 9.1497, y = 42.3064;
    crs::CrsTransform("EPSG:4326", "EPSG:2154").transform(x, y);
    return {x, y};
}

bg::model::multi_linestring<bg::model::linestring<model::Point>> as_lines(
    const std::vector<std::vector<model::Point>>& pieces) {
    bg::model::multi_linestring<bg::model::linestring<model::Point>> out;
    for (const auto& p : pieces) out.emplace_back(p.begin(), p.end());
    return out;
}

// The band around lines, by GEOS (4 chords per quarter circle).
geos::GeosGeometry band_around(
    const geos::GeosContext& geos,
    const bg::model::multi_linestring<bg::model::linestring<model::Point>>& lines, double width) {
    std::ostringstream wkt;
    wkt << std::setprecision(12) << bg::wkt(lines);
    const geos::GeosGeometry g = geos.wrap(GEOSGeomFromWKT_r(geos.handle(), wkt.str().c_str()));
    return geos.wrap(GEOSBuffer_r(geos.handle(), g.get(), width, 4));
}

// The pieces a search from `starts` reaches within each limit beyond the previous one: what
// road_catchment_polygons takes, built as the analysis builds it.
std::vector<std::vector<std::vector<model::Point>>> pieces_beyond(
    const roads::RoadGraph& g, routing::OneToManySearch& search,
    const std::vector<routing::SearchStart>& starts, const std::vector<double>& limits) {
    std::vector<std::vector<std::vector<model::Point>>> beyond;
    for (std::size_t k = 0; k < limits.size(); ++k) {
        search.run(starts, limits[k], routing::SearchDirection::from_sources);
        beyond.push_back(analysis::reached_road_pieces(g, search, k == 0 ? -1 : limits[k - 1]));
    }
    return beyond;
}

}  // namespace

TEST(CatchmentPolygon, RoadCatchmentsAreValidNestedAndFollowTheRoads) {
    const roads::RoadGraph& g = corsica();
    const routing::RoadSnapper snapper(g, 15, 1000);
    const model::Point start = corte();
    const auto snap = snapper.snap(start);
    ASSERT_TRUE(snap);
    const auto starts = snapper.starts(*snap, routing::SearchDirection::from_sources);
    const config::CatchmentShape shape;  // 150 m band
    geos::GeosContext geos;
    routing::OneToManySearch search(g);
    const std::vector<double> limits{15 * 60, 30 * 60, 45 * 60};
    // Built as the analysis builds them: each limit on the previous one, with the roads reached
    // beyond it.
    const auto polygons = analysis::road_catchment_polygons(
        geos, pieces_beyond(g, search, starts, limits), shape, {start, snap->on_road});
    ASSERT_EQ(polygons.size(), limits.size());
    for (std::size_t k = 0; k < limits.size(); ++k) {
        const double limit = limits[k], minutes = limit / 60;
        const model::MultiPolygon& polygon = polygons[k];
        search.run(starts, limit, routing::SearchDirection::from_sources);
        const auto pieces = analysis::reached_road_pieces(g, search);
        ASSERT_FALSE(polygon.empty()) << minutes;
        std::string why;
        EXPECT_TRUE(bg::is_valid(polygon, why)) << minutes << ": " << why;
        const geos::GeosGeometry as_geos = geos.to_geos(polygon);
        EXPECT_EQ(GEOSisValid_r(geos.handle(), as_geos.get()), 1) << minutes;
        EXPECT_TRUE(bg::covered_by(start, polygon)) << "no hole at the start";
        // Every road reached is inside, and every point of the polygon lies within the band
        // of a reached road (the GEOS band, exact, drawn around the same pieces).
        const auto lines = as_lines(pieces);
        {
            std::ostringstream wkt;
            wkt << std::setprecision(12) << bg::wkt(lines);
            const geos::GeosGeometry roads =
                geos.wrap(GEOSGeomFromWKT_r(geos.handle(), wkt.str().c_str()));
            const GEOSPreparedGeometry* prepared = GEOSPrepare_r(geos.handle(), as_geos.get());
            EXPECT_EQ(GEOSPreparedCovers_r(geos.handle(), prepared, roads.get()), 1) << minutes;
            GEOSPreparedGeom_destroy_r(geos.handle(), prepared);
        }
        // (GEOS draws arcs as chords, up to 2% of the radius inside the true arc.)
        const geos::GeosGeometry band = band_around(geos, lines, shape.road_buffer_m * 1.02);
        const geos::GeosGeometry beyond_band =
            geos.wrap(GEOSDifference_r(geos.handle(), as_geos.get(), band.get()));
        double outside_m2 = 0;
        GEOSArea_r(geos.handle(), beyond_band.get(), &outside_m2);
        EXPECT_LT(outside_m2, 1.0) << minutes << ": m² beyond the band";
        // ...and it holds the band less a cell's diagonal.
        const double kept = shape.road_buffer_m - shape.grid_cell_m * (std::sqrt(2.0) + 1.42) - 0.5;
        const geos::GeosGeometry inner = band_around(geos, lines, kept);
        const geos::GeosGeometry missing =
            geos.wrap(GEOSDifference_r(geos.handle(), inner.get(), as_geos.get()));
        double missing_m2 = 0;
        GEOSArea_r(geos.handle(), missing.get(), &missing_m2);
        EXPECT_LT(missing_m2, 1.0) << minutes << ": m² of the inner band left out";
        // Every junction reached within the limit is inside; those reached only later and
        // inside lie within the band of a reached road (checked above, by area).
        std::size_t reached = 0, later_inside = 0;
        const GEOSPreparedGeometry* prepared = GEOSPrepare_r(geos.handle(), as_geos.get());
        for (roads::NodeId v = 0; v < g.node_count(); ++v) {
            const model::Point& p = g.node_position[v];
            const geos::GeosGeometry node =
                geos.wrap(GEOSGeom_createPointFromXY_r(geos.handle(), p.x, p.y));
            const bool inside = GEOSPreparedCovers_r(geos.handle(), prepared, node.get()) == 1;
            if (search.seconds(v) <= limit) {
                ++reached;
                EXPECT_TRUE(inside) << minutes << " " << v;
            } else if (inside) {
                ++later_inside;
            }
        }
        GEOSPreparedGeom_destroy_r(geos.handle(), prepared);
        EXPECT_GT(reached, 100u);
        // The band lets in few junctions reached later (no hull-style leak).
        EXPECT_LT(later_inside, reached / 4) << minutes;
    }
    // Nested exactly: each limit covered by the next (GEOS's exact predicate), even where their
    // outlines run together.
    for (std::size_t i = 0; i + 1 < polygons.size(); ++i) {
        const geos::GeosGeometry inner = geos.to_geos(polygons[i]);
        const geos::GeosGeometry outer = geos.to_geos(polygons[i + 1]);
        EXPECT_EQ(GEOSCovers_r(geos.handle(), outer.get(), inner.get()), 1) << "nesting " << i;
        EXPECT_LT(bg::area(polygons[i]), bg::area(polygons[i + 1]));
    }
}

TEST(CatchmentPolygon, TooLargeForTheGridTheyAreTheExactGeosBand) {
    // A catchment needing more cells than allowed is drawn by GEOS: the exact band, holding
    // the grid's polygon, nested.
    const roads::RoadGraph& g = corsica();
    const routing::RoadSnapper snapper(g, 15, 1000);
    const model::Point start = corte();
    const auto snap = snapper.snap(start);
    ASSERT_TRUE(snap);
    const auto starts = snapper.starts(*snap, routing::SearchDirection::from_sources);
    routing::OneToManySearch search(g);
    const auto beyond = pieces_beyond(g, search, starts, {600.0, 900.0});
    geos::GeosContext geos;
    config::CatchmentShape exact;
    exact.max_grid_cells = 0;
    const auto by_geos =
        analysis::road_catchment_polygons(geos, beyond, exact, {start, snap->on_road});
    const auto by_grid = analysis::road_catchment_polygons(geos, beyond, config::CatchmentShape{},
                                                           {start, snap->on_road});
    ASSERT_EQ(by_geos.size(), 2u);
    for (std::size_t k = 0; k < 2; ++k) {
        std::string why;
        EXPECT_TRUE(bg::is_valid(by_geos[k], why)) << why;
        model::MultiPolygon grid_outside;
        bg::difference(by_grid[k], by_geos[k], grid_outside);
        EXPECT_LT(bg::area(grid_outside), 1e-3 * bg::area(by_grid[k])) << k;
        // The grid keeps most of the band: the exact band is at most 35 % larger.
        EXPECT_LT(bg::area(by_geos[k]), 1.35 * bg::area(by_grid[k])) << k;
    }
    model::MultiPolygon outside;
    bg::difference(by_geos[0], by_geos[1], outside);
    EXPECT_LT(bg::area(outside), 1e-6 * bg::area(by_geos[0]));
}

TEST(CatchmentPolygon, ReverseSearchCutsEdgesFromTheirHead) {
    // Patients travelling to a USP: the partial piece starts at the edge's head.
    const roads::RoadGraph& g = corsica();
    const routing::RoadSnapper snapper(g, 15, 1000);
    const auto snap = snapper.snap(corte());
    ASSERT_TRUE(snap);
    routing::OneToManySearch search(g);
    search.run(snapper.starts(*snap, routing::SearchDirection::to_sources), 600,
               routing::SearchDirection::to_sources);
    const auto pieces = analysis::reached_road_pieces(g, search);
    ASSERT_FALSE(pieces.empty());
    std::size_t ends_on_reached_node = 0;
    for (const auto& p : pieces) {
        // The end of each piece nearer the structure is a reached junction (or the start).
        for (roads::NodeId v : search.settled())
            if (bg::distance(p.back(), g.node_position[v]) < 1e-6) {
                ++ends_on_reached_node;
                break;
            }
    }
    EXPECT_GT(ends_on_reached_node, pieces.size() * 9 / 10);
}

TEST(CatchmentPolygon, CrowFlyIsADiscOfTheModelRadius) {
    const model::CrowFlyModel model;  // 30 km/h, detour 1.3
    const auto disc = analysis::crow_fly_catchment_polygon({650000, 6860000}, model, 30 * 60);
    const double r = model.radius_m(30 * 60);  // 11.5 km
    EXPECT_NEAR(r, 11538.5, 0.1);
    EXPECT_NEAR(bg::area(disc), 3.14159 * r * r, 0.01 * 3.14159 * r * r);
    EXPECT_TRUE(bg::covered_by(model::Point{650000 + 0.99 * r, 6860000}, disc));
    EXPECT_FALSE(bg::covered_by(model::Point{650000 + 1.01 * r, 6860000}, disc));
}
