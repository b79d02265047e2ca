// `palliacarte analyze --out PG:…` end to end, against the throwaway PostGIS cluster CTest
// starts (fixture `postgis`): the layers come back through ogr2ogr equal to the GeoPackage of
// the same run, styles and the run are recorded, a killed run leaves the previous one whole,
// a second run waits for the first, history is kept on demand and no password is ever shown.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "gdal/ogr_source.hpp"
#include "gdal/postgres_database.hpp"
#include "qgis_renderers.hpp"
#include "test_database.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

using namespace palliacarte;

namespace {

const std::vector<std::string> kLayers = {"communes_coverage", "structures",  "catchments",
                                          "white_zones",       "territories", "candidate_sites"};

std::string analyze_command(const std::string& args) {
    return std::string(PALLIACARTE_BINARY) + " analyze " + test::config("corse.json") +
           " --quiet --maps none " + args;
}

std::string shell_quoted(const std::string& s) {
    return "'" + s + "'";
}

// Started without waiting, so that a test can stop it: `exec` makes the shell the command.
pid_t start(const std::string& command, const std::string& log) {
    const pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", ("exec " + command + " > " + log + " 2>&1").c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Polls `ready` every 20 ms for at most two minutes.
template <typename Ready>
bool eventually(Ready ready) {
    for (int i = 0; i < 6000; ++i) {
        if (ready()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::int64_t count(gdal::PostgresDatabase& db, const std::string& sql) {
    return std::stoll(db.query_value(sql).value_or("-1"));
}

// A feature as text: its FID, every field as OGR prints it, and its geometry's WKB in hex.
std::map<GIntBig, std::string> features_of(OGRLayer& layer) {
    std::map<GIntBig, std::string> out;
    layer.ResetReading();
    for (auto& f : layer) {
        std::string row;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row += std::string(f->GetFieldDefnRef(i)->GetNameRef()) + "=" +
                   (f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "NULL") + "|";
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            std::vector<unsigned char> wkb(g->WkbSize());
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            static const char* hex = "0123456789ABCDEF";
            for (const unsigned char b : wkb) row += {hex[b >> 4], hex[b & 15]};
        }
        out[f->GetFID()] = row;
    }
    return out;
}

std::string schema_of(const OGRFeatureDefn& d) {
    std::string s;
    for (int i = 0; i < d.GetFieldCount(); ++i) {
        const OGRFieldDefn* f = d.GetFieldDefn(i);
        s += std::string(f->GetNameRef()) + ":" + OGRFieldDefn::GetFieldTypeName(f->GetType()) +
             "/" + OGRFieldDefn::GetFieldSubTypeName(f->GetSubType()) + " ";
    }
    return s;
}

class AnalyzeToPostgis : public ::testing::Test {
  protected:
    void SetUp() override {
        PALLIACARTE_REQUIRE_TEST_DATABASE();
        connection_ = *test::test_database();
        gdal::register_gdal_drivers();
    }
    std::string out(const std::string& schema) const {
        return "--out " + shell_quoted(connection_) + " --schema " + schema;
    }

    std::string connection_;
    test::ScratchDir dir_{"analyze-postgis"};
};

TEST_F(AnalyzeToPostgis, LayersComeBackThroughOgr2ogrAsTheGeoPackage) {
    const auto run =
        test::shell(analyze_command(out("pc_corse") + " --maps-dir " + dir_.file("files")));
    ASSERT_EQ(run.status, 0) << run.out;
    EXPECT_NE(run.out.find("schéma pc_corse"), std::string::npos) << run.out;
    const std::string back = dir_.file("back.gpkg");
    const auto copy = test::shell("ogr2ogr -f GPKG -preserve_fid " + back + " " +
                                  shell_quoted(connection_ + " schemas=pc_corse") + " " + [] {
                                      std::string all;
                                      for (const auto& l : kLayers) all += l + " ";
                                      return all;
                                  }());
    ASSERT_EQ(copy.status, 0) << copy.out;
    GDALDatasetUniquePtr gpkg(
        GDALDataset::Open(dir_.file("files/coverage.gpkg").c_str(), GDAL_OF_VECTOR));
    GDALDatasetUniquePtr copied(GDALDataset::Open(back.c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(gpkg && copied);
    std::size_t features = 0;
    for (const auto& name : kLayers) {
        OGRLayer* a = gpkg->GetLayerByName(name.c_str());
        OGRLayer* b = copied->GetLayerByName(name.c_str());
        ASSERT_TRUE(a && b) << name;
        EXPECT_EQ(schema_of(*a->GetLayerDefn()), schema_of(*b->GetLayerDefn())) << name;
        EXPECT_EQ(a->GetGeomType(), b->GetGeomType()) << name;
        if (a->GetSpatialRef()) {
            ASSERT_TRUE(b->GetSpatialRef()) << name;
            EXPECT_STREQ(b->GetSpatialRef()->GetAuthorityCode(nullptr), "2154") << name;
        }
        const auto fa = features_of(*a), fb = features_of(*b);
        EXPECT_EQ(fa.size(), fb.size()) << name;
        EXPECT_TRUE(fa == fb) << name << ": a feature differs";
        features += fa.size();
    }
    EXPECT_GT(features, 1000u);
    gdal::PostgresDatabase db(connection_);
    // A spatial index on every layer with a geometry (all six have one).
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM pg_indexes WHERE schemaname = 'pc_corse' AND "
                    "indexdef LIKE '%USING gist%'"),
              6);
}

TEST_F(AnalyzeToPostgis, StylesAndTheRunAreRecorded) {
    const auto run = test::shell(analyze_command(out("pc_styles")));
    ASSERT_EQ(run.status, 0) << run.out;
    gdal::PostgresDatabase db(connection_);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = "
                    "'pc_styles' AND useasdefault AND f_table_catalog = current_database() "
                    "AND styleqml::text LIKE '%<renderer-v2%'"),
              6);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM palliacarte.runs WHERE schema_name = 'pc_styles' "
                    "AND territory = 'Corse' AND provenance->>'territory' = territory AND "
                    "version <> '' AND config->>'name' = 'Corse'"),
              1);
    // figures: one entry per analysed type, the same types as the layer.
    EXPECT_EQ(count(db,
                    "SELECT jsonb_array_length(figures) FROM palliacarte.runs WHERE "
                    "schema_name = 'pc_styles'"),
              count(db, "SELECT count(DISTINCT type) FROM pc_styles.communes_coverage"));
    // …and their white-zone counts are the layer's.
    EXPECT_EQ(count(db,
                    "SELECT sum((f->>'white_zone_communes')::int) FROM palliacarte.runs, "
                    "jsonb_array_elements(figures) f WHERE schema_name = 'pc_styles'"),
              count(db,
                    "SELECT count(*) FROM pc_styles.communes_coverage WHERE status = "
                    "'white_zone'"));
}

