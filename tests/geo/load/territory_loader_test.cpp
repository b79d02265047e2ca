// The territory as loaded twice: the second load reads the commune and road caches, and its
// report says what the first said. Found comparing report.md of two runs of the Olemps demo:
// the second lost « 89 carrefours et 117 tronçons hors de la plus grande composante… », then
// (issue 29's review) every other road diagnostic: classes skipped, ways without car access.
#include "load/territory_loader.hpp"

#include <gtest/gtest.h>

#include "config/territory_config.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

// Every diagnostic in full, in the report's order.
std::vector<std::string> diagnostics(const model::Territory& t) {
    std::vector<std::string> out;
    for (const auto& d : t.load.report.entries())
        out.push_back(std::string(to_string(d.severity)) + "|" + d.file + "|" + d.where + "|" +
                      d.reason + "|" + d.message);
    return out;
}

std::size_t road_diagnostics(const model::Territory& t) {
    std::size_t n = 0;
    for (const auto& d : t.load.report.entries()) n += d.file == t.load.road_stats.path;
    return n;
}

TEST(TerritoryLoader, ASecondLoadFromTheCachesWarnsAsTheFirst) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir cache("loader-cache");
    config::TerritoryConfig config =
        config::load_territory_config(test::config("olemps.json"), test::data_root());
    config.cache_dir = cache.path().string();
    const model::Territory first = load::load_territory(config);
    const model::Territory second = load::load_territory(config);
    ASSERT_FALSE(first.load.road_stats.from_cache);
    ASSERT_TRUE(second.load.road_stats.from_cache);
    EXPECT_GT(first.load.road_stats.graph.dropped_nodes, 0u);
    EXPECT_EQ(first.load.report.count("roads_outside_main_component"), 1u);
    EXPECT_GE(first.load.report.count("road_class_skipped"), 1u);
    EXPECT_GE(road_diagnostics(first), 2u);  // the dropped island and more
    EXPECT_EQ(diagnostics(second), diagnostics(first));
}

}  // namespace
}  // namespace palliacarte
