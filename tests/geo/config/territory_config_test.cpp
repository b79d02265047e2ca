#include "config/territory_config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/errors.hpp"
#include "test_paths.hpp"

using namespace palliacarte;
using nlohmann::json;

namespace {
// An existing directory for the data root: these tests parse configs, they read no data.
std::string config_root() {
    return test::source_dir() + "/data";
}
json minimal() {
    return {{"name", "T"},
            {"communes", {{"path", "communes/france-geojson/communes-92-hauts-de-seine.geojson"}}}};
}
std::string error_of(const json& doc) {
    try {
        config::parse_territory_config(doc, "t.json", config_root());
    } catch (const core::ConfigError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(TerritoryConfig, ShippedConfigsParse) {
    for (const char* name : {"hauts-de-seine.json", "corse.json", "france-entiere.json",
                             "saint-germain-en-laye.json", "olemps.json"}) {
        const auto c = config::load_territory_config(test::config(name), config_root());
        EXPECT_EQ(c.epsg, 2154) << name;
        EXPECT_FALSE(c.communes.path.empty());
    }
}

TEST(TerritoryConfig, AutoCrsPicksLocalCrsOverseas) {
    auto doc = minimal();
    doc["departements"] = {"974"};
    EXPECT_EQ(config::parse_territory_config(doc, "t.json", config_root()).epsg, 2975);
    doc["departements"] = {"974", "92"};
    EXPECT_NE(error_of(doc).find("pas le même système projeté"), std::string::npos);
}

TEST(TerritoryConfig, ErrorsNameTheFileAndTheProblem) {
    auto doc = minimal();
    doc.erase("name");
    EXPECT_NE(error_of(doc).find("clé `name` manquante dans t.json"), std::string::npos);
    doc = minimal();
    doc["structures"] = json::array({{{"format", "xls"}, {"path", "a"}}});
    EXPECT_NE(error_of(doc).find(
                  "`structures[0].format` dans t.json : la chaîne \"xls\" n'est pas "
                  "une valeur permise (filiere-csv, finess-etalab, finess-flat, finess-plus, ogr)"),
              std::string::npos);
    doc = minimal();
    doc["structures"] = json::array({{{"format", "finess-flat"}, {"path", "a"}}});
    EXPECT_NE(
        error_of(doc).find("`structures[0]` dans t.json : une source FINESS demande des règles"),
        std::string::npos);
    EXPECT_THROW(config::load_territory_config("/nonexistent.json"), core::ConfigError);
}

TEST(TerritoryConfig, DataRootPrecedence) {
    auto doc = minimal();
    EXPECT_EQ(config::parse_territory_config(doc, "t.json", config_root()).data_root_origin,
              "--data-root");
    try {
        config::parse_territory_config(doc, "t.json", std::string("/nonexistent-root"));
        FAIL();
    } catch (const core::ConfigError& e) {
        EXPECT_NE(
            std::string(e.what()).find("/nonexistent-root » (venu de --data-root) n'existe pas"),
            std::string::npos);
    }
    // A config that names its data root keeps it whatever $PALLIACARTE_DATA_ROOT says (the demo
    // configs carry their data); the variable serves configs that name none.
    const char* before = std::getenv("PALLIACARTE_DATA_ROOT");
    const std::string saved = before ? before : "";
    ::setenv("PALLIACARTE_DATA_ROOT", config_root().c_str(), 1);
    const auto demo = config::load_territory_config(test::config("corse.json"));
    EXPECT_EQ(demo.data_root_origin, "config");
    EXPECT_EQ(demo.data_root, test::source_dir() + "/data/demo/corse");
    EXPECT_EQ(config::parse_territory_config(doc, "t.json").data_root_origin,
              "PALLIACARTE_DATA_ROOT");
    if (before)
        ::setenv("PALLIACARTE_DATA_ROOT", saved.c_str(), 1);
    else
        ::unsetenv("PALLIACARTE_DATA_ROOT");
}

TEST(TerritoryConfig, TypeTableDefaultsToTheShippedOneForConfigsElsewhere) {
    test::ScratchDir dir("cfg");
    const auto path = dir.write("mine.json", minimal().dump());
    const auto c = config::load_territory_config(path, config_root());
    EXPECT_EQ(c.structure_types_path, test::structure_types());
    EXPECT_EQ(c.data_root_origin, "--data-root");
}

TEST(TerritoryConfig, DataPathsAreResolvedOnceWhenTheConfigIsRead) {
    auto doc = minimal();
    doc["population"] = {{"format", "csv"}, {"path", "population/communes.csv"}};
    doc["structures"] =
        json::array({{{"format", "filiere-csv"}, {"path", "structures/palliative-92.csv"}},
                     {{"format", "filiere-csv"}, {"path", "/elsewhere/absolute.csv"}}});
    doc["roads"] = {{"format", "osm"}, {"path", "./roads/../roads/x.osm.pbf"}};
    const auto c = config::parse_territory_config(doc, "t.json", config_root());
    const std::string root = config_root() + "/";
    EXPECT_EQ(c.communes.path, root + "communes/france-geojson/communes-92-hauts-de-seine.geojson");
    EXPECT_EQ(c.population->path, root + "population/communes.csv");
    EXPECT_EQ(c.structures[0].path, root + "structures/palliative-92.csv");
    EXPECT_EQ(c.structures[1].path, "/elsewhere/absolute.csv");  // absolute: as given
    EXPECT_EQ(c.roads->paths.at(0), root + "roads/x.osm.pbf");   // normalised
    // Outputs name them as the planner wrote them, relative to the data root.
    EXPECT_EQ(c.as_written(c.structures[0].path), "structures/palliative-92.csv");
    EXPECT_EQ(c.as_written(c.roads->paths.at(0)), "roads/x.osm.pbf");
    EXPECT_EQ(c.as_written(c.structures[1].path), "/elsewhere/absolute.csv");
}

// web_map.basemap reaches every browser opening the map: only http(s) URLs, and a raster
// template with all three tile coordinates.
TEST(TerritoryConfig, WebMapBasemapIsCheckedWhenRead) {
    auto doc = minimal();
    EXPECT_TRUE(
        config::parse_territory_config(doc, "t.json", config_root()).web_map.basemap.empty());
    doc["web_map"] = {{"basemap", "https://tiles.example/{z}/{x}/{y}.png"},
                      {"basemap_attribution", "© exemple"}};
    const auto c = config::parse_territory_config(doc, "t.json", config_root());
    EXPECT_EQ(c.web_map.basemap, "https://tiles.example/{z}/{x}/{y}.png");
    EXPECT_EQ(c.web_map.basemap_attribution, "© exemple");
    doc["web_map"] = {{"basemap", "file:///etc/passwd"}};
    EXPECT_NE(error_of(doc).find("`web_map.basemap` dans t.json : une URL http(s):// est attendue"),
              std::string::npos)
        << error_of(doc);
    doc["web_map"] = {{"basemap", "https://tiles.example/{z}/{x}.png"}};
    EXPECT_NE(error_of(doc).find("le modèle de tuiles n'a pas {y}"), std::string::npos);
    doc["web_map"] = {{"basemap", "https://a/{z}/{x}/{y}.png"}, {"fond", "x"}};
    EXPECT_NE(error_of(doc).find("fond"), std::string::npos) << error_of(doc);
    // The shipped national config offers IGN's Plan IGN (Géoplateforme, no key needed).
    const auto france =
        config::load_territory_config(test::config("france-entiere.json"), config_root());
    EXPECT_NE(france.web_map.basemap.find("data.geopf.fr"), std::string::npos);
    EXPECT_NE(france.web_map.basemap_attribution.find("IGN"), std::string::npos);
}

namespace {

// Configs are read through core/bounded_json: a deeply nested one is a config error naming the
// file, not a crash.
TEST(TerritoryConfig, ADeeplyNestedConfigIsAConfigErrorNamingTheFile) {
    test::ScratchDir dir("deep-config");
    const std::string path = dir.file("deep.json");
    std::ofstream(path) << "{\"name\":" << std::string(100000, '[') + std::string(100000, ']')
                        << "}";
    try {
        config::load_territory_config(path, std::nullopt);
        FAIL() << "accepted";
    } catch (const core::ConfigError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("imbrication de plus de 64 niveaux"), std::string::npos) << what;
    }
}

}  // namespace