// QGIS's postgres provider, as a planner adds the layers from the database: each takes its
// default style from public.layer_styles, French aliases included.
TEST_F(AnalyzeToPostgis, QgisOpensEveryLayerAlreadyStyled) {
    ASSERT_EQ(test::shell(analyze_command(out("pc_qgis"))).status, 0);
    std::string cmd = "/usr/bin/python3 " + test::source_dir() +
                      "/tests/tools/qgis_styles_check.py --postgres " +
                      shell_quoted(connection_.substr(3)) + " pc_qgis";
    for (const auto& l : kLayers) cmd += " " + l;
    const auto r = test::shell(cmd + " | tail -1");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    const auto& renderer = test::expected_qgis_renderers();
    gdal::PostgresDatabase db(connection_);
    for (const auto& l : kLayers) {
        EXPECT_TRUE(j[l]["valid"].get<bool>()) << l;
        EXPECT_EQ(j[l]["renderer"], renderer.at(l)) << l;
        EXPECT_FALSE(j[l]["alias"].get<std::string>().empty()) << l;
        EXPECT_EQ(j[l]["count"].get<std::int64_t>(), count(db, "SELECT count(*) FROM pc_qgis." + l))
            << l;
    }
    // Corsica's first analysed type, HAD, is the one ticked (as in the GeoPackage).
    for (const auto& rule : j["communes_coverage"]["rules"])
        EXPECT_EQ(rule[1].get<bool>(), rule[0].get<std::string>().rfind("HAD —", 0) == 0) << rule;
}

// `serve --from PG:… --schema` answers as `serve --gpkg` on the GeoPackage of the same run:
// every collection, item, page, CRS and schema byte for byte; only the name of what is served
// differs (landing page, OpenAPI title, the /analysis 404 that names it).
TEST_F(AnalyzeToPostgis, ServeFromTheDatabaseAnswersAsFromTheGeoPackage) {
    const auto run =
        test::shell(analyze_command(out("pc_serve") + " --maps-dir " + dir_.file("files")));
    ASSERT_EQ(run.status, 0) << run.out;
    const std::string script =
        "/usr/bin/python3 " + test::source_dir() + "/scripts/compare-service-responses.py ";
    const std::string binary = PALLIACARTE_BINARY;
    const auto gpkg =
        test::shell(script + "capture " + binary + " --gpkg=" + dir_.file("files/coverage.gpkg") +
                    " " + dir_.file("gpkg"));
    ASSERT_EQ(gpkg.status, 0) << gpkg.out;
    const auto database =
        test::shell(script + "capture " + binary + " " + shell_quoted("--from=" + connection_) +
                    " " + dir_.file("database") + " --schema pc_serve");
    ASSERT_EQ(database.status, 0) << database.out;
    const auto compared =
        test::shell(script + "compare " + dir_.file("gpkg") + " " + dir_.file("database"));
    ASSERT_NE(compared.out.find("52 responses compared"), std::string::npos) << compared.out;
    std::istringstream lines(compared.out);
    int differ = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find(": differs in") == std::string::npos) continue;
        ++differ;
        const std::string path = line.substr(line.find(' ') + 1);
        EXPECT_TRUE(path.starts_with("/: ") || path.starts_with("/?f=json: ") ||
                    path.starts_with("/api: ") || path.starts_with("/analysis/"))
            << line;
    }
    EXPECT_LE(differ, 10) << compared.out;
    // A schema without a run: a configuration error, exit code 2.
    const auto none = test::shell(binary + " serve --from " + shell_quoted(connection_) +
                                  " --schema pc_nothing_here --port 0 --quiet");
    EXPECT_EQ(none.status, 2) << none.out;
    EXPECT_NE(none.out.find("aucune table dans le schéma « pc_nothing_here »"), std::string::npos)
        << none.out;
}

