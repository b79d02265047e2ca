// End-to-end: `palliacarte analyze` on the Hauts-de-Seine demo, its files opened with GDAL and
// with headless QGIS (the styles QGIS applies by itself), and its errors.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "qgis_renderers.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

namespace {

using palliacarte::test::ScratchDir;

using palliacarte::test::Outcome;
using palliacarte::test::shell;

Outcome analyze(const std::string& args) {
    return shell(std::string(PALLIACARTE_BINARY) + " analyze " + args);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::vector<std::string> kLayers = {"communes_coverage", "structures",  "catchments",
                                          "white_zones",       "territories", "candidate_sites"};

class AnalyzeDemo : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new ScratchDir("analyze92");
        run_ = new Outcome(analyze(palliacarte::test::config("hauts-de-seine.json") + " --out " +
                                   dir_->path().string() + " --quiet"));
    }
    static void TearDownTestSuite() {
        delete run_;
        delete dir_;
    }
    static std::string file(const std::string& name) { return (dir_->path() / name).string(); }
    static ScratchDir* dir_;
    static Outcome* run_;
};
ScratchDir* AnalyzeDemo::dir_ = nullptr;
Outcome* AnalyzeDemo::run_ = nullptr;

TEST_F(AnalyzeDemo, RunsAndSaysItIsCrowFly) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    EXPECT_NE(run_->out.find("vol d'oiseau"), std::string::npos) << run_->out;
    EXPECT_NE(slurp(file("report.md")).find("vol d'oiseau"), std::string::npos);
}

TEST_F(AnalyzeDemo, GeoPackageHasTheLayersCountsAndStyles) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(file("coverage.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    for (const auto& name : kLayers) {
        OGRLayer* l = ds->GetLayerByName(name.c_str());
        ASSERT_NE(l, nullptr) << name;
        if (name != "white_zones" && name != "candidate_sites") {
            EXPECT_GT(l->GetFeatureCount(), 0) << name;
        }
        EXPECT_EQ(l->GetSpatialRef()->GetAuthorityCode(nullptr), std::string("2154")) << name;
    }
    // 36 communes × 6 analysed types; 54 structures.
    EXPECT_EQ(ds->GetLayerByName("communes_coverage")->GetFeatureCount(), 36 * 6);
    EXPECT_EQ(ds->GetLayerByName("structures")->GetFeatureCount(), 54);
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    ASSERT_NE(styles, nullptr);
    EXPECT_EQ(styles->GetFeatureCount(), static_cast<GIntBig>(kLayers.size()));
    for (auto& f : *styles) {
        EXPECT_EQ(f->GetFieldAsInteger("useAsDefault"), 1);
        EXPECT_NE(std::string(f->GetFieldAsString("styleQML")).find("<qgis"), std::string::npos);
    }
}

TEST_F(AnalyzeDemo, GeoJsonIsRfc7946InLongitudeLatitude) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    const auto j = nlohmann::json::parse(slurp(file("structures.geojson")));
    EXPECT_FALSE(j.contains("crs"));  // RFC 7946: WGS84 only, no crs member
    const auto& c = j["features"][0]["geometry"]["coordinates"];
    EXPECT_NEAR(c[0].get<double>(), 2.2, 0.3);  // longitude first
    EXPECT_NEAR(c[1].get<double>(), 48.85, 0.2);
    // Right-hand rule (§3.1.6): outer rings counterclockwise, holes clockwise.
    const auto catchments = nlohmann::json::parse(slurp(file("catchments.geojson")));
    std::size_t outer = 0, holes = 0;
    for (const auto& f : catchments["features"]) {
        if (!f["geometry"]["coordinates"].empty()) {
            ASSERT_TRUE(f.contains("bbox"));
            ASSERT_EQ(f["bbox"].size(), 4u);
        }
        for (const auto& polygon : f["geometry"]["coordinates"])
            for (std::size_t r = 0; r < polygon.size(); ++r) {
                double twice_area = 0;
                for (std::size_t k = 0; k + 1 < polygon[r].size(); ++k)
                    twice_area +=
                        polygon[r][k][0].get<double>() * polygon[r][k + 1][1].get<double>() -
                        polygon[r][k + 1][0].get<double>() * polygon[r][k][1].get<double>();
                if (r == 0) {
                    EXPECT_GT(twice_area, 0);
                    ++outer;
                } else {
                    EXPECT_LT(twice_area, 0);
                    ++holes;
                }
            }
    }
    EXPECT_GT(outer, 0u);
    EXPECT_EQ(catchments["bbox"].size(), 4u);
}

