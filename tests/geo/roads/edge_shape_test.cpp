// Road shapes kept through the graph (OSM ways, BD TOPO lines), cut by fraction, used by the
// snapper; and the Hilbert order that numbers the graph's nodes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "roads/edge_shape.hpp"
#include "roads/ogr_link_loader.hpp"
#include "roads/osm_road_loader.hpp"
#include "roads/road_graph_builder.hpp"
#include "roads/spatial_order.hpp"
#include "routing/road_snapper.hpp"
#include "territory_roads.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

// Every edge's drawn shape is as long as its road length (both come from the same vertices
// when the source has no length field), and a two-way road's edges carry mirrored shapes.
void expect_shapes_match_lengths(const roads::RoadGraph& g) {
    std::size_t bent = 0;
    for (roads::EdgeId e = 0; e < g.edge_count(); ++e) {
        ASSERT_NEAR(roads::drawn_length(g, e), g.length_m[e], 0.01 + 1e-6 * g.length_m[e]) << e;
        bent += !g.via(e).empty();
        const roads::NodeId u = g.tail(e), v = g.head(e);
        for (auto r = g.first_out[v]; r < g.first_out[v + 1]; ++r) {
            // Same way, same length: the other direction of this road (a closed way can also
            // join the same two junctions by its other half).
            if (g.head(r) != u || g.source_link[r] != g.source_link[e] ||
                std::abs(g.length_m[r] - g.length_m[e]) > 1e-3f)
                continue;
            const auto a = g.via(e), b = g.via(r);
            ASSERT_EQ(a.size(), b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                EXPECT_EQ(a[i].x, b[b.size() - 1 - i].x);
                EXPECT_EQ(a[i].y, b[b.size() - 1 - i].y);
            }
        }
    }
    // Real roads bend: a good share of edges has inner vertices.
    EXPECT_GT(bent, g.edge_count() / 5);
}

}  // namespace

TEST(EdgeShape, OsmWaysKeepTheirShape) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    model::RoadLoadStats stats;
    core::LoadReport report;
    const roads::RoadGraph g = roads::load_osm_roads(
        test::data("osm/lorient_56_osm-api.osm.pbf"), 2154,
        roads::CarProfile::load(test::config("profiles/car-fr.json")), stats, report);
    expect_shapes_match_lengths(g);
}

TEST(EdgeShape, BdTopoLinesKeepTheirShape) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    expect_shapes_match_lengths(test::load_shipped_roads("olemps.json").graph);
}

TEST(EdgeShape, LinePartCutsByLength) {
    // An L: 100 m east, then 100 m north (200 m in all).
    const std::vector<model::Point> l{{0, 0}, {100, 0}, {100, 100}};
    const auto half = roads::line_part(l, 0, 0.5);
    ASSERT_EQ(half.size(), 2u);
    EXPECT_DOUBLE_EQ(half.back().x, 100);
    EXPECT_DOUBLE_EQ(half.back().y, 0);
    const auto middle = roads::line_part(l, 0.25, 0.75);  // 50 m east .. 50 m up: keeps the corner
    ASSERT_EQ(middle.size(), 3u);
    EXPECT_DOUBLE_EQ(middle.front().x, 50);
    EXPECT_DOUBLE_EQ(middle[1].x, 100);
    EXPECT_DOUBLE_EQ(middle.back().y, 50);
    const model::Point p = roads::point_along(l, 0.9);
    EXPECT_DOUBLE_EQ(p.x, 100);
    EXPECT_DOUBLE_EQ(p.y, 80);
}