// A new run written to the served schema is served without a restart, and the response cache
// (which kept the old page) does not answer with the old run.
TEST_F(AnalyzeToPostgis, ServeFromTheDatabasePicksUpANewRun) {
    ASSERT_EQ(test::shell(analyze_command(out("pc_reload"))).status, 0);
    test::ChildProcess serve({PALLIACARTE_BINARY, "serve", "--from", connection_, "--schema",
                              "pc_reload", "--port", "0", "--quiet", "--reload-every", "1"});
    const std::string& first = serve.first_line();
    const auto at = first.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << first;
    const std::string url = first.substr(at, first.find('/', at + 7) - at) +
                            "/collections/communes_coverage/items?limit=1";
    auto matched = [&] {
        const auto r = test::shell("curl -s " + shell_quoted(url), false);
        const auto j = nlohmann::json::parse(r.out, nullptr, false);
        return j.is_object() && j.contains("numberMatched") ? j["numberMatched"].get<int>() : -1;
    };
    const int corsica = matched();
    EXPECT_EQ(corsica, matched());  // now in the response cache
    gdal::PostgresDatabase db(connection_);
    EXPECT_EQ(corsica, count(db, "SELECT count(*) FROM pc_reload.communes_coverage"));
    // Another territory's run into the same schema.
    const auto second = test::shell(std::string(PALLIACARTE_BINARY) + " analyze " +
                                    test::config("hauts-de-seine.json") + " --quiet --maps none " +
                                    out("pc_reload"));
    ASSERT_EQ(second.status, 0) << second.out;
    const std::int64_t expected = count(db, "SELECT count(*) FROM pc_reload.communes_coverage");
    ASSERT_NE(expected, corsica);
    EXPECT_TRUE(eventually([&] { return matched() == expected; }))
        << "still " << matched() << " features served, " << expected << " in the new run";
    EXPECT_EQ(serve.stop(), 0);
}