// Every GeoJSON file holds what the GeoPackage holds: same features, same values, the same
// geometry once the GeoPackage's Lambert-93 is taken to WGS84 (to 1e-6 degree).
TEST_F(AnalyzeDemo, GeoJsonFilesMatchTheGeoPackage) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    GDALAllRegister();
    GDALDatasetUniquePtr gpkg(GDALDataset::Open(file("coverage.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(gpkg);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (const auto& name : kLayers) {
        GDALDatasetUniquePtr gj(GDALDataset::Open(file(name + ".geojson").c_str(), GDAL_OF_VECTOR));
        ASSERT_TRUE(gj) << name;
        OGRLayer* a = gpkg->GetLayerByName(name.c_str());
        OGRLayer* b = gj->GetLayer(0);
        ASSERT_EQ(a->GetFeatureCount(), b->GetFeatureCount()) << name;
        EXPECT_EQ(b->GetSpatialRef() ? b->GetSpatialRef()->GetAuthorityCode(nullptr)
                                     : std::string("none"),
                  std::string("4326"))
            << name;
        if (a->GetFeatureCount() == 0) continue;  // GeoJSON keeps no field list without features
        const int fields = a->GetLayerDefn()->GetFieldCount();
        ASSERT_EQ(fields, b->GetLayerDefn()->GetFieldCount()) << name;
        a->ResetReading();
        b->ResetReading();
        for (GIntBig n = 0; n < a->GetFeatureCount(); ++n) {
            OGRFeatureUniquePtr fa(a->GetNextFeature()), fb(b->GetNextFeature());
            ASSERT_TRUE(fa && fb) << name << " " << n;
            for (int k = 0; k < fields; ++k) {
                const char* field = a->GetLayerDefn()->GetFieldDefn(k)->GetNameRef();
                const int kb = fb->GetFieldIndex(field);
                ASSERT_GE(kb, 0) << name << "." << field;
                ASSERT_EQ(fa->IsFieldNull(k), fb->IsFieldNull(kb)) << name << "." << field;
                if (fa->IsFieldNull(k)) continue;
                if (a->GetLayerDefn()->GetFieldDefn(k)->GetType() == OFTReal)
                    EXPECT_DOUBLE_EQ(fa->GetFieldAsDouble(k), fb->GetFieldAsDouble(kb))
                        << name << "." << field;
                else
                    EXPECT_STREQ(fa->GetFieldAsString(k), fb->GetFieldAsString(kb))
                        << name << "." << field;
            }
            const OGRGeometry* ga = fa->GetGeometryRef();
            const OGRGeometry* gb = fb->GetGeometryRef();
            ASSERT_EQ(ga == nullptr, gb == nullptr) << name << " " << n;
            if (!ga) continue;
            std::unique_ptr<OGRGeometry> moved(ga->clone());
            ASSERT_EQ(moved->transformTo(&wgs84), OGRERR_NONE);
            OGREnvelope ea, eb;
            moved->getEnvelope(&ea);
            gb->getEnvelope(&eb);
            EXPECT_NEAR(ea.MinX, eb.MinX, 1e-6) << name << " " << n;
            EXPECT_NEAR(ea.MaxY, eb.MaxY, 1e-6) << name << " " << n;
            if (wkbFlatten(ga->getGeometryType()) == wkbMultiPolygon) {
                const double area_a = moved->toMultiPolygon()->get_Area();
                const double area_b = gb->toMultiPolygon()->get_Area();
                EXPECT_NEAR(area_a, area_b, 1e-5 * area_a) << name << " " << n;
            }
        }
    }
}

TEST_F(AnalyzeDemo, CsvOpensInFrenchExcel) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    const std::string csv = slurp(file("territories.csv"));
    ASSERT_GT(csv.size(), 3u);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("Découpage;Territoire;Type de structure"), std::string::npos);
    EXPECT_EQ(slurp(file("white_zones.csv")).substr(0, 3), "\xEF\xBB\xBF");
}

