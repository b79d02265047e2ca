// Overseas départements use their own projected CRS: La Réunion in RGR92 / UTM 40S (EPSG:2975),
// for commune polygons and for FINESS coordinates alike.
#include <gtest/gtest.h>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

TEST(Overseas, ReunionLoadsInItsLocalCrsWithFinessHospitals) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const nlohmann::json doc = {
        {"name", "La Réunion"},
        {"departements", {"974"}},
        {"communes",
         {{"path", "communes/france-geojson/communes-france-entiere-2018-merged.geojson"}}},
        {"population", {{"path", "communes/decoupage-administratif/communes.json"}}},
        {"structures",
         {{{"format", "finess-flat"},
           {"path", "structures/finess_et_geo_20210108.csv"},
           {"select", {{{"type", "HOPITAL"}, {"categories", {"101", "355"}}}}}}}},
        {"structure_types", test::structure_types()}};
    const auto config = config::parse_territory_config(doc, "reunion.json", test::data_root());
    EXPECT_EQ(config.epsg, 2975);
    const model::Territory t = load::load_territory(config);
    EXPECT_EQ(t.communes.size(), 24u);  // the 24 communes of La Réunion
    for (const auto& c : t.communes) {
        EXPECT_EQ(c.epsg, 2975);
        // UTM 40S metres: eastings ~310-380 km, northings ~7.63-7.7 M.
        EXPECT_GT(c.bbox.min_corner().x, 300000);
        EXPECT_LT(c.bbox.max_corner().y, 7700000);
    }
    EXPECT_TRUE(t.load.population_stats.population_without_polygon.empty());
    ASSERT_FALSE(t.structures.empty());
    for (const auto& s : t.structures) {
        ASSERT_TRUE(s.position) << s.id << " " << s.position_problem;
        EXPECT_EQ(s.epsg, 2975);
        EXPECT_EQ(s.outside_distance_m, 0) << s.id;  // FINESS UTM points fall inside the island
    }
}
