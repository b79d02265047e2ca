// The snap raster cache on the Corsica network: what is read back is the raster that was built,
// cell for cell, and a stale, damaged or foreign file is refused (the caller then builds).
#include "routing/snap_raster_cache.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "territory_roads.hpp"

using namespace palliacarte;

namespace {

struct Built {
    test::LoadedRoads roads = test::load_shipped_roads("corse.json");
    routing::RoadSnapper snapper{roads.graph, 15, 1000};
    routing::SnapRaster raster{roads.graph, snapper, 100};
};

const Built& built() {
    static const Built b;
    return b;
}

}  // namespace

TEST(SnapRasterCache, ReadsBackTheRasterThatWasBuilt) {
    const Built& b = built();
    const roads::RoadGraph& g = b.roads.graph;
    const test::ScratchDir dir("snap-raster-cache");
    const std::string key = routing::snap_raster_cache_key("roads-abc", 100, 1000, 15);
    const std::string file = dir.file("raster.bin");
    ASSERT_TRUE(routing::write_snap_raster(file, key, b.raster));
    const auto back = routing::read_snap_raster(file, key, g);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->cell_m(), b.raster.cell_m());
    EXPECT_EQ(back->first_column(), b.raster.first_column());
    EXPECT_EQ(back->first_row(), b.raster.first_row());
    ASSERT_EQ(back->width(), b.raster.width());
    ASSERT_EQ(back->height(), b.raster.height());
    std::size_t differ = 0, on_road = 0;
    for (std::int64_t j = 0; j < b.raster.height(); ++j)
        for (std::int64_t i = 0; i < b.raster.width(); ++i) {
            const auto &x = b.raster.at(i, j), &y = back->at(i, j);
            differ +=
                x.edge != y.edge || x.fraction != y.fraction || x.leg_seconds != y.leg_seconds;
            on_road += x.edge != routing::SnapRaster::kNoRoad;
        }
    EXPECT_EQ(differ, 0u);
    EXPECT_GT(on_road, 500'000u);  // a real raster, not an empty one read back
    for (roads::EdgeId e = 0; e < g.edge_count(); ++e) {
        ASSERT_EQ(back->tail(e), b.raster.tail(e));
        ASSERT_EQ(back->twin_seconds(e), b.raster.twin_seconds(e));
    }
    for (roads::NodeId v = 0; v < g.node_count(); ++v)
        ASSERT_EQ(back->node_reach_m(v), b.raster.node_reach_m(v));
}

TEST(SnapRasterCache, KeyFollowsTheNetworkCellSizeAndSnappingRule) {
    const std::string k = routing::snap_raster_cache_key("roads-abc", 100, 1000, 15);
    EXPECT_EQ(k, routing::snap_raster_cache_key("roads-abc", 100, 1000, 15));
    EXPECT_NE(k, routing::snap_raster_cache_key("roads-abd", 100, 1000, 15));
    EXPECT_NE(k, routing::snap_raster_cache_key("roads-abc", 50, 1000, 15));
    EXPECT_NE(k, routing::snap_raster_cache_key("roads-abc", 100, 800, 15));
    EXPECT_NE(k, routing::snap_raster_cache_key("roads-abc", 100, 1000, 5));
}

TEST(SnapRasterCache, RefusesStaleDamagedOrForeignFiles) {
    const Built& b = built();
    const roads::RoadGraph& g = b.roads.graph;
    const test::ScratchDir dir("snap-raster-cache-bad");
    const std::string key = routing::snap_raster_cache_key("roads-abc", 100, 1000, 15);
    const std::string file = dir.file("raster.bin");
    ASSERT_TRUE(routing::write_snap_raster(file, key, b.raster));
    // Another key (the network or a setting changed).
    EXPECT_FALSE(routing::read_snap_raster(
        file, routing::snap_raster_cache_key("roads-abc", 50, 1000, 15), g));
    // Absent.
    EXPECT_FALSE(routing::read_snap_raster(dir.file("none.bin"), key, g));
    // Another graph (the edge count differs).
    roads::RoadGraph other = g;
    other.out_arc.pop_back();
    EXPECT_FALSE(routing::read_snap_raster(file, key, other));
    // Truncated.
    const auto size = std::filesystem::file_size(file);
    std::filesystem::copy_file(file, dir.file("cut.bin"));
    std::filesystem::resize_file(dir.file("cut.bin"), size / 2);
    EXPECT_FALSE(routing::read_snap_raster(dir.file("cut.bin"), key, g));
    // A cell naming an edge the graph does not have: after the magic, the key, the cell size,
    // four dimensions and the cell count, at the next 64-byte boundary, comes the first cell,
    // its edge first.
    std::filesystem::copy_file(file, dir.file("edge.bin"));
    {
        std::fstream f(dir.file("edge.bin"), std::ios::in | std::ios::out | std::ios::binary);
        const std::size_t after_count = 8 + 8 + key.size() + 8 + 4 * 8 + 8;
        f.seekp(static_cast<std::streamoff>((after_count + 63) / 64 * 64));
        const std::uint32_t bad = static_cast<std::uint32_t>(g.edge_count()) + 7;
        f.write(reinterpret_cast<const char*>(&bad), sizeof bad);
    }
    EXPECT_FALSE(routing::read_snap_raster(dir.file("edge.bin"), key, g));
    EXPECT_TRUE(routing::read_snap_raster(file, key, g));  // the original still reads
}
