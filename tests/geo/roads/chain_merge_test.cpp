// Degree-2 chains merged into single edges: hand-made cases worked out by hand, then the real
// OSM extracts and the Corsica network, where every remaining node must keep its travel times
// and every point its snap.
#include "roads/chain_merge.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>

#include "roads/ogr_link_loader.hpp"
#include "roads/osm_road_loader.hpp"
#include "roads/road_graph_builder.hpp"
#include "routing/one_to_many.hpp"
#include "routing/road_snapper.hpp"
#include "territory_roads.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

// Nodes on a line, 100 m apart, at `kmh` unless said: a road A-B-C-D with a side road at D.
struct Line {
    roads::RoadGraphBuilder b{2154};
    std::vector<roads::NodeId> n;
    explicit Line(int nodes) {
        for (int i = 0; i < nodes; ++i) n.push_back(b.add_node({100.0 * i, 0}));
    }
    void road(int a, int c, double kmh, bool both = true) {
        const double len = std::abs(100.0 * (c - a));
        b.add_road(n[a], n[c], len, len / (kmh / 3.6), 0, {}, true, both);
    }
};

}  // namespace

TEST(ChainMerge, ATwoWayRoadThroughSplitNodesIsOneEdgeEachWay) {
    //  0 — 1 — 2 — 3 — 4 ⇄ back to 0 by a slow road (so all of it is one component), 3 has a
    //  spur to 5: 1 and 2 only continue the road and go; 3 is a junction and stays.
    Line l(6);
    l.road(0, 1, 36);
    l.road(1, 2, 36);
    l.road(2, 3, 36);
    l.road(3, 4, 36);
    l.road(3, 5, 36);
    l.b.add_road(l.n[4], l.n[0], 1000, 500, 9, std::vector<model::Point>{{200, 500}}, true, true);
    model::RoadGraphStats stats;
    const roads::RoadGraph g = l.b.build(stats);
    EXPECT_EQ(stats.merged_nodes, 2u);  // 1 and 2
    EXPECT_EQ(g.node_count(), 4u);      // 0, 3, 4, 5
    EXPECT_EQ(stats.edges_before_merge, 12u);
    EXPECT_EQ(g.edge_count(), 8u);
    const roads::NodeId a = l.b.graph_node(l.n[0]), d = l.b.graph_node(l.n[3]);
    EXPECT_EQ(l.b.graph_node(l.n[1]), roads::kNoNode);
    ASSERT_NE(a, roads::kNoNode);
    for (auto e = g.first_out[a]; e < g.first_out[a + 1]; ++e)
        if (g.head(e) == d) {
            EXPECT_FLOAT_EQ(g.seconds(e), 30);    // 300 m at 10 m/s
            EXPECT_FLOAT_EQ(g.length_m[e], 300);  // summed
            ASSERT_EQ(g.via(e).size(), 2u);       // the merged nodes are its shape
            EXPECT_EQ(g.via(e)[0], (model::Point{100, 0}));
            EXPECT_EQ(g.via(e)[1], (model::Point{200, 0}));
        }
    // A point by the old node 1 still snaps onto the road, 10 s from node 0.
    const routing::RoadSnapper snap(g, 36, 100);
    const auto s = snap.snap({100, 20});
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->distance_m, 20, 1e-9);
    routing::OneToManySearch search(g);
    search.run(snap.starts(*s, routing::SearchDirection::from_sources), 3600,
               routing::SearchDirection::from_sources);
    EXPECT_NEAR(search.seconds(a), 2 + 10, 1e-4);  // the 20 m leg, then 100 m back to 0
    EXPECT_NEAR(search.seconds(d), 2 + 20, 1e-4);
}

TEST(ChainMerge, SpeedChangeOneWayAndLoopsKeepTheirNodes) {
    //  0 →→ 1 →→ 2 (one-way, same speed: 1 goes); 2 — 3 at 36 then 3 — 4 at 72 (3 stays: the
    //  pace changes); 4 back to 0 by a road through 5, and a loop 4 → 6 → 7 → 4 that would
    //  close on 4 if both 6 and 7 went (one of them stays, so the loop road is still an edge).
    roads::RoadGraphBuilder b(2154);
    std::vector<roads::NodeId> n;
    const std::vector<model::Point> at = {{0, 0},   {100, 0},    {200, 0},   {300, 0},
                                          {400, 0}, {200, -200}, {500, 100}, {500, -100}};
    for (const auto& p : at) n.push_back(b.add_node(p));
    auto road = [&](int x, int y, double kmh, bool both) {
        const double len = std::hypot(at[x].x - at[y].x, at[x].y - at[y].y);
        b.add_road(n[x], n[y], len, len / (kmh / 3.6), 0, {}, true, both);
    };
    road(0, 1, 36, false);
    road(1, 2, 36, false);
    road(2, 3, 36, true);
    road(3, 4, 72, true);
    road(4, 5, 50, true);
    road(5, 0, 50, true);
    road(4, 6, 30, true);
    road(6, 7, 30, true);
    road(7, 4, 30, true);
    model::RoadGraphStats stats;
    const roads::RoadGraph g = b.build(stats);
    EXPECT_EQ(b.graph_node(n[1]), roads::kNoNode);  // one-way chain merged
    EXPECT_NE(b.graph_node(n[3]), roads::kNoNode);  // speed changes there
    EXPECT_EQ(b.graph_node(n[5]), roads::kNoNode);  // a plain bend of a two-way road
    // The loop: exactly one of 6 and 7 stays.
    EXPECT_EQ((b.graph_node(n[6]) != roads::kNoNode) + (b.graph_node(n[7]) != roads::kNoNode), 1);
    EXPECT_EQ(stats.merged_nodes, 3u);
    for (roads::NodeId v = 0; v < g.node_count(); ++v)
        for (auto e = g.first_out[v]; e < g.first_out[v + 1]; ++e) EXPECT_NE(g.head(e), v);
}

