// Travel-time surfaces cell by cell, on a hand-made network (small, written here): a long
// one-way road of 200 pieces and a way back far from it.
#include "analysis/time_surface.hpp"

#include <gtest/gtest.h>

#include <boost/geometry.hpp>
#include <cmath>
#include <limits>

#include "roads/road_graph_builder.hpp"

using namespace palliacarte;

namespace bg = boost::geometry;

// A cell beyond the end of a one-way road joins it at its end, but its position along the road,
// added up piece by piece in single precision, may come out a hair past 1; and the road has no
// way back (its twin's time is infinite). (1 - fraction) × infinity made the cell's time
// -infinity, and it fell out of every limit: a notch at the end of one-way roads (seen on the
// synthetic region, 26 of 903 catchments; the points, timed by the snapper, were right).
TEST(TimeSurface, CellsAtTheEndOfAOneWayRoadAreTimedAlongIt) {
    roads::RoadGraphBuilder b(2154, /*merge_chains=*/false);
    const model::Point a0{700000.0, 6600000.0};
    constexpr int kPieces = 200;
    constexpr double kPieceM = 81.7;
    const model::Point b0{a0.x + kPieces * kPieceM, a0.y};
    const roads::NodeId a = b.add_node(a0), z = b.add_node(b0);
    std::vector<model::Point> there, back;
    for (int k = 1; k < kPieces; ++k) there.push_back({a0.x + k * kPieceM, a0.y + (k % 2) * 7.7});
    // The way back, 5 km north: no cell near the first road snaps to it.
    back.push_back({b0.x, b0.y + 5000});
    back.push_back({a0.x, a0.y + 5000});
    const double length = kPieces * kPieceM, seconds = length / (50 / 3.6);
    b.add_road(a, z, length, seconds, 0, there, true, false);
    b.add_road(z, a, length + 10000, seconds * 2, 1, back, true, false);
    model::RoadGraphStats stats;
    const roads::RoadGraph g = b.build(stats);
    ASSERT_EQ(g.edge_count(), 2u);
    const routing::RoadSnapper snapper(g, 15, 1000);
    const double cell = 50;
    const routing::SnapRaster raster(g, snapper, cell);

    // The cells past the end of the one-way road, and the road itself.
    const roads::EdgeId road = g.head(0) == b.graph_node(z) ? 0 : 1;
    ASSERT_EQ(raster.twin_seconds(road), std::numeric_limits<float>::infinity());
    std::vector<model::Point> past_end;
    for (std::int64_t j = 0; j < raster.height(); ++j)
        for (std::int64_t i = 0; i < raster.width(); ++i) {
            const auto& c = raster.at(i, j);
            if (c.edge == road && c.fraction > 1)
                past_end.push_back({(double(raster.first_column() + i) + 0.5) * cell,
                                    (double(raster.first_row() + j) + 0.5) * cell});
        }
    std::printf("cells a hair past the end of the one-way road: %zu\n", past_end.size());
    ASSERT_GT(past_end.size(), 10u);

    // From the start of the road: they are reached in the road's time plus their leg (at most
    // 1 km at 15 km/h, 240 s), well within 30 minutes.
    const auto start = snapper.snap(a0);
    ASSERT_TRUE(start);
    routing::OneToManySearch search(g);
    const std::vector<double> limits{600, 1800, 2700};
    search.run(snapper.starts(*start, routing::SearchDirection::from_sources), limits.back(),
               routing::SearchDirection::from_sources);
    const analysis::SurfaceSearch surface{
        raster, g, snapper, {&search}, {*start}, routing::SearchDirection::from_sources};
    const auto areas = analysis::surface_catchment_polygons(
        surface, analysis::reached_window(g, raster, search.settled(), 1000), limits, 0.35 * cell);
    ASSERT_EQ(areas.size(), 3u);
    std::size_t inside = 0;
    for (const model::Point& p : past_end) inside += bg::within(p, areas[1]);
    EXPECT_EQ(inside, past_end.size());
    // And not within 10 minutes: the road alone takes 19 minutes.
    for (const model::Point& p : past_end) EXPECT_FALSE(bg::within(p, areas[0]));
}
