#include "roads/road_graph_cache.hpp"
#include "core/cache_directory.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "roads/osm_road_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

// The Lorient OSM extract, built once, and a cache file of it written by each test.
class RoadGraphCacheTest : public ::testing::Test {
  protected:
    static const roads::RoadGraph& graph(model::RoadLoadStats* stats_out = nullptr,
                                         std::vector<core::Diagnostic>* diagnostics_out = nullptr) {
        static model::RoadLoadStats stats;
        static core::LoadReport report;
        static const roads::RoadGraph g = roads::load_osm_roads(
            test::data("osm/lorient_56_osm-api.osm.pbf"), 2154,
            roads::CarProfile::load(test::config("profiles/car-fr.json")), stats, report);
        if (stats_out) *stats_out = stats;
        if (diagnostics_out) *diagnostics_out = report.entries();
        return g;
    }
    std::string write(const std::string& key) {
        model::RoadLoadStats stats;
        std::vector<core::Diagnostic> diagnostics;
        const roads::RoadGraph& g = graph(&stats, &diagnostics);
        const std::string file = dir_.file("roads.bin");
        EXPECT_TRUE(roads::write_road_cache(file, key, g, stats, diagnostics));
        return file;
    }
    test::ScratchDir dir_{"cache"};
};

}  // namespace

TEST_F(RoadGraphCacheTest, RoundTripGivesTheSameGraph) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const std::string file = write("k1");
    model::RoadLoadStats built;
    std::vector<core::Diagnostic> said;
    const roads::RoadGraph& g = graph(&built, &said);
    model::RoadLoadStats stats;
    std::vector<core::Diagnostic> diagnostics;
    const auto back = roads::read_road_cache(file, "k1", stats, diagnostics);
    ASSERT_TRUE(back);
    // What the build said comes back word for word.
    ASSERT_GE(said.size(), 2u);
    ASSERT_EQ(diagnostics.size(), said.size());
    for (std::size_t i = 0; i < said.size(); ++i) {
        EXPECT_EQ(diagnostics[i].severity, said[i].severity);
        EXPECT_EQ(diagnostics[i].reason, said[i].reason);
        EXPECT_EQ(diagnostics[i].message, said[i].message);
        EXPECT_EQ(diagnostics[i].file, said[i].file);
    }
    EXPECT_EQ(back->node_count(), g.node_count());
    EXPECT_EQ(back->out_arc, g.out_arc);
    EXPECT_EQ(back->in_arc, g.in_arc);
    EXPECT_EQ(back->in_edge, g.in_edge);
    EXPECT_EQ(back->first_shape, g.first_shape);
    ASSERT_EQ(back->shape_point.size(), g.shape_point.size());
    EXPECT_GT(g.shape_point.size(), 0u);  // OSM ways bend: shapes go through the cache too
    // The shapes are mapped from the file, not copied, and read the same.
    EXPECT_TRUE(back->shape_point.mapped());
    EXPECT_FALSE(g.shape_point.mapped());
    EXPECT_TRUE(std::equal(
        g.shape_point.begin(), g.shape_point.end(), back->shape_point.begin(),
        [](const model::Point& a, const model::Point& b) { return a.x == b.x && a.y == b.y; }));
    // A copy of the graph shares the mapping; making it one's own copies the values out.
    roads::RoadGraph copy = *back;
    copy.shape_point.owned().push_back({1, 2});
    EXPECT_FALSE(copy.shape_point.mapped());
    EXPECT_EQ(copy.shape_point.size(), back->shape_point.size() + 1);
    EXPECT_EQ(stats.graph.dropped_nodes, built.graph.dropped_nodes);
    ASSERT_EQ(stats.files.size(), 1u);  // what each file brought, for inspect
    EXPECT_EQ(stats.files[0].path, built.files[0].path);
    EXPECT_EQ(stats.files[0].links, built.files[0].links);
    EXPECT_EQ(stats.files[0].junctions, built.files[0].junctions);
    EXPECT_GT(stats.files[0].junctions, 0u);
    EXPECT_FALSE(
        roads::read_road_cache(file, "other-key", stats, diagnostics));  // stale key: rebuild
}

TEST_F(RoadGraphCacheTest, DamagedFileIsIgnored) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const std::string file = write("k");
    std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);  // truncated
    model::RoadLoadStats stats;
    std::vector<core::Diagnostic> diagnostics;
    EXPECT_FALSE(roads::read_road_cache(file, "k", stats, diagnostics));
    dir_.write("junk.bin", "not a cache");
    EXPECT_FALSE(roads::read_road_cache(dir_.file("junk.bin"), "k", stats, diagnostics));
    EXPECT_FALSE(roads::read_road_cache(dir_.file("absent.bin"), "k", stats, diagnostics));
}

TEST(RoadGraphCache, KeyChangesWithConfigAndProfileAndNeverInsideTheData) {
    const std::string src = test::data("osm/lorient_56_osm-api.osm.pbf");
    const auto a = roads::road_cache_key({src}, "{}", "profile A", 2154);
    EXPECT_EQ(a, roads::road_cache_key({src}, "{}", "profile A", 2154));
    EXPECT_NE(a, roads::road_cache_key({src}, "{}", "profile B", 2154));
    EXPECT_NE(a, roads::road_cache_key({src}, "{\"x\":1}", "profile A", 2154));
    EXPECT_NE(a, roads::road_cache_key({src}, "{}", "profile A", 2975));
    EXPECT_THROW(core::cache_directory(test::data("osm/cache"), test::data_root()),
                 core::ConfigError);
    EXPECT_NO_THROW(core::cache_directory("/tmp/palliacarte-cache-test", test::data_root()));
}
