// Hand-made networks with answers worked out by hand. Drawn as ASCII, times in seconds.
#include <gtest/gtest.h>

#include <algorithm>

#include "roads/road_graph_builder.hpp"
#include "routing/nearest_source.hpp"
#include "routing/one_to_many.hpp"
#include "routing/search_batch.hpp"

using namespace palliacarte;

namespace {

struct Link {
    int from, to;
    double seconds;
    bool both = true;
};

// Nodes 0..n-1 at (100*i, 0); links as given; "both" adds the reverse direction too. The graph
// numbers nodes its own way (Hilbert order), so tests name them through id(i).
struct Tiny {
    roads::RoadGraph g;
    std::vector<roads::NodeId> ids;
    roads::NodeId id(int i) const { return ids[static_cast<std::size_t>(i)]; }
};

Tiny make(int nodes, const std::vector<Link>& links, model::RoadGraphStats* stats_out = nullptr) {
    roads::RoadGraphBuilder b(2154, /*merge_chains=*/false);  // nodes named by the test
    std::vector<roads::NodeId> input;
    for (int i = 0; i < nodes; ++i) input.push_back(b.node(std::to_string(i), {100.0 * i, 0}));
    std::uint32_t link = 0;
    for (const auto& l : links) {
        b.add_edge(input[l.from], input[l.to], 100, l.seconds, link);
        if (l.both) b.add_edge(input[l.to], input[l.from], 100, l.seconds, link);
        ++link;
    }
    model::RoadGraphStats stats;
    Tiny t{b.build(stats), {}};
    for (const roads::NodeId v : input) t.ids.push_back(b.graph_node(v));
    if (stats_out) *stats_out = stats;
    return t;
}

}  // namespace

//  0 --10--> 1 --10--> 2        one-way 0→1→2, and a slow way back 2 --50--> 0
TEST(TinyNetworks, OnewayMakesFromAndToDiffer) {
    const Tiny t = make(3, {{0, 1, 10, false}, {1, 2, 10, false}, {2, 0, 50, false}});
    const roads::RoadGraph& g = t.g;
    routing::OneToManySearch s(g);
    s.run({{t.id(0), 0}}, routing::kUnreached, routing::SearchDirection::from_sources);
    EXPECT_DOUBLE_EQ(s.seconds(t.id(2)), 20);  // drive from 0 to 2
    s.run({{t.id(0), 0}}, routing::kUnreached, routing::SearchDirection::to_sources);
    EXPECT_DOUBLE_EQ(s.seconds(t.id(2)), 50);  // from 2 to 0: only the slow road
    EXPECT_DOUBLE_EQ(s.seconds(t.id(1)), 60);  // 1 → 2 → 0
}

//  0 --30-- 1 --30-- 2 --30-- 3     limit 45 s from node 0
TEST(TinyNetworks, LimitStopsTheSearchAndCutsTheLastEdge) {
    const Tiny t = make(4, {{0, 1, 30}, {1, 2, 30}, {2, 3, 30}});
    const roads::RoadGraph& g = t.g;
    routing::OneToManySearch s(g);
    s.run({{t.id(0), 0}}, 45, routing::SearchDirection::from_sources);
    EXPECT_DOUBLE_EQ(s.seconds(t.id(1)), 30);
    EXPECT_EQ(s.seconds(t.id(2)), routing::kUnreached);
    const auto edges = s.reached_edges();
    // From 0: 0→1 whole. From 1: 1→0 whole (back), 1→2 half (15 of 30 s left).
    ASSERT_EQ(edges.size(), 3u);
    const auto partial =
        std::find_if(edges.begin(), edges.end(),
                     [&](const routing::ReachedEdge& e) { return g.head(e.edge) == t.id(2); });
    ASSERT_NE(partial, edges.end());
    EXPECT_DOUBLE_EQ(partial->entry_seconds, 30);
    EXPECT_DOUBLE_EQ(partial->fraction, 0.5);
}

//  0 --5-- 1        2 --5-- 3   two islands: the largest strongly connected part is kept
//                   |
//                   4 (2-4-3 also connected, so {2,3,4} is the largest)
TEST(TinyNetworks, UnreachableComponentIsDroppedAndCounted) {
    model::RoadGraphStats stats;
    const Tiny t = make(5, {{0, 1, 5}, {2, 3, 5}, {2, 4, 5}}, &stats);
    const roads::RoadGraph& g = t.g;
    EXPECT_EQ(stats.components, 2u);
    EXPECT_EQ(g.node_count(), 3u);
    EXPECT_EQ(stats.dropped_nodes, 2u);
    EXPECT_EQ(stats.dropped_edges, 2u);
}