namespace {

// Times from a few starts, at every node of the merged graph, against the unmerged graph
// (nodes matched by position); and a grid of points snapped in both: same distance, same
// times from the snapped point to every remaining node.
void expect_same_times(const roads::RoadGraph& full, const roads::RoadGraph& merged,
                       const std::string& what) {
    std::map<std::pair<double, double>, roads::NodeId> in_full;
    for (roads::NodeId v = 0; v < full.node_count(); ++v)
        in_full[{full.node_position[v].x, full.node_position[v].y}] = v;
    std::vector<roads::NodeId> to_full(merged.node_count());
    for (roads::NodeId v = 0; v < merged.node_count(); ++v) {
        const auto it = in_full.find({merged.node_position[v].x, merged.node_position[v].y});
        ASSERT_NE(it, in_full.end()) << what << ": a merged-graph node the full graph lacks";
        to_full[v] = it->second;
    }
    routing::OneToManySearch sf(full), sm(merged);
    const double cutoff = 1800;
    for (const auto dir :
         {routing::SearchDirection::from_sources, routing::SearchDirection::to_sources})
        for (const roads::NodeId start :
             {roads::NodeId{0}, static_cast<roads::NodeId>(merged.node_count() / 3),
              static_cast<roads::NodeId>(merged.node_count() - 1)}) {
            sm.run({{start, 0}}, cutoff, dir);
            sf.run({{to_full[start], 0}}, cutoff, dir);
            std::size_t reached = 0;
            for (roads::NodeId v = 0; v < merged.node_count(); ++v) {
                const double tm = sm.seconds(v), tf = sf.seconds(to_full[v]);
                if (tf > cutoff) {
                    EXPECT_GT(tm, cutoff - 1e-3) << what;
                    continue;
                }
                ++reached;
                EXPECT_NEAR(tm, tf, 1e-3) << what << " node " << v;
            }
            EXPECT_GT(reached, merged.node_count() / 50) << what;
        }
    // Points on a grid over the network: snapped to the same place, timed the same.
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& p : full.node_position) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    const routing::RoadSnapper snap_full(full, 15, 1000), snap_merged(merged, 15, 1000);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> ux(x0, x1), uy(y0, y1);
    std::size_t snapped = 0;
    for (int i = 0; i < 40; ++i) {
        const model::Point p{ux(rng), uy(rng)};
        const auto a = snap_full.snap(p), b = snap_merged.snap(p);
        ASSERT_EQ(a.has_value(), b.has_value()) << what;
        if (!a) continue;
        ++snapped;
        EXPECT_NEAR(a->distance_m, b->distance_m, 1e-6) << what;
        sf.run(snap_full.starts(*a, routing::SearchDirection::from_sources), cutoff,
               routing::SearchDirection::from_sources);
        sm.run(snap_merged.starts(*b, routing::SearchDirection::from_sources), cutoff,
               routing::SearchDirection::from_sources);
        for (roads::NodeId v = 0; v < merged.node_count(); v += 7) {
            if (sf.seconds(to_full[v]) > cutoff) continue;
            EXPECT_NEAR(sm.seconds(v), sf.seconds(to_full[v]), 0.01) << what << " point " << i;
        }
    }
    EXPECT_GT(snapped, 10u) << what;
}

}  // namespace

TEST(ChainMerge, CityExtractsKeepEveryTime) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const roads::CarProfile profile = roads::CarProfile::load(test::config("profiles/car-fr.json"));
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::data("osm"))) {
        const std::string path = entry.path().string();
        if (!path.ends_with(".osm.pbf") && !path.ends_with(".osm")) continue;
        model::RoadLoadStats sf, sm;
        core::LoadReport rf, rm;
        roads::RoadGraph full, merged;
        try {
            full = roads::load_osm_roads(path, 2154, profile, sf, rf, {}, false);
            merged = roads::load_osm_roads(path, 2154, profile, sm, rm, {}, true);
        } catch (const std::exception& e) {
            continue;  // not a car network (a test file of another tool): osm_roads_test says
        }
        ++files;
        EXPECT_EQ(sf.graph.merged_nodes, 0u);
        EXPECT_EQ(merged.node_count() + sm.graph.merged_nodes, full.node_count()) << path;
        EXPECT_LT(merged.node_count(), full.node_count()) << path;
        std::printf("%s: %zu → %zu nodes, %zu → %zu edges\n", entry.path().filename().c_str(),
                    full.node_count(), merged.node_count(), full.edge_count(), merged.edge_count());
        expect_same_times(full, merged, path);
    }
    EXPECT_GE(files, 8u);
}

TEST(ChainMerge, CorsicaKeepsEveryTime) {
    config::RoadSourceConfig roads = test::shipped_roads("corse.json");
    const roads::CarProfile profile = roads::CarProfile::load(roads.profile_path);
    model::RoadLoadStats sf, sm;
    core::LoadReport rf, rm;
    roads.merge_chains = false;
    const roads::RoadGraph full = roads::load_ogr_links(roads, 2154, profile, sf, rf);
    roads.merge_chains = true;
    const roads::RoadGraph merged = roads::load_ogr_links(roads, 2154, profile, sm, rm);
    EXPECT_EQ(merged.node_count() + sm.graph.merged_nodes, full.node_count());
    std::printf("Corsica: %zu → %zu nodes, %zu → %zu edges\n", full.node_count(),
                merged.node_count(), full.edge_count(), merged.edge_count());
    expect_same_times(full, merged, "Corsica");
}