TEST_F(AnalyzeDemo, MapsAreWrittenPerType) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    const std::string report = slurp(file("report.md"));
    for (const auto* t : {"EMSP", "EMSPT", "HAD", "USP", "LISP", "BENEVOLES"}) {
        const std::string png = slurp(file(std::string("carte_") + t + ".png"));
        ASSERT_GT(png.size(), 1000u) << t;
        EXPECT_EQ(png.substr(1, 3), "PNG") << t;
        EXPECT_NE(report.find(std::string("(carte_") + t + ".png)"), std::string::npos) << t;
        const std::string pdf = file(std::string("carte_") + t + ".pdf");
        EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-") << t;
        const Outcome text = shell("pdftotext -raw " + pdf + " -");
        EXPECT_NE(text.out.find("Hauts-de-Seine"), std::string::npos) << t << text.out;
    }
}

// --maps, --paper and --title-prefix, and a value refused with the choices.
TEST(AnalyzeMaps, OptionsChooseTheFormatPaperAndTitle) {
    const ScratchDir dir("analyze-maps");
    const Outcome r =
        analyze(palliacarte::test::config("hauts-de-seine.json") + " --out " + dir.path().string() +
                " --quiet --maps pdf --paper A3 --title-prefix 'COPIL du 12 mars — '");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "carte_HAD.png"));
    const std::string pdf = (dir.path() / "carte_HAD.pdf").string();
    const Outcome info = shell("pdfinfo " + pdf);
    EXPECT_NE(info.out.find("1190.55 x 841.89 pts (A3)"), std::string::npos) << info.out;
    const Outcome text = shell("pdftotext -raw " + pdf + " -");
    EXPECT_NE(
        text.out.find("COPIL du 12 mars — Accès à une HAD en moins de 30 minutes — Hauts-de-Seine"),
        std::string::npos)
        << text.out;
    EXPECT_EQ(slurp((dir.path() / "report.md").string()).find("carte_HAD.png"), std::string::npos);

    const ScratchDir none("analyze-no-maps");
    const Outcome n = analyze(palliacarte::test::config("hauts-de-seine.json") + " --out " +
                              none.path().string() + " --quiet --maps none");
    ASSERT_EQ(n.status, 0) << n.out;
    for (const auto& e : std::filesystem::directory_iterator(none.path()))
        EXPECT_EQ(e.path().filename().string().rfind("carte_", 0), std::string::npos) << e.path();

    const Outcome bad = analyze(palliacarte::test::config("hauts-de-seine.json") + " --out " +
                                none.path().string() + " --paper A5");
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.out.find("--paper attend A4 ou A3 (reçu « A5 »)"), std::string::npos) << bad.out;
}

