// The territory as loaded twice: the second load reads the commune and road caches, and its
// report says what the first said. Found comparing report.md of two runs of the Olemps demo:
// the second lost « 89 carrefours et 117 tronçons hors de la plus grande composante… ».
#include "load/territory_loader.hpp"

#include <gtest/gtest.h>

#include "config/territory_config.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

std::vector<std::string> warnings(const Territory& t) {
    std::vector<std::string> out;
    for (const auto& d : t.report.entries())
        if (d.severity == Severity::warning) out.push_back(d.reason + " " + d.message);
    std::sort(out.begin(), out.end());
    return out;
}

TEST(TerritoryLoader, ASecondLoadFromTheCachesWarnsAsTheFirst) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir cache("loader-cache");
    TerritoryConfig config = load_territory_config(test::config("olemps.json"), test::data_root());
    config.cache_dir = cache.path().string();
    const Territory first = load_territory(config);
    const Territory second = load_territory(config);
    ASSERT_FALSE(first.road_stats.from_cache);
    ASSERT_TRUE(second.road_stats.from_cache);
    EXPECT_GT(first.road_stats.graph.dropped_nodes, 0u);
    EXPECT_EQ(first.report.count("roads_outside_main_component"), 1u);
    EXPECT_EQ(warnings(second), warnings(first));
}

}  // namespace
}  // namespace palliacarte
