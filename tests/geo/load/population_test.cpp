#include "load/population_loader.hpp"

#include <gtest/gtest.h>

#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

TEST(Population, HautsDeSeineLoads36CommunesAnd1654712Inhabitants) {
    const auto config = config::load_territory_config(test::config("hauts-de-seine.json"));
    const model::Territory t = load::load_territory(config);
    EXPECT_EQ(t.communes.size(), 36u);
    EXPECT_EQ(t.population.total, 1654712);
    EXPECT_EQ(t.load.population_stats.communes_with_population, 36u);
    EXPECT_TRUE(t.load.population_stats.communes_without_population.empty());
    EXPECT_TRUE(t.load.population_stats.population_without_polygon.empty());
    // Names come from the COG (article kept), not the boundary file ("Garenne-Colombes").
    EXPECT_EQ(t.find_commune("92035")->name, "La Garenne-Colombes");
}

TEST(Population, EtalabFileKeepsOnlyCurrentCommunes) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    const auto table = load::load_etalab_communes_population(
        test::data("communes/decoupage-administratif/communes.json"), report);
    EXPECT_EQ(table.size(), 34969u - 6u);  // commune-actuelle entries, less 6 uninhabited COM
    EXPECT_EQ(table.at("92012").population > 100000, true);
    EXPECT_EQ(table.count("75101"), 0u);  // arrondissement municipal: not a commune
}

TEST(Population, CantalCrosswalkReportsRestoredCommunesWithoutPolygon) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    // Cantal (15): 247 polygons of 2018 → 246 current communes + 4 restored without a polygon.
    nlohmann::json doc = {
        {"name", "Cantal"},
        {"departements", {"15"}},
        {"communes", {{"path", "communes/france-geojson/communes-15-cantal.geojson"}}},
        {"crosswalk", {{"path", "communes/communes-2018-to-cog2026-crosswalk.csv"}}},
        {"population", {{"path", "communes/decoupage-administratif/communes.json"}}},
        {"structure_types", test::structure_types()}};
    const auto config =
        config::parse_territory_config(doc, test::config("cantal.json"), test::data_root());
    const model::Territory t = load::load_territory(config);
    EXPECT_EQ(t.communes.size(), 246u);
    EXPECT_EQ(t.load.commune_stats.merged_communes, 1u);
    const auto& missing = t.load.population_stats.population_without_polygon;
    EXPECT_EQ(missing, (std::vector<std::string>{"15031", "15035", "15047", "15171"}));
    EXPECT_GT(t.load.population_stats.inhabitants_without_polygon, 0);
    EXPECT_EQ(t.load.report.count("population_without_polygon"), 4u);
}

TEST(Population, PlainCsvWithBadRowsReportsThem) {
    test::ScratchDir dir("popcsv");
    // Hand-made: one good row, one non-numeric, one short line.
    const std::string path =
        dir.write("pop.csv", "code,population\n92012,121334\n92040,beaucoup\n92050\n");
    core::LoadReport report;
    const auto table = load::load_population_csv(path, {}, report);
    EXPECT_EQ(table.size(), 1u);
    EXPECT_EQ(table.at("92012").population, 121334);
    EXPECT_EQ(report.count("bad_population"), 1u);
    EXPECT_EQ(report.count("missing_fields"), 1u);
    EXPECT_EQ(report.entries()[0].where, "ligne 3");
}
