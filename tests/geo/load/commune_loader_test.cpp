#include "load/commune_loader.hpp"

#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "config/territory_config.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "load/crosswalk.hpp"
#include "test_paths.hpp"

using namespace palliacarte;
namespace bg = boost::geometry;

namespace {

load::CommuneLoadOptions options_for(const std::string& path) {
    load::CommuneLoadOptions o;
    o.source.path = path;
    return o;
}

const model::Commune* find(const std::vector<model::Commune>& cs, const std::string& code) {
    const auto it = std::find_if(cs.begin(), cs.end(),
                                 [&](const model::Commune& c) { return c.insee == code; });
    return it == cs.end() ? nullptr : &*it;
}

}  // namespace

TEST(CommuneLoader, HautsDeSeineGeoJsonInLambert93) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    const auto r = load::load_communes(
        options_for(test::data("communes/france-geojson/communes-92-hauts-de-seine.geojson")),
        report);
    ASSERT_EQ(r.communes.size(), 36u);
    EXPECT_EQ(r.code_field, "code");
    EXPECT_EQ(r.name_field, "nom");
    EXPECT_EQ(r.source_crs, "EPSG:4326");
    EXPECT_EQ(report.count(core::Severity::rejected), 0u);
    const double area =
        std::accumulate(r.communes.begin(), r.communes.end(), 0.0,
                        [](double a, const model::Commune& c) { return a + c.area_m2; });
    EXPECT_NEAR(area / 1e6, 175.5, 1.0);  // SOURCES.md: summed areas of 92 = 175.5 km²
    const model::Commune* boulogne = find(r.communes, "92012");
    ASSERT_NE(boulogne, nullptr);
    // Lambert-93 metres, around the FINESS point of Ambroise-Paré (644016, 6861270).
    EXPECT_GT(boulogne->bbox.min_corner().x, 640000);
    EXPECT_LT(boulogne->bbox.max_corner().x, 648000);
    EXPECT_TRUE(bg::covered_by(model::Point{644016.6, 6861270.5}, boulogne->geometry));
    for (const auto& c : r.communes) EXPECT_TRUE(bg::is_valid(c.geometry)) << c.insee;
}

TEST(CommuneLoader, BareFeatureGeoJsonIsOneCommuneLikeShape) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    auto o =
        options_for(test::data("communes/france-geojson/departement-92-hauts-de-seine.geojson"));
    const auto r = load::load_communes(o, report);
    ASSERT_EQ(r.communes.size(), 1u);
    EXPECT_EQ(r.communes[0].insee, "92");  // a département outline: code "92"
    EXPECT_NEAR(r.communes[0].area_m2 / 1e6, 175.5, 2.0);
}

TEST(CommuneLoader, NationalFileMergesThroughCrosswalkAndRepairsCondeEnNormandie) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    const load::Crosswalk x = load::Crosswalk::load(
        test::data("communes/communes-2018-to-cog2026-crosswalk.csv"), {}, report);
    auto o = options_for(
        test::data("communes/france-geojson/communes-france-entiere-2018-merged.geojson"));
    o.crosswalk = &x;
    o.epsg_per_departement = true;
    const auto r = load::load_communes(o, report);
    EXPECT_EQ(r.features_read, 35357u);
    EXPECT_EQ(r.features_rejected, 0u);
    EXPECT_EQ(r.invalid_repaired, 1u);
    EXPECT_EQ(report.count("invalid_geometry_repaired"), 1u);
    const auto& repaired = *std::find_if(
        report.entries().begin(), report.entries().end(),
        [](const core::Diagnostic& d) { return d.reason == "invalid_geometry_repaired"; });
    EXPECT_NE(repaired.where.find("14174"), std::string::npos);
    // 35,357 polygons → the communes of COG 2026 that have a polygon (34,864 direct codes plus
    // the chefs-lieux of merged communes); 317 of them are dissolved from several polygons.
    EXPECT_EQ(r.merged_communes, 317u);
    std::set<std::string> expected;
    {
        auto csv =
            core::CsvReader::open(test::data("communes/communes-2018-to-cog2026-crosswalk.csv"));
        core::CsvRecord rec;
        while (csv.next(rec))
            if (!rec.fields[0].empty()) expected.insert(rec.fields[2]);
    }
    EXPECT_EQ(r.communes.size(), expected.size());
    const model::Commune* conde = find(r.communes, "14174");
    ASSERT_NE(conde, nullptr);
    EXPECT_TRUE(bg::is_valid(conde->geometry));
    EXPECT_GT(conde->area_m2, 1e7);  // a commune nouvelle of several former communes
    // Overseas communes are in their local CRS, not Lambert-93.
    EXPECT_EQ(find(r.communes, "97411")->epsg, 2975);  // Saint-Denis (La Réunion)
    EXPECT_EQ(find(r.communes, "97302")->epsg, 2972);  // Cayenne
    EXPECT_EQ(find(r.communes, "92012")->epsg, 2154);
    for (const auto& c : r.communes) ASSERT_GT(c.area_m2, 0) << c.insee;
}