TEST(EdgeShape, SnappingFollowsTheBend) {
    //  A(0,0) ── via (100,100) ── B(200,0), two-way, 20 s. P(100,110) is 10 m above the bend
    //  and 110 m from the chord A–B, beyond the 50 m snap distance.
    roads::RoadGraphBuilder b(2154, /*merge_chains=*/false);  // nodes named by the test
    const roads::NodeId a = b.node("A", {0, 0}), c = b.node("B", {200, 0});
    const std::vector<model::Point> via{{100, 100}};
    b.add_road(a, c, 282.84, 20, 0, via, true, true);
    model::RoadGraphStats stats;
    const roads::RoadGraph g = b.build(stats);
    const routing::RoadSnapper snapper(g, 36, 50);
    const auto s = snapper.snap({100, 110});
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->distance_m, 10, 1e-9);
    EXPECT_NEAR(s->on_road.y, 100, 1e-9);
    EXPECT_NEAR(s->fraction, 0.5, 1e-9);
    const auto starts = snapper.starts(*s, routing::SearchDirection::from_sources);
    ASSERT_EQ(starts.size(), 2u);
    for (const auto& st : starts) EXPECT_NEAR(st.seconds, 1 + 10, 1e-6);  // 1 s leg + half
}

TEST(SpatialOrder, HilbertCurveVisitsNeighbouringCells) {
    // The curve's first 4^3 cells fill the 8 × 8 corner square, each step to a 4-neighbour.
    std::vector<std::pair<int, int>> cell(64, {-1, -1});
    for (int x = 0; x < 8; ++x)
        for (int y = 0; y < 8; ++y) {
            const auto d = roads::hilbert_index(x, y);
            ASSERT_LT(d, 64u);
            cell[d] = {x, y};
        }
    for (int d = 1; d < 64; ++d)
        EXPECT_EQ(std::abs(cell[d].first - cell[d - 1].first) +
                      std::abs(cell[d].second - cell[d - 1].second),
                  1)
            << d;
}

TEST(SpatialOrder, HilbertIndexIsTheClassicWalk) {
    // The index is computed four levels at a time from a table; the classic walk, one level a
    // step, is the definition. Every x on rows spread over the square, and random points.
    auto classic = [](std::uint32_t x, std::uint32_t y) {
        constexpr std::uint32_t kSide = 1u << 16;
        std::uint32_t d = 0;
        for (std::uint32_t s = kSide / 2; s > 0; s >>= 1) {
            const std::uint32_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0) {
                if (rx == 1) x = kSide - 1 - x, y = kSide - 1 - y;
                std::swap(x, y);
            }
        }
        return d;
    };
    std::size_t differ = 0;
    for (std::uint32_t y = 0; y < 65536; y += 257)
        for (std::uint32_t x = 0; x < 65536; ++x)
            differ += roads::hilbert_index(x, y) != classic(x, y);
    std::mt19937 rng(7);
    for (int i = 0; i < 1'000'000; ++i) {
        const std::uint32_t x = rng() & 0xFFFF, y = rng() & 0xFFFF;
        differ += roads::hilbert_index(x, y) != classic(x, y);
    }
    EXPECT_EQ(differ, 0u);
    EXPECT_EQ(roads::hilbert_index(65535, 0), 0xFFFFFFFFu);  // the curve ends at the other corner
}

TEST(SpatialOrder, GraphNodesNearInIdAreNearOnTheGround) {
    // A 64 × 64 grid added row by row: in input order, the node above is 64 ids away; along
    // the Hilbert order, consecutive ids are neighbouring junctions.
    roads::RoadGraphBuilder b(2154, /*merge_chains=*/false);  // nodes named by the test
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) b.add_node({100.0 * x, 100.0 * y});
    for (roads::NodeId v = 0; v < 64 * 64; ++v) {
        if (v % 64 != 63) b.add_edge(v, v + 1, 100, 10, 0), b.add_edge(v + 1, v, 100, 10, 0);
        if (v / 64 != 63) b.add_edge(v, v + 64, 100, 10, 0), b.add_edge(v + 64, v, 100, 10, 0);
    }
    model::RoadGraphStats stats;
    const roads::RoadGraph g = b.build(stats);
    ASSERT_EQ(g.node_count(), 64u * 64u);
    for (roads::NodeId v = 1; v < g.node_count(); ++v)
        EXPECT_NEAR(boost::geometry::distance(g.node_position[v], g.node_position[v - 1]), 100,
                    1e-9);
    // graph_node maps input ids to graph ids: same positions.
    EXPECT_EQ(g.node_position[b.graph_node(64 * 10 + 3)].x, 300);
    EXPECT_EQ(g.node_position[b.graph_node(64 * 10 + 3)].y, 1000);
}