TEST_F(AnalyzeToPostgis, KeepHistoryKeepsThePreviousRunUnderItsDate) {
    ASSERT_EQ(test::shell(analyze_command(out("pc_hist"))).status, 0);
    const auto second = test::shell(analyze_command(out("pc_hist") + " --keep-history"));
    ASSERT_EQ(second.status, 0) << second.out;
    gdal::PostgresDatabase db(connection_);
    const std::string kept = db.query_value(
                                   "SELECT schema_name FROM palliacarte.runs WHERE schema_name "
                                   "LIKE 'pc_hist_2%' ORDER BY id DESC LIMIT 1")
                                 .value_or("");
    ASSERT_FALSE(kept.empty());
    EXPECT_NE(second.out.find("conservée dans " + kept), std::string::npos) << second.out;
    EXPECT_EQ(count(db, "SELECT count(*) FROM " + kept + ".communes_coverage"),
              count(db, "SELECT count(*) FROM pc_hist.communes_coverage"));
    EXPECT_EQ(
        count(db, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = '" + kept + "'"),
        6);
    // Without --keep-history the run before is replaced: still one current and one kept.
    ASSERT_EQ(test::shell(analyze_command(out("pc_hist"))).status, 0);
    EXPECT_EQ(count(db, "SELECT count(*) FROM palliacarte.runs WHERE schema_name IN ('pc_hist', '" +
                            kept + "')"),
              2);
}

TEST_F(AnalyzeToPostgis, AKilledRunLeavesThePreviousOneWhole) {
    ASSERT_EQ(test::shell(analyze_command(out("pc_kill"))).status, 0);
    gdal::PostgresDatabase db(connection_), watcher(connection_);
    const std::int64_t rows = count(db, "SELECT count(*) FROM pc_kill.communes_coverage");
    const std::int64_t run_id =
        count(db, "SELECT id FROM palliacarte.runs WHERE schema_name = 'pc_kill'");
    // PostGIS's table of CRSs locked: the next run creates its staging schema, then waits in
    // the middle of writing its layers (GDAL looks up EPSG:2154 there), where it is killed.
    db.execute("BEGIN; LOCK TABLE public.spatial_ref_sys IN ACCESS EXCLUSIVE MODE");
    // Named, so that only its wait counts (other suites share the server and its locks).
    const pid_t pid = start(
        analyze_command("--out " + shell_quoted(connection_ + " application_name=pc_kill_run") +
                        " --schema pc_kill"),
        dir_.file("killed.log"));
    const bool waiting = eventually([&] {
        return count(watcher,
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                     "'pc_kill_run' AND wait_event_type = 'Lock'") > 0;
    });
    kill(pid, SIGKILL);
    wait_exit(pid);
    db.execute("ROLLBACK");
    ASSERT_TRUE(waiting) << read_text(dir_.file("killed.log"));
    // Its server process ends when it finds the client gone, its transaction rolled back.
    ASSERT_TRUE(eventually([&] {
        return count(watcher,
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                     "'pc_kill_run'") == 0;
    }));
    EXPECT_EQ(count(watcher, "SELECT count(*) FROM pc_kill.communes_coverage"), rows);
    EXPECT_EQ(count(watcher, "SELECT id FROM palliacarte.runs WHERE schema_name = 'pc_kill'"),
              run_id);
    EXPECT_EQ(count(watcher,
                    "SELECT count(*) FROM pg_namespace WHERE nspname = "
                    "'pc_kill_staging'"),
              1)
        << "the killed run's staging schema stays until the next run";
    const auto next = test::shell(analyze_command(out("pc_kill")));
    ASSERT_EQ(next.status, 0) << next.out;
    EXPECT_EQ(count(watcher,
                    "SELECT count(*) FROM pg_namespace WHERE nspname = "
                    "'pc_kill_staging'"),
              0);
    EXPECT_GT(count(watcher, "SELECT id FROM palliacarte.runs WHERE schema_name = 'pc_kill'"),
              run_id);
}

TEST_F(AnalyzeToPostgis, ASecondRunOnTheSchemaWaitsForTheFirst) {
    gdal::PostgresDatabase holder(connection_);
    holder.query_value("SELECT pg_advisory_lock(hashtext('palliacarte:pc_wait'))::text");
    const std::string log = dir_.file("waiting.log");
    const pid_t pid = start(analyze_command(out("pc_wait")), log);
    const bool said =
        eventually([&] { return read_text(log).find("attente") != std::string::npos; });
    holder.query_value("SELECT pg_advisory_unlock(hashtext('palliacarte:pc_wait'))::text");
    EXPECT_TRUE(said) << read_text(log);
    EXPECT_EQ(wait_exit(pid), 0) << read_text(log);
    EXPECT_NE(read_text(log).find("le schéma pc_wait est en cours d'écriture par une autre "
                                  "exécution"),
              std::string::npos)
        << read_text(log);
}

TEST_F(AnalyzeToPostgis, NoPasswordIsEverShown) {
    const auto unreachable = test::shell(analyze_command(
        "--out 'PG:host=/nonexistent port=5432 user=postgres dbname=nowhere password=s3cret'"));
    EXPECT_EQ(unreachable.status, 3) << unreachable.out;
    EXPECT_EQ(unreachable.out.find("s3cret"), std::string::npos) << unreachable.out;
    EXPECT_NE(unreachable.out.find("password=***"), std::string::npos) << unreachable.out;
    // The test cluster trusts its socket: the password is given, not needed, never written.
    const auto run = test::shell(analyze_command(
        "--out " + shell_quoted(connection_ + " password=s3cret") + " --schema pc_secret"));
    ASSERT_EQ(run.status, 0) << run.out;
    EXPECT_EQ(run.out.find("s3cret"), std::string::npos) << run.out;
    gdal::PostgresDatabase db(connection_);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM palliacarte.runs WHERE (config::text || "
                    "provenance::text || coalesce(config_path, '')) LIKE '%s3cret%'"),
              0);
}

TEST_F(AnalyzeToPostgis, AWrongSchemaOrOptionIsAConfigurationError) {
    const auto upper = test::shell(analyze_command(out("Pc-Corse")));
    EXPECT_EQ(upper.status, 2) << upper.out;
    EXPECT_NE(upper.out.find("--schema « Pc-Corse »"), std::string::npos) << upper.out;
    const auto to_folder =
        test::shell(analyze_command("--out " + dir_.file("x") + " --schema pc_x"));
    EXPECT_EQ(to_folder.status, 2) << to_folder.out;
    EXPECT_NE(to_folder.out.find("--out PG:"), std::string::npos) << to_folder.out;
}

}  // namespace