TEST(CommuneLoader, DepartementFilterKeepsCorsica) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    auto o = options_for(
        test::data("communes/france-geojson/communes-france-entiere-2018-merged.geojson"));
    o.departements = {"2A", "2B"};
    const auto r = load::load_communes(o, report);
    EXPECT_EQ(r.communes.size(), 360u);
    EXPECT_TRUE(std::all_of(r.communes.begin(), r.communes.end(), [](const model::Commune& c) {
        return c.departement == "2A" || c.departement == "2B";
    }));
}

namespace {
// Converts the real 92 file into an ADMIN EXPRESS-like layer (INSEE_COM, NOM, POPULATION;
// EPSG:2154) in another OGR format, with GDAL's own ogr2ogr library call.
std::string to_admin_express(const test::ScratchDir& dir, const std::string& driver,
                             const std::string& name) {
    const std::string out_path = dir.file(name);
    GDALAllRegister();
    GDALDatasetH src =
        GDALOpenEx(test::data("communes/france-geojson/communes-92-hauts-de-seine.geojson").c_str(),
                   GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!src) return "";
    const char* args[] = {"-f",
                          driver.c_str(),
                          "-t_srs",
                          "EPSG:2154",
                          "-nln",
                          "commune",
                          "-sql",
                          "SELECT code AS INSEE_COM, nom AS NOM, 1000 AS POPULATION FROM "
                          "\"communes-92-hauts-de-seine\"",
                          nullptr};
    GDALVectorTranslateOptions* opts =
        GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    int err = 0;
    GDALDatasetH out = GDALVectorTranslate(out_path.c_str(), nullptr, 1, &src, opts, &err);
    GDALVectorTranslateOptionsFree(opts);
    GDALClose(src);
    if (!out) return "";
    GDALClose(out);
    return out_path;
}
}  // namespace

TEST(CommuneLoader, AdminExpressStyleGeoPackageAndShapefileInLambert93) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir dir("admin-express");
    for (const auto& [driver, name] : {std::pair<std::string, std::string>{"GPKG", "commune.gpkg"},
                                       {"ESRI Shapefile", "COMMUNE.shp"}}) {
        const std::string path = to_admin_express(dir, driver, name);
        ASSERT_FALSE(path.empty()) << driver;
        core::LoadReport report;
        const auto r = load::load_communes(options_for(path), report);
        EXPECT_EQ(r.code_field, "INSEE_COM") << driver;
        EXPECT_EQ(r.name_field, "NOM");
        EXPECT_EQ(r.population_field, "POPULATION");
        EXPECT_EQ(r.source_crs, "EPSG:2154");
        ASSERT_EQ(r.communes.size(), 36u);
        EXPECT_EQ(*r.communes[0].population, 1000);
        const model::Commune* boulogne = find(r.communes, "92012");
        ASSERT_NE(boulogne, nullptr);
        EXPECT_TRUE(bg::covered_by(model::Point{644016.6, 6861270.5}, boulogne->geometry))
            << driver;
    }
}