TEST_F(AnalyzeDemo, QgisOpensEveryLayerAlreadyStyled) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    std::string cmd = "/usr/bin/python3 " + palliacarte::test::source_dir() +
                      "/tests/tools/qgis_styles_check.py " + file("coverage.gpkg");
    for (const auto& l : kLayers) cmd += " " + l;
    const Outcome r = shell(cmd + " | tail -1");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    const auto& renderer = palliacarte::test::expected_qgis_renderers();
    for (const auto& l : kLayers) {
        EXPECT_TRUE(j[l]["valid"].get<bool>()) << l;
        EXPECT_EQ(j[l]["renderer"], renderer.at(l)) << l;
        EXPECT_FALSE(j[l]["alias"].get<std::string>().empty()) << l;  // French aliases
    }
    // One type at a time: only the first analysed type's group is ticked, in every layer
    // styled by type, and the types the style does not name are drawn (structures: all of
    // them; the others: once their group is ticked).
    for (const char* l : {"communes_coverage", "white_zones", "catchments"}) {
        ASSERT_GE(j[l]["rules"].size(), 13u) << l;
        for (const auto& r : j[l]["rules"])
            EXPECT_EQ(r[1].get<bool>(), r[0].get<std::string>().rfind("EMSP —", 0) == 0)
                << l << " " << r;
        EXPECT_TRUE(j[l]["drawn"]["EMSP"].get<bool>()) << l;
        EXPECT_FALSE(j[l]["drawn"]["EHPAD"].get<bool>()) << l;  // not the type shown
    }
    for (const char* code : {"EMSP", "EHPAD", "SSIAD", "TYPE_AJOUTE"})
        EXPECT_TRUE(j["structures"]["drawn"][code].get<bool>()) << code;
    // Names on the map: structures (at scale) and the first white-zone communes.
    for (const auto& l : kLayers)
        EXPECT_EQ(j[l]["labels"].get<bool>(), l == "structures" || l == "white_zones") << l;
}

// coverage.qgz opened by headless QGIS as a planner would: a group per analysed type, each
// layer valid, filtered on the type and styled for it alone; a print layout per type that
// exports to PDF with the map's title.
TEST_F(AnalyzeDemo, QgisOpensTheProjectReady) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    const ScratchDir pdfs("qgis-layouts");
    const Outcome r = shell("/usr/bin/python3 " + palliacarte::test::source_dir() +
                            "/tests/tools/qgis_project_check.py " + file("coverage.qgz") + " " +
                            pdfs.path().string() + " | tail -1");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["read"].get<bool>());
    EXPECT_EQ(j["crs"], "EPSG:2154");
    const std::vector<std::string> types = {"EMSP", "EMSPT", "HAD", "USP", "LISP", "BENEVOLES"};
    ASSERT_EQ(j["groups"].size(), types.size() + 1) << j["groups"];  // + Territoires
    for (const auto& type : types) {
        std::string group;
        for (const auto& [name, layers] : j["groups"].items())
            if (name.rfind(type + " — ", 0) == 0) group = name;
        ASSERT_FALSE(group.empty()) << type;
        const auto& layers = j["groups"][group];
        EXPECT_EQ(layers.size(), 4u) << group;
        for (const auto& l : layers) {
            EXPECT_TRUE(l["resolved"].get<bool>() && l["valid"].get<bool>()) << l;
            EXPECT_EQ(l["subset"], "\"type\" = '" + type + "'") << l;
            EXPECT_FALSE(l["renderer"].is_null()) << l;
            // Styled for this type alone: no other type's entry in its legend.
            for (const auto& other : types) {
                if (other == type) continue;
                for (const auto& entry : l["legend"]) {
                    EXPECT_NE(entry.get<std::string>().rfind(other + " ", 0), 0u) << l;
                }
            }
        }
        EXPECT_EQ(layers[0]["name"], "Structures " + type);
        EXPECT_TRUE(layers[0]["labels"].get<bool>());
        EXPECT_EQ(layers[3]["name"], "Couverture " + type);
        EXPECT_GT(layers[3]["count"].get<int>(), 0);
        EXPECT_EQ(layers[0]["visible"].get<bool>(), type == "EMSP") << "only the first type shown";
        const auto& layout = j["layouts"]["Carte " + type];
        ASSERT_TRUE(layout.is_object()) << j["layouts"];
        EXPECT_EQ(layout["export"], 0);
        const Outcome text = shell("pdftotext -raw " + layout["pdf"].get<std::string>() + " -");
        EXPECT_NE(text.out.find("Hauts-de-Seine"), std::string::npos) << text.out;
        EXPECT_NE(text.out.find("Sources :"), std::string::npos) << text.out;
    }
    EXPECT_NE(shell("pdftotext -raw " + j["layouts"]["Carte HAD"]["pdf"].get<std::string>() + " -")
                  .out.find("Accès à une HAD en moins de 30 minutes"),
              std::string::npos);
}

