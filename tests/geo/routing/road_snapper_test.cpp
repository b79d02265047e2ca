#include "routing/road_snapper.hpp"

#include <gtest/gtest.h>

#include "model/crow_fly_model.hpp"
#include "roads/road_graph_builder.hpp"

using namespace palliacarte;

namespace {
//  A(0,0) <-10 s-> B(100,0) --10 s--> C(200,0), C --> A via D(100,-300) (slow loop back)
roads::RoadGraph line_graph() {
    roads::RoadGraphBuilder b(2154, /*merge_chains=*/false);  // nodes named by the test
    const roads::NodeId a = b.node("A", {0, 0}), bb = b.node("B", {100, 0}),
                        c = b.node("C", {200, 0}), d = b.node("D", {100, -300});
    b.add_edge(a, bb, 100, 10, 0);
    b.add_edge(bb, a, 100, 10, 0);
    b.add_edge(bb, c, 100, 10, 1);  // one-way B → C
    b.add_edge(c, d, 320, 60, 2);
    b.add_edge(d, a, 320, 60, 3);
    model::RoadGraphStats stats;
    return b.build(stats);
}
}  // namespace

TEST(RoadSnapper, ProjectsOntoTheSegmentAndCostsTheLeg) {
    const roads::RoadGraph g = line_graph();
    const routing::RoadSnapper snapper(g, 36, 100);  // 36 km/h = 10 m/s off the road
    const auto s = snapper.snap({30, 40});
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(s->distance_m, 40);
    EXPECT_DOUBLE_EQ(s->on_road.x, 30);
    EXPECT_DOUBLE_EQ(s->leg_seconds, 4);
    // Two-way road A–B: starts at both ends, 3 s and 7 s along the road after the 4 s leg.
    auto starts = snapper.starts(*s, routing::SearchDirection::from_sources);
    ASSERT_EQ(starts.size(), 2u);
    double sum = starts[0].seconds + starts[1].seconds;
    EXPECT_DOUBLE_EQ(sum, 4 + 4 + 10);
}

TEST(RoadSnapper, OneWayRoadHasOneStartPerDirection) {
    const roads::RoadGraph g = line_graph();
    const routing::RoadSnapper snapper(g, 36, 100);
    const auto s = snapper.snap({150, 20});  // beside the one-way B → C, 20 m off
    ASSERT_TRUE(s);
    const auto from = snapper.starts(*s, routing::SearchDirection::from_sources);
    ASSERT_EQ(from.size(), 1u);
    EXPECT_DOUBLE_EQ(from[0].seconds, 2 + 5);  // on to C
    EXPECT_DOUBLE_EQ(g.node_position[from[0].node].x, 200);
    const auto to = snapper.starts(*s, routing::SearchDirection::to_sources);
    ASSERT_EQ(to.size(), 1u);
    EXPECT_DOUBLE_EQ(g.node_position[to[0].node].x, 100);  // arriving from B
    // The search from the point: C at 7 s, then D, then A.
    routing::OneToManySearch search(g);
    search.run(from, routing::kUnreached, routing::SearchDirection::from_sources);
    EXPECT_DOUBLE_EQ(search.seconds(to[0].node), 7 + 60 + 60 + 10);  // around the loop back to B
}

TEST(RoadSnapper, PlacesOnTheSameRoadAreTimedAlongIt) {
    // A village and a structure both beside the one-way B → C, 20 m off: 2 s + 6 s along the
    // road + 2 s. By the edge's ends it would be on to C, round by D and A to B, and back: the
    // times of a search from the snap's start nodes (what a point got before issue 28).
    const roads::RoadGraph g = line_graph();
    const routing::RoadSnapper snapper(g, 36, 100);
    const auto village = snapper.snap({120, 20}), structure = snapper.snap({180, 20});
    ASSERT_TRUE(village && structure);
    EXPECT_NEAR(snapper.along_same_road(*village, *structure), 2 + 6 + 2, 1e-9);
    EXPECT_EQ(snapper.along_same_road(*structure, *village),
              routing::kUnreached);  // against the one way
    routing::OneToManySearch search(g);
    search.run(snapper.starts(*village, routing::SearchDirection::from_sources),
               routing::kUnreached, routing::SearchDirection::from_sources);
    const auto arrive = snapper.starts(*structure, routing::SearchDirection::to_sources);
    ASSERT_EQ(arrive.size(), 1u);
    EXPECT_NEAR(search.seconds(arrive[0].node) + arrive[0].seconds, 2 + 8 + 130 + 8 + 2, 1e-4);
    // On the two-way A – B, both ways.
    const auto a = snapper.snap({20, -10}), b = snapper.snap({80, 10});
    ASSERT_TRUE(a && b);
    EXPECT_NEAR(snapper.along_same_road(*a, *b), 1 + 6 + 1, 1e-9);
    EXPECT_NEAR(snapper.along_same_road(*b, *a), 1 + 6 + 1, 1e-9);
    // Different roads: the search decides.
    EXPECT_EQ(snapper.along_same_road(*a, *village), routing::kUnreached);
}

TEST(RoadSnapper, FarPointsAreNotSnapped) {
    const roads::RoadGraph g = line_graph();
    const routing::RoadSnapper snapper(g, 36, 100);
    EXPECT_FALSE(snapper.snap({5000, 5000}));
    EXPECT_TRUE(snapper.snap({100, -250}));  // near D's roads
}

TEST(CrowFly, TimeAndRadiusAreInverse) {
    const model::CrowFlyModel m{1.3, 30};
    const double t = m.seconds({0, 0}, {3000, 4000});  // 5 km straight → 6.5 km at 30 km/h
    EXPECT_NEAR(t, 780, 1e-9);
    EXPECT_NEAR(m.radius_m(t), 5000, 1e-9);
}
