// The island-wide Corsica network (eqasim/MATSim links from OSM 2022), and travel times checked
// against an independent Dijkstra (networkx) on the same graph.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "networkx_check.hpp"
#include "roads/ogr_link_loader.hpp"
#include "routing/one_to_many.hpp"
#include "routing/road_snapper.hpp"
#include "territory_roads.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

const test::LoadedRoads& corsica() {
    static const test::LoadedRoads c = test::load_shipped_roads("corse.json");
    return c;
}

roads::NodeId nearest_node(const roads::RoadGraph& g, model::Point p) {
    roads::NodeId best = 0;
    double best_d = 1e300;
    for (roads::NodeId v = 0; v < g.node_count(); ++v) {
        const double d = std::hypot(g.node_position[v].x - p.x, g.node_position[v].y - p.y);
        if (d < best_d) best_d = d, best = v;
    }
    return best;
}

}  // namespace

TEST(CorsicaNetwork, WholeIslandIsOneStronglyConnectedComponent) {
    const auto& c = corsica();
    EXPECT_EQ(c.stats.features, 65009u);  // car links (SOURCES.md)
    // 31,333 junctions, of which 448 only continue a road at the same pace (merged).
    EXPECT_EQ(c.graph.node_count() + c.stats.graph.merged_nodes, 31333u);
    EXPECT_EQ(c.stats.graph.merged_nodes, 448u);
    EXPECT_EQ(c.stats.graph.components, 1u);
    EXPECT_EQ(c.stats.graph.dropped_nodes, 0u);
    EXPECT_EQ(c.stats.loops + c.stats.graph.edges_before_merge, 65009u);
    double km = 0;
    for (const float l : c.graph.length_m) km += l / 1000;
    EXPECT_NEAR(km, 15263, 20);  // 15,263 directed km of car links, less the loops
    // pt2matsim's placeholder speeds are replaced by the profile; tagged maxspeeds are kept.
    EXPECT_GT(c.stats.speed_from_profile, 55000u);
    EXPECT_GT(c.stats.speed_from_field, 4000u);
}

TEST(CorsicaNetwork, ThirtyMinutesFromAjaccioAgreeWithNetworkx) {
    const auto& g = corsica().graph;
    // CH de la Miséricorde, Ajaccio (FINESS 2A0000022).
    const roads::NodeId start = nearest_node(g, {1176350.1, 6108673.5});
    for (const bool reverse : {false, true}) {
        routing::OneToManySearch s(g);
        s.run({{start, 0}}, 1800,
              reverse ? routing::SearchDirection::to_sources
                      : routing::SearchDirection::from_sources);
        const auto expected = test::networkx_times(g, start, 1800, reverse);
        ASSERT_GT(expected.size(), 500u)
            << "networkx gave no answer (is python3-networkx installed?)";
        std::size_t ours = 0;
        for (roads::NodeId v = 0; v < g.node_count(); ++v) {
            if (s.seconds(v) == routing::kUnreached) continue;
            ++ours;
            const auto it = expected.find(v);
            ASSERT_NE(it, expected.end()) << "node " << v << " at " << s.seconds(v) << " s";
            EXPECT_NEAR(s.seconds(v), it->second, 0.01) << "node " << v;
        }
        EXPECT_EQ(ours, expected.size());
    }
}

TEST(CorsicaNetwork, MountainRoadsMakeHalfAnHourShort) {
    const auto& g = corsica().graph;
    // From CH Corte (FINESS 2B0000038), in the mountains: 30 minutes reach a small part of
    // what 2 hours reach.
    const roads::NodeId corte = nearest_node(g, {1207675.7, 6153232.3});
    routing::OneToManySearch s(g);
    s.run({{corte, 0}}, 1800, routing::SearchDirection::from_sources);
    const std::size_t half_hour = s.settled().size();
    s.run({{corte, 0}}, 7200, routing::SearchDirection::from_sources);
    EXPECT_LT(half_hour * 4, s.settled().size());
}

TEST(CorsicaNetwork, MissingMappedFieldIsAConfigError) {
    config::RoadSourceConfig roads = test::shipped_roads("corse.json");
    roads.fields["class"] = "highway_type";
    model::RoadLoadStats stats;
    core::LoadReport report;
    EXPECT_THROW(roads::load_ogr_links(roads, 2154, roads::CarProfile::load(roads.profile_path),
                                       stats, report),
                 core::ConfigError);  // the config names a field the layer lacks: exit code 2
}

TEST(CorsicaNetwork, FinessHadAndHospitalsSnapWithinReach) {
    const auto& g = corsica().graph;
    const routing::RoadSnapper snapper(g, 15,
                                       test::shipped_roads("corse.json").snap_max_distance_m);
    // HAD de Corse (Bastia) and CH de la Miséricorde (Ajaccio), FINESS Lambert-93.
    for (const model::Point p :
         {model::Point{1228642.2, 6199127.3}, model::Point{1176350.1, 6108673.5}}) {
        const auto s = snapper.snap(p);
        ASSERT_TRUE(s);
        EXPECT_LT(s->distance_m, 300);
        // The projected point lies on its segment, no farther than the nearest junction.
        double nearest_node = 1e300;
        for (roads::NodeId v = 0; v < g.node_count(); ++v)
            nearest_node = std::min(
                nearest_node, std::hypot(g.node_position[v].x - p.x, g.node_position[v].y - p.y));
        EXPECT_LE(s->distance_m, nearest_node + 1e-6);
    }
}
