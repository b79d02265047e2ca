// Schema names for `analyze --out PG:…`: the default from the territory, and the names refused
// before any data is loaded.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/postgis_run_writer.hpp"

using namespace palliacarte;

TEST(PostgisSchemaName, DefaultIsTheTerritoryFoldedToLowerCase) {
    EXPECT_EQ(output::default_schema_name("Corse"), "palliacarte_corse");
    EXPECT_EQ(output::default_schema_name("Hauts-de-Seine"), "palliacarte_hauts_de_seine");
    EXPECT_EQ(output::default_schema_name("Olemps (Aveyron)"), "palliacarte_olemps_aveyron");
    EXPECT_EQ(output::default_schema_name("Île-de-France"), "palliacarte_ile_de_france");
    const std::string long_name = output::default_schema_name(std::string(80, 'a'));
    EXPECT_EQ(long_name.size(), 40u);
    EXPECT_NO_THROW(output::check_schema_name(long_name));
    for (const std::string t : {"Corse", "Hauts-de-Seine", "Île-de-France", "La Réunion"})
        EXPECT_NO_THROW(output::check_schema_name(output::default_schema_name(t))) << t;
}

TEST(PostgisSchemaName, RefusesNamesPostgresWouldQuoteOrThatAreReserved) {
    const std::vector<std::string> bad_names = {"",
                                                "Corse",
                                                "hauts-de-seine",
                                                "1corse",
                                                "corse;drop",
                                                "public",
                                                "palliacarte",
                                                "pg_corse",
                                                std::string(41, 'a')};
    for (const std::string& bad : bad_names)
        EXPECT_THROW(output::check_schema_name(bad), core::ConfigError) << bad;
    for (const std::string good : {"corse", "_x", "ars_2026", "palliacarte_corse"})
        EXPECT_NO_THROW(output::check_schema_name(good)) << good;
}