TEST(AnalyzeCli, UsageAndConfigErrors) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    EXPECT_EQ(analyze(palliacarte::test::config("hauts-de-seine.json")).status, 2);
    ScratchDir dir("analyze-bad");
    const auto bad = dir.write("bad.json", R"({"name": "x", "communes": {"path": "a.geojson"},
        "analysis": {"types": ["NOPE"]}})");
    const Outcome r = analyze(bad + " --out " + (dir.path() / "out").string() + " --data-root " +
                              palliacarte::test::data_root());
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("NOPE"), std::string::npos) << r.out;
}

}  // namespace

// Every output names what it rests on: the config's `sources` vintages are read back from the
// report, the GeoPackage metadata, each GeoJSON file's "metadata" member and metadata.json.
TEST_F(AnalyzeDemo, EveryOutputNamesItsSourcesAndTheirVintages) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    std::ifstream cfg(palliacarte::test::config("hauts-de-seine.json"));
    const auto config = nlohmann::json::parse(cfg);
    const auto& vintages = config["sources"];
    ASSERT_GE(vintages.size(), 4u);
    auto check = [&](const nlohmann::json& meta, const std::string& where) {
        EXPECT_EQ(meta["config"], "hauts-de-seine.json") << where;
        EXPECT_EQ(meta["generator"].get<std::string>().rfind("palliacarte ", 0), 0u) << where;
        EXPECT_EQ(meta["run_date"].get<std::string>().size(), 20u) << where;
        EXPECT_EQ(meta["time_model"]["method"], "crow_fly") << where;
        EXPECT_EQ(meta["time_model"]["parameters"]["speed_kmh"], 30) << where;
        EXPECT_EQ(meta["thresholds_min"]["USP"], 45) << where;
        for (const auto& [role, vintage] : vintages.items()) {
            bool found = false;
            for (const auto& s : meta["sources"])
                found |= s["role"] == role && s["vintage"] == vintage;
            EXPECT_TRUE(found) << where << ": no " << role << " source dated " << vintage;
        }
        EXPECT_EQ(meta["attribution"].get<std::string>().find("OpenStreetMap"), std::string::npos)
            << where << ": no road data was used";
    };
    check(nlohmann::json::parse(slurp(file("metadata.json"))), "metadata.json");
    for (const auto& layer : kLayers)
        check(nlohmann::json::parse(slurp(file(layer + ".geojson")))["metadata"], layer);

    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(file("coverage.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    const char* item = ds->GetMetadataItem("PALLIACARTE_PROVENANCE");
    ASSERT_NE(item, nullptr);
    check(nlohmann::json::parse(item), "coverage.gpkg");

    const std::string report = slurp(file("report.md"));
    for (const auto& [role, vintage] : vintages.items())
        EXPECT_NE(report.find(vintage.get<std::string>()), std::string::npos) << role;
    EXPECT_NE(report.find("Configuration : `hauts-de-seine.json`"), std::string::npos);
    EXPECT_NE(report.find("Réseau routier | — | — | aucun : temps à vol d'oiseau"),
              std::string::npos);
}

// Crow-fly outputs never use the words of a road run.
TEST_F(AnalyzeDemo, CrowFlyOutputsDoNotTalkAboutRoads) {
    ASSERT_EQ(run_->status, 0) << run_->out;
    const std::string report = slurp(file("report.md"));
    for (const char* road_words :
         {"élargies de", "cercle creux", "hors réseau routier)", "isochrone", "OpenStreetMap"})
        EXPECT_EQ(report.find(road_words), std::string::npos) << road_words;
    EXPECT_NE(report.find("Zones desservies (cercles)"), std::string::npos);
    const auto catchments = nlohmann::json::parse(slurp(file("catchments.geojson")));
    EXPECT_EQ(catchments["description"], "Zones desservies (cercles à vol d'oiseau)");
    const auto structures = nlohmann::json::parse(slurp(file("structures.geojson")));
    for (const auto& f : structures["features"])
        EXPECT_TRUE(f["properties"]["on_network"].is_null()) << f["properties"]["id"];
}
