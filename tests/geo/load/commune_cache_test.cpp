#include "load/commune_cache.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

// Corsica's communes out of the national boundary file (the case the cache is for), with the
// cache in a scratch directory.
config::TerritoryConfig corsica(const std::string& cache_dir, const char* dep2 = "2B") {
    const nlohmann::json doc = {
        {"name", "Corse"},
        {"departements", {"2A", dep2}},
        {"cache_dir", cache_dir},
        {"communes",
         {{"path", "communes/france-geojson/communes-france-entiere-2018-merged.geojson"}}},
        {"crosswalk", {{"path", "communes/communes-2018-to-cog2026-crosswalk.csv"}}},
        {"structure_types", test::structure_types()}};
    return config::parse_territory_config(doc, "corse.json", test::data_root());
}

bool step_ran(const model::Territory& t, const std::string& prefix) {
    for (const auto& s : t.load.timings)
        if (s.step.rfind(prefix, 0) == 0) return true;
    return false;
}

std::string the_cache_file(const std::string& dir) {
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().rfind("communes-", 0) == 0) return e.path().string();
    return "";
}

void expect_same_communes(const model::Territory& a, const model::Territory& b) {
    ASSERT_EQ(a.communes.size(), b.communes.size());
    for (std::size_t i = 0; i < a.communes.size(); ++i) {
        const model::Commune &x = a.communes[i], &y = b.communes[i];
        EXPECT_EQ(x.insee, y.insee);
        EXPECT_EQ(x.name, y.name);
        EXPECT_EQ(x.departement, y.departement);
        EXPECT_EQ(x.epsg, y.epsg);
        EXPECT_EQ(x.area_m2, y.area_m2);
        EXPECT_EQ(x.source_codes, y.source_codes);
        EXPECT_TRUE(boost::geometry::equals(x.geometry, y.geometry)) << x.insee;
        EXPECT_EQ(boost::geometry::num_points(x.geometry), boost::geometry::num_points(y.geometry));
    }
    EXPECT_EQ(a.load.commune_stats.features_read, b.load.commune_stats.features_read);
    EXPECT_EQ(a.load.commune_stats.invalid_repaired, b.load.commune_stats.invalid_repaired);
    EXPECT_EQ(a.load.commune_stats.merged_communes, b.load.commune_stats.merged_communes);
    EXPECT_EQ(a.load.report.entries().size(), b.load.report.entries().size());
}

}  // namespace

TEST(CommuneCache, SecondLoadReadsTheCacheAndGivesTheSameCommunes) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir dir("commune-cache");
    const model::Territory cold = load::load_territory(corsica(dir.file("")));
    EXPECT_TRUE(step_ran(cold, "communes.read (GDAL)"));
    ASSERT_EQ(cold.communes.size(), 360u);
    ASSERT_FALSE(the_cache_file(dir.file("")).empty());

    const model::Territory warm = load::load_territory(corsica(dir.file("")));
    EXPECT_TRUE(step_ran(warm, "communes.cache"));
    EXPECT_FALSE(step_ran(warm, "communes.read (GDAL)"));
    expect_same_communes(cold, warm);
    // Population is joined after the cache, from its own source, and agrees too.
    EXPECT_EQ(cold.population.total, warm.population.total);
}

TEST(CommuneCache, DamagedOrStaleCacheIsIgnored) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir dir("commune-cache-damaged");
    const model::Territory cold = load::load_territory(corsica(dir.file("")));
    const std::string file = the_cache_file(dir.file(""));
    ASSERT_FALSE(file.empty());
    std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
    const model::Territory again = load::load_territory(corsica(dir.file("")));
    EXPECT_TRUE(step_ran(again, "communes.read (GDAL)"));  // reloaded from the source
    expect_same_communes(cold, again);

    // Another département filter is another extract, never the cached one.
    const model::Territory one = load::load_territory(corsica(dir.file(""), "2A"));
    EXPECT_TRUE(step_ran(one, "communes.read (GDAL)"));
    EXPECT_LT(one.communes.size(), cold.communes.size());
    EXPECT_FALSE(load::read_commune_cache(file, "not-the-key"));
}
