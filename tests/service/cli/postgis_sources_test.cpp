// Inputs read from PostgreSQL/PostGIS: the Corsica demo's communes and road links loaded into
// the test cluster by ogr2ogr (fixture `postgis`), then a config naming them by table (`layer`)
// and by query (`sql`) gives the same analysis as the files, feature by feature. Wrong tables,
// columns and connections fail with the usual French errors and exit codes, without the
// password.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "gdal/ogr_source.hpp"
#include "test_database.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

using namespace palliacarte;

namespace {

std::string shell_quoted(const std::string& s) {
    return "'" + s + "'";
}

// Every feature of every layer of a GeoPackage, as text (fields and geometry WKB).
std::map<std::string, std::string> gpkg_rows(const std::string& path) {
    std::map<std::string, std::string> rows;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    if (!ds) return rows;
    for (OGRLayer* layer : ds->GetLayers()) {
        if (std::string(layer->GetName()) == "layer_styles") continue;
        for (auto& f : *layer) {
            std::string row;
            for (int i = 0; i < f->GetFieldCount(); ++i)
                row += (f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "NULL") +
                       std::string("|");
            if (const OGRGeometry* g = f->GetGeometryRef()) {
                std::vector<unsigned char> wkb(g->WkbSize());
                g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                row.append(reinterpret_cast<const char*>(wkb.data()), wkb.size());
            }
            rows[std::string(layer->GetName()) + "/" + std::to_string(f->GetFID())] = row;
        }
    }
    return rows;
}

class AnalyzeFromPostgis : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const auto db = test::test_database();
        if (!db) return;
        const std::string demo = test::source_dir() + "/data/demo/corse/";
        const std::string to = shell_quoted(*db) + " -lco SCHEMA=src_corse -lco GEOMETRY_NAME=geom";
        loaded_ = test::shell("psql -q " + shell_quoted(db->substr(3)) +
                              " -c 'CREATE SCHEMA IF NOT EXISTS src_corse'")
                          .status == 0 &&
                  test::shell("ogr2ogr -f PostgreSQL " + to + " " + demo +
                              "communes.geojson -nln communes")
                          .status == 0 &&
                  test::shell("ogr2ogr -f PostgreSQL " + to + " /vsigzip/" + demo +
                              "roads.fgb.gz links -nln links")
                          .status == 0;
    }
    void SetUp() override {
        PALLIACARTE_REQUIRE_TEST_DATABASE();
        ASSERT_TRUE(loaded_) << "ogr2ogr into the test database failed";
        connection_ = *test::test_database();
        gdal::register_gdal_drivers();
    }

    // corse.json with its communes and roads read from the database; `edit` changes it more.
    std::string database_config(const std::function<void(nlohmann::json&)>& edit = {}) const {
        std::ifstream in(test::config("corse.json"));
        nlohmann::json c = nlohmann::json::parse(in);
        c["data_root"] = test::source_dir() + "/data/demo/corse";
        c["roads"]["profile"] = test::source_dir() + "/data/profiles/car-fr.json";
        c["communes"] = {{"path", connection_ + " password=s3cret"},
                         {"layer", "src_corse.communes"}};
        c["roads"]["path"] = connection_;
        c["roads"].erase("layer");
        c["roads"]["sql"] = "SELECT * FROM src_corse.links";
        if (edit) edit(c);
        const std::string path = dir_.file("corse-" + std::to_string(++configs_) + ".json");
        std::ofstream(path) << c.dump(2);
        return path;
    }
    test::Outcome analyze(const std::string& config, const std::string& out) const {
        return test::shell(std::string(PALLIACARTE_BINARY) + " analyze " + config +
                           " --quiet --maps none --out " + out);
    }

    static inline bool loaded_ = false;
    std::string connection_;
    test::ScratchDir dir_{"postgis-sources"};
    mutable int configs_ = 0;
};

TEST_F(AnalyzeFromPostgis, TablesAndQueriesGiveTheSameAnalysisAsTheFiles) {
    const auto files = analyze(test::config("corse.json"), dir_.file("files"));
    ASSERT_EQ(files.status, 0) << files.out;
    const auto database = analyze(database_config(), dir_.file("database"));
    ASSERT_EQ(database.status, 0) << database.out;
    // The same figures in the summary…
    for (const std::string line :
         {"seuil 30 min : 61,8 %", "292 communes en zone blanche", "seuil 45 min : 92,3 %"})
        EXPECT_NE(database.out.find(line), std::string::npos) << line << "\n" << database.out;
    // …and the same features in every layer.
    const auto a = gpkg_rows(dir_.file("files/coverage.gpkg"));
    const auto b = gpkg_rows(dir_.file("database/coverage.gpkg"));
    EXPECT_GT(a.size(), 1000u);
    EXPECT_EQ(a.size(), b.size());
    EXPECT_TRUE(a == b) << "a feature differs between the file and the database inputs";
    // The provenance names the database, without the password.
    std::ifstream meta(dir_.file("database/metadata.json"));
    const auto m = nlohmann::json::parse(meta);
    EXPECT_EQ(m["sources"][0]["path"], connection_ + " password=***");
    EXPECT_EQ(database.out.find("s3cret"), std::string::npos) << database.out;
}

TEST_F(AnalyzeFromPostgis, AMissingTableOrColumnIsAConfigurationError) {
    const auto table = analyze(
        database_config([](nlohmann::json& c) { c["communes"]["layer"] = "src_corse.nowhere"; }),
        dir_.file("x"));
    EXPECT_EQ(table.status, 2) << table.out;
    EXPECT_NE(table.out.find("pas de table ou vue « src_corse.nowhere »"), std::string::npos)
        << table.out;
    const auto column = analyze(
        database_config([](nlohmann::json& c) { c["communes"]["code_field"] = "code_insee"; }),
        dir_.file("x"));
    EXPECT_EQ(column.status, 2) << column.out;
    EXPECT_NE(column.out.find("pas de champ « code_insee » pour communes.code_field"),
              std::string::npos)
        << column.out;
    const auto query = analyze(database_config([](nlohmann::json& c) {
                                   c["roads"]["sql"] = "SELECT * FROM src_corse.no_links";
                               }),
                               dir_.file("x"));
    EXPECT_EQ(query.status, 2) << query.out;
    EXPECT_NE(query.out.find("requête « sql » refusée"), std::string::npos) << query.out;
    const auto neither = analyze(
        database_config([](nlohmann::json& c) { c["communes"].erase("layer"); }), dir_.file("x"));
    EXPECT_EQ(neither.status, 2) << neither.out;
    for (const auto* r : {&table, &column, &query, &neither})
        EXPECT_EQ(r->out.find("s3cret"), std::string::npos) << r->out;
}

TEST_F(AnalyzeFromPostgis, AnUnreachableDatabaseIsADataError) {
    const auto r = analyze(database_config([](nlohmann::json& c) {
                               c["communes"]["path"] =
                                   "PG:host=/nonexistent port=5432 user=postgres dbname=nowhere "
                                   "password=s3cret";
                           }),
                           dir_.file("x"));
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_NE(r.out.find("base de données inaccessible"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("password=***"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("s3cret"), std::string::npos) << r.out;
}

}  // namespace