TEST(CommuneLoader, TruncatedGeoJsonIsADataErrorNamingTheFile) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir dir("truncated");
    const std::string full =
        core::read_file(test::data("communes/france-geojson/communes-92-hauts-de-seine.geojson"));
    const std::string path = dir.write("truncated.geojson", full.substr(0, full.size() / 2));
    core::LoadReport report;
    try {
        load::load_communes(options_for(path), report);
        FAIL() << "expected DataError";
    } catch (const core::DataError& e) {
        EXPECT_EQ(e.file(), path);
        EXPECT_NE(e.reason().find("source vectorielle illisible"), std::string::npos) << e.reason();
    }
}

TEST(CommuneLoader, MissingCodeFieldAndNonPolygonFeaturesAreReported) {
    test::ScratchDir dir("fields");
    // Hand-made, 3 features: a valid square, a point, and a bow-tie polygon (self-intersecting).
    const std::string path = dir.write("tiny.geojson", R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"code":"92001","nom":"Carré"},"geometry":{"type":"Polygon","coordinates":[[[2.2,48.8],[2.21,48.8],[2.21,48.81],[2.2,48.81],[2.2,48.8]]]}},
 {"type":"Feature","properties":{"code":"92002","nom":"Point"},"geometry":{"type":"Point","coordinates":[2.2,48.8]}},
 {"type":"Feature","properties":{"code":"92003","nom":"Noeud"},"geometry":{"type":"Polygon","coordinates":[[[2.3,48.8],[2.31,48.81],[2.31,48.8],[2.3,48.81],[2.3,48.8]]]}}]})");
    core::LoadReport report;
    const auto r = load::load_communes(options_for(path), report);
    EXPECT_EQ(r.communes.size(), 2u);
    EXPECT_EQ(report.count("not_polygon"), 1u);
    EXPECT_EQ(r.invalid_repaired, 1u);
    const model::Commune* knot = find(r.communes, "92003");
    ASSERT_NE(knot, nullptr);
    EXPECT_TRUE(bg::is_valid(knot->geometry));
    EXPECT_EQ(knot->geometry.size(), 2u);  // the bow-tie becomes two triangles

    auto o = options_for(path);
    o.source.code_field = "INSEE_COM";  // configured, absent: a configuration error
    EXPECT_THROW(load::load_communes(o, report), core::ConfigError);
}

TEST(CommuneLoader, SameCodeTwiceIsDissolvedIntoOneCommune) {
    test::ScratchDir dir("same-code");
    // Hand-made: two adjacent squares sharing an edge, both coded 92001.
    const std::string path = dir.write("two.geojson", R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"code":"92001","nom":"Ouest"},"geometry":{"type":"Polygon","coordinates":[[[2.2,48.8],[2.21,48.8],[2.21,48.81],[2.2,48.81],[2.2,48.8]]]}},
 {"type":"Feature","properties":{"code":"92001","nom":"Est"},"geometry":{"type":"Polygon","coordinates":[[[2.21,48.8],[2.22,48.8],[2.22,48.81],[2.21,48.81],[2.21,48.8]]]}}]})");
    core::LoadReport report;
    const auto r = load::load_communes(options_for(path), report);
    ASSERT_EQ(r.communes.size(), 1u);
    EXPECT_EQ(r.merged_communes, 1u);
    EXPECT_EQ(r.communes[0].source_features, 2u);
    EXPECT_EQ(r.communes[0].geometry.size(), 1u);  // one polygon: the shared edge is gone
    EXPECT_TRUE(bg::is_valid(r.communes[0].geometry));
}
