#include "config/territory_config.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "test_paths.hpp"

using namespace palliacarte;
using nlohmann::json;

namespace {
json minimal() {
    return {{"name", "T"},
            {"communes", {{"path", "communes/france-geojson/communes-92-hauts-de-seine.geojson"}}}};
}
std::string error_of(const json& doc) {
    try {
        parse_territory_config(doc, "t.json", test::data_root());
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(TerritoryConfig, ShippedConfigsParse) {
    for (const char* name : {"hauts-de-seine.json", "corse.json", "france-entiere.json",
                             "saint-germain-en-laye.json", "olemps.json"}) {
        const auto c = load_territory_config(test::config(name), test::data_root());
        EXPECT_EQ(c.epsg, 2154) << name;
        EXPECT_FALSE(c.communes.path.empty());
    }
}

TEST(TerritoryConfig, AutoCrsPicksLocalCrsOverseas) {
    auto doc = minimal();
    doc["departements"] = {"974"};
    EXPECT_EQ(parse_territory_config(doc, "t.json", test::data_root()).epsg, 2975);
    doc["departements"] = {"974", "92"};
    EXPECT_NE(error_of(doc).find("different CRS"), std::string::npos);
}

TEST(TerritoryConfig, ErrorsNameTheFileAndTheProblem) {
    auto doc = minimal();
    doc.erase("name");
    EXPECT_NE(error_of(doc).find("t.json: 'name' is required"), std::string::npos);
    doc = minimal();
    doc["structures"] = json::array({{{"format", "xls"}, {"path", "a"}}});
    EXPECT_NE(error_of(doc).find("unknown format 'xls'"), std::string::npos);
    doc = minimal();
    doc["structures"] = json::array({{{"format", "finess-flat"}, {"path", "a"}}});
    EXPECT_NE(error_of(doc).find("needs 'select' rules"), std::string::npos);
    EXPECT_THROW(load_territory_config("/nonexistent.json"), ConfigError);
}

TEST(TerritoryConfig, DataRootPrecedence) {
    auto doc = minimal();
    EXPECT_EQ(parse_territory_config(doc, "t.json", test::data_root()).data_root_origin,
              "--data-root");
    try {
        parse_territory_config(doc, "t.json", std::string("/nonexistent-root"));
        FAIL();
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("is not a directory"), std::string::npos);
    }
}

TEST(TerritoryConfig, TypeTableDefaultsToTheShippedOneForConfigsElsewhere) {
    test::ScratchDir dir("cfg");
    const auto path = dir.write("mine.json", minimal().dump());
    const auto c = load_territory_config(path, test::data_root());
    EXPECT_EQ(c.structure_types_path, test::structure_types());
    EXPECT_EQ(c.data_root_origin, "--data-root");
}
