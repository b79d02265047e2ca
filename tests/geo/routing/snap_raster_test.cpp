// The snap raster against the snapper it stands in for, on the Corsica network: every cell centre
// must join the road where RoadSnapper would put it, the way a population point at that place
// is timed.
#include "routing/snap_raster.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "roads/edge_shape.hpp"
#include "territory_roads.hpp"

using namespace palliacarte;

TEST(SnapRaster, CellsJoinTheRoadWhereTheSnapperPutsTheirCentre) {
    const auto roads = test::load_shipped_roads("corse.json");
    const roads::RoadGraph& g = roads.graph;
    const routing::RoadSnapper snapper(g, 15, 1000);
    const double cell = 100;
    const routing::SnapRaster raster(g, snapper, cell);
    ASSERT_GT(raster.width() * raster.height(), 1'000'000);
    std::size_t near = 0, near_same = 0, far = 0, far_same = 0, far_close = 0, missed = 0,
                invented = 0;
    // Every 7th cell (a prime stride: no aliasing with rows).
    for (std::int64_t at = 0; at < raster.width() * raster.height(); at += 7) {
        const std::int64_t i = at % raster.width(), j = at / raster.width();
        const model::Point centre{(static_cast<double>(raster.first_column() + i) + 0.5) * cell,
                                  (static_cast<double>(raster.first_row() + j) + 0.5) * cell};
        const auto snap = snapper.snap(centre);
        const routing::SnapRaster::Cell& c = raster.at(i, j);
        if (!snap) {
            invented += c.edge != routing::SnapRaster::kNoRoad;
            continue;
        }
        if (c.edge == routing::SnapRaster::kNoRoad) {
            ++missed;
            continue;
        }
        // The same place on the road (at a junction, two edges may hold it) and the same leg.
        const model::Point on = roads::point_along(roads::edge_line(g, c.edge), c.fraction);
        const bool same = std::hypot(on.x - snap->on_road.x, on.y - snap->on_road.y) < 0.5 &&
                          std::abs(c.leg_seconds - snap->leg_seconds) < 1e-2;
        if (snap->distance_m <= 2 * cell) {
            ++near;
            near_same += same;
        } else {
            ++far;
            far_same += same;
            far_close += c.leg_seconds <= snap->leg_seconds * 1.01 + 1e-3;
        }
    }
    std::printf(
        "near %zu (%zu same), far %zu (%zu same, %zu within 1%%), missed %zu, invented %zu\n", near,
        near_same, far, far_same, far_close, missed, invented);
    ASSERT_GT(near, 20'000u);
    ASSERT_GT(far, 20'000u);
    // Within two cells of a road the raster is exact: every piece against every centre.
    EXPECT_EQ(near_same, near);
    // Farther, the distance transform takes its neighbours' nearest pieces: nearly always the
    // true nearest, and never much farther.
    EXPECT_GE(static_cast<double>(far_same), 0.995 * static_cast<double>(far));
    EXPECT_GE(static_cast<double>(far_close), 0.999 * static_cast<double>(far));
    EXPECT_EQ(invented, 0u);
    EXPECT_LE(static_cast<double>(missed), 0.001 * static_cast<double>(far));
}
