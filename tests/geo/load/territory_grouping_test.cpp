#include <gtest/gtest.h>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

TEST(TerritoryGrouping, HautsDeSeineCoordinationAndEpt) {
    const model::Territory t =
        load::load_territory(config::load_territory_config(test::config("hauts-de-seine.json")));
    ASSERT_EQ(t.groupings.size(), 3u);
    EXPECT_EQ(t.groupings[0].name, "departement");
    const auto& coord = t.groupings[1];
    EXPECT_EQ(coord.territories.size(), 3u);
    EXPECT_EQ(coord.territory_of_commune.size(), 36u);
    EXPECT_TRUE(coord.unassigned_communes.empty());
    EXPECT_EQ(coord.territory_of_commune.at("92002"), "Sud");  // Antony
    const auto& ept = t.groupings[2];
    EXPECT_EQ(ept.territories.size(), 4u);  // the 4 EPT that cover the 92 (ept.json lists 11)
    EXPECT_EQ(ept.territory_of_commune.size(), 36u);
}

TEST(TerritoryGrouping, CorsicaHas360CommunesInEpci) {
    const model::Territory t =
        load::load_territory(config::load_territory_config(test::config("corse.json")));
    EXPECT_EQ(t.communes.size(), 360u);
    std::int64_t pop = 0;
    for (const auto& c : t.communes) pop += c.population.value_or(0);
    EXPECT_EQ(pop, t.population.total);
    EXPECT_TRUE(t.load.population_stats.communes_without_population.empty());
    const auto& epci = t.groupings.at(1);
    EXPECT_EQ(epci.territory_of_commune.size(), 360u);
    // HAD: 3 in FINESS 2021 (HAD Ajaccio, HAD de Corse, HAD Maymard), all located on the island.
    std::size_t had = 0;
    for (const auto& s : t.structures)
        if (s.type == "HAD") {
            ++had;
            EXPECT_TRUE(s.position && s.outside_distance_m == 0) << s.id;
        }
    EXPECT_EQ(had, 3u);
}