//  A one-way dead end is not strongly connected: 0 <-> 1 -> 2 keeps {0, 1}.
TEST(TinyNetworks, OneWayDeadEndIsNotRoutable) {
    model::RoadGraphStats stats;
    const Tiny t = make(3, {{0, 1, 5}, {1, 2, 5, false}}, &stats);
    const roads::RoadGraph& g = t.g;
    EXPECT_EQ(g.node_count(), 2u);
    EXPECT_EQ(stats.dropped_edges, 1u);
}

//  S0 --10-- 1 --10-- 2 --10-- S3     node 1.5-equidistant ties go to the first-listed source
TEST(TinyNetworks, NearestSourceWithTiesAndOffsets) {
    const Tiny t = make(5, {{0, 1, 10}, {1, 2, 10}, {2, 3, 10}, {3, 4, 10}});
    const roads::RoadGraph& g = t.g;
    const auto r = routing::nearest_source(g, {{7, t.id(0), 0}, {9, t.id(4), 0}},
                                           routing::SearchDirection::from_sources);
    EXPECT_EQ(r.source[t.id(1)], 7u);
    EXPECT_EQ(r.source[t.id(2)], 7u);  // 20 s from both: the first listed wins
    EXPECT_DOUBLE_EQ(r.seconds[t.id(2)], 20);
    EXPECT_EQ(r.source[t.id(3)], 9u);
    // A snap leg of 15 s moves the boundary: node 2 now goes to source 9.
    const auto o = routing::nearest_source(g, {{7, t.id(0), 15}, {9, t.id(4), 0}},
                                           routing::SearchDirection::from_sources);
    EXPECT_EQ(o.source[t.id(2)], 9u);
    EXPECT_DOUBLE_EQ(o.seconds[t.id(1)], 25);
    // With a limit, far nodes stay unreached.
    const auto l =
        routing::nearest_source(g, {{7, t.id(0), 0}}, routing::SearchDirection::from_sources, 15);
    EXPECT_EQ(l.source[t.id(2)], routing::NearestSource::kNoSource);
    EXPECT_EQ(l.seconds[t.id(2)], routing::kUnreached);
}

TEST(TinyNetworks, SearchStateIsReusable) {
    const Tiny t = make(4, {{0, 1, 30}, {1, 2, 30}, {2, 3, 30}});
    const roads::RoadGraph& g = t.g;
    routing::OneToManySearch s(g);
    s.run({{t.id(0), 0}}, routing::kUnreached, routing::SearchDirection::from_sources);
    EXPECT_DOUBLE_EQ(s.seconds(t.id(3)), 90);
    s.run({{t.id(3), 0}}, 40, routing::SearchDirection::from_sources);
    EXPECT_EQ(s.seconds(t.id(0)), routing::kUnreached);  // nothing left over from the first run
    EXPECT_DOUBLE_EQ(s.seconds(t.id(2)), 30);
    EXPECT_EQ(s.settled().size(), 2u);
}

TEST(TinyNetworks, ParallelBatchEqualsSequentialSearches) {
    // A 40-node ring with one-way shortcuts, searched from every node.
    std::vector<Link> links;
    for (int i = 0; i < 40; ++i) links.push_back({i, (i + 1) % 40, 10.0 + i % 7});
    for (int i = 0; i < 40; i += 5) links.push_back({i, (i + 17) % 40, 25, false});
    const Tiny t = make(40, links);
    const roads::RoadGraph& g = t.g;
    std::vector<std::vector<routing::SearchStart>> starts;
    for (roads::NodeId v = 0; v < g.node_count(); ++v) starts.push_back({{v, 0}});
    std::vector<std::vector<double>> batch(starts.size());
    routing::run_search_batch(g, starts, 120, routing::SearchDirection::from_sources,
                              [&](std::size_t i, const routing::OneToManySearch& s) {
                                  for (roads::NodeId v = 0; v < g.node_count(); ++v)
                                      batch[i].push_back(s.seconds(v));
                              });
    routing::OneToManySearch one(g);
    for (std::size_t i = 0; i < starts.size(); ++i) {
        one.run(starts[i], 120, routing::SearchDirection::from_sources);
        for (roads::NodeId v = 0; v < g.node_count(); ++v)
            ASSERT_EQ(batch[i][v], one.seconds(v)) << i << " " << v;
    }
}
