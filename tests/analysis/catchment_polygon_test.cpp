// Catchment polygons on the real Corsica network: valid, nested 15 ⊂ 30 ⊂ 45 min, the start
// inside, every node reached within the limit inside, and nothing reached only later inside
// unless it lies within the road band of a reached road.
#include "analysis/catchment_polygon.hpp"

#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "crs/crs_transform.hpp"
#include "roads/ogr_link_loader.hpp"
#include "routing/road_snapper.hpp"
#include "territory_roads.hpp"

using namespace palliacarte;
namespace bg = boost::geometry;

namespace {

const RoadGraph& corsica() {
    static const RoadGraph g = test::load_shipped_roads("corse.json").graph;
    return g;
}

// Corte, in the mountains: mountain roads make 30 minutes a few kilometres.
Point corte() {
    double x = 9.1497, y = 42.3064;
    CrsTransform("EPSG:4326", "EPSG:2154").transform(x, y);
    return {x, y};
}

bg::model::multi_linestring<bg::model::linestring<Point>> as_lines(
    const std::vector<std::vector<Point>>& pieces) {
    bg::model::multi_linestring<bg::model::linestring<Point>> out;
    for (const auto& p : pieces) out.emplace_back(p.begin(), p.end());
    return out;
}

}  // namespace

TEST(CatchmentPolygon, RoadCatchmentsAreValidNestedAndFollowTheRoads) {
    const RoadGraph& g = corsica();
    const RoadSnapper snapper(g, 15, 1000);
    const Point start = corte();
    const auto snap = snapper.snap(start);
    ASSERT_TRUE(snap);
    const auto starts = snapper.starts(*snap, SearchDirection::from_sources);
    const CatchmentShape shape;  // 150 m band
    GeosContext geos;
    OneToManySearch search(g);
    std::vector<MultiPolygon> polygons;
    for (const double minutes : {15.0, 30.0, 45.0}) {
        const double limit = minutes * 60;
        search.run(starts, limit, SearchDirection::from_sources);
        const auto pieces = reached_road_pieces(g, search);
        // Built as the analysis builds them: each limit on the previous one, with the roads
        // reached beyond it.
        const double before = polygons.empty() ? -1 : (minutes - 15) * 60;
        const auto polygon = road_catchment_polygon(geos, reached_road_pieces(g, search, before),
                                                    shape, {start, snap->on_road},
                                                    polygons.empty() ? nullptr : &polygons.back());
        ASSERT_FALSE(polygon.empty()) << minutes;
        std::string why;
        EXPECT_TRUE(bg::is_valid(polygon, why)) << minutes << ": " << why;
        EXPECT_TRUE(bg::covered_by(start, polygon)) << "no hole at the start";
        // Every junction reached within the limit is inside.
        std::size_t reached = 0, later_inside = 0;
        const auto lines = as_lines(pieces);
        for (NodeId v = 0; v < g.node_count(); ++v) {
            const double t = search.seconds(v);
            if (t <= limit) {
                ++reached;
                EXPECT_TRUE(bg::covered_by(g.node_position[v], polygon)) << minutes << " " << v;
            } else if (bg::covered_by(g.node_position[v], polygon)) {
                // Reached only later, yet inside: only allowed within the band of a reached road.
                ++later_inside;
                EXPECT_LE(bg::distance(g.node_position[v], lines), shape.road_buffer_m + 1)
                    << minutes << " " << v;
            }
        }
        EXPECT_GT(reached, 100u);
        // The band lets in few junctions reached later (no hull-style leak).
        EXPECT_LT(later_inside, reached / 4) << minutes;
        polygons.push_back(polygon);
    }
    for (std::size_t i = 0; i + 1 < polygons.size(); ++i) {
        MultiPolygon outside;
        bg::difference(polygons[i], polygons[i + 1], outside);
        EXPECT_LT(bg::area(outside), 1e-6 * bg::area(polygons[i])) << "nesting " << i;
        EXPECT_LT(bg::area(polygons[i]), bg::area(polygons[i + 1]));
    }
}

TEST(CatchmentPolygon, ReverseSearchCutsEdgesFromTheirHead) {
    // Patients travelling to a USP: the partial piece starts at the edge's head.
    const RoadGraph& g = corsica();
    const RoadSnapper snapper(g, 15, 1000);
    const auto snap = snapper.snap(corte());
    ASSERT_TRUE(snap);
    OneToManySearch search(g);
    search.run(snapper.starts(*snap, SearchDirection::to_sources), 600,
               SearchDirection::to_sources);
    const auto pieces = reached_road_pieces(g, search);
    ASSERT_FALSE(pieces.empty());
    std::size_t ends_on_reached_node = 0;
    for (const auto& p : pieces) {
        // The end of each piece nearer the structure is a reached junction (or the start).
        for (NodeId v : search.settled())
            if (bg::distance(p.back(), g.node_position[v]) < 1e-6) {
                ++ends_on_reached_node;
                break;
            }
    }
    EXPECT_GT(ends_on_reached_node, pieces.size() * 9 / 10);
}

TEST(CatchmentPolygon, CrowFlyIsADiscOfTheModelRadius) {
    const CrowFlyModel model;  // 30 km/h, detour 1.3
    const auto disc = crow_fly_catchment_polygon({650000, 6860000}, model, 30 * 60);
    const double r = model.radius_m(30 * 60);  // 11.5 km
    EXPECT_NEAR(r, 11538.5, 0.1);
    EXPECT_NEAR(bg::area(disc), 3.14159 * r * r, 0.01 * 3.14159 * r * r);
    EXPECT_TRUE(bg::covered_by(Point{650000 + 0.99 * r, 6860000}, disc));
    EXPECT_FALSE(bg::covered_by(Point{650000 + 1.01 * r, 6860000}, disc));
}
