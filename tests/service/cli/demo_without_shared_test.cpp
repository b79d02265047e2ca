// The demo as a person who clones palliacarte runs it: the repository is copied into a folder
// with nothing beside it (no ../shared), PALLIACARTE_DATA_ROOT is unset, and scripts/demo.sh
// runs each demo territory there with the palliacarte just built. Its figures must be those of
// the same analysis on the national files (tests/configs/<territory>-full-data.json).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv_reader.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

namespace {

using palliacarte::test::Outcome;
using palliacarte::test::ScratchDir;
using palliacarte::test::shell;
namespace fs = std::filesystem;

const std::vector<std::string> kDemos = {"corse", "hauts-de-seine"};

// The whole file; a missing one fails the test with its name (DataError).
std::string slurp(const fs::path& path) {
    return palliacarte::core::read_file(path.string());
}

/// The lines of a command summary or report that carry figures: durations and the list of
/// files written are left out, and input file names (which differ between the demo copy and the
/// national tree) are cut from diagnostics ("[warning] FILE : message") and report lines.
std::string figure_lines(const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) {
        if (line.rfind("Durées", 0) == 0 || line.find("détail :") != std::string::npos ||
            line.find("Fichiers écrits") != std::string::npos || line.rfind("Rapport :", 0) == 0)
            continue;
        if (line.rfind("Configuration :", 0) == 0) continue;
        if (line == "Résultats :") break;  // demo.sh's closing lines: where the files are
        // The report's diagnostics: "- avertissement — `FILE` : message".
        if (line.rfind("- avertissement — `", 0) == 0 || line.rfind("- **rejet** — `", 0) == 0)
            if (const auto colon = line.find("` : "); colon != std::string::npos)
                line = line.substr(0, line.find('`')) + line.substr(colon + 1);
        if (const auto at = line.find("] "); at != std::string::npos) {
            if (const auto colon = line.find(" : ", at); colon != std::string::npos)
                line = line.substr(0, at + 2) + line.substr(colon);
        }
        if (line.find("data/") != std::string::npos) continue;
        // What the run rests on names the config, the date and the paths: compared apart.
        if (line.rfind("- Calcul du", 0) == 0) continue;
        if (line.rfind("## Sources et paramètres", 0) == 0) break;
        out += line + "\n";
    }
    return out;
}

/// A GeoJSON file without its "metadata" member (config name, run date, source paths).
std::string features_only(const fs::path& path) {
    auto doc = nlohmann::json::parse(slurp(path));
    doc.erase("metadata");
    return doc.dump();
}

class DemoWithoutShared : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new ScratchDir("demo-clone");
        clone_ = dir_->path() / "clone" / "palliacarte";
        // What a clone holds: the files git tracks (and new ones it does not ignore).
        const Outcome copy =
            shell("mkdir -p " + clone_.string() + " && cd " + palliacarte::test::source_dir() +
                  " && git ls-files -z --cached --others --exclude-standard"
                  " | xargs -0 cp --parents -t " +
                  clone_.string());
        copy_status_ = copy.status;
        for (const auto& t : kDemos) {
            runs_[t] = shell("cd " + clone_.string() + " && env -u PALLIACARTE_DATA_ROOT" +
                             " PALLIACARTE_BIN=" + PALLIACARTE_BINARY +
                             " PALLIACARTE_CACHE_DIR=" + (dir_->path() / "cache").string() +
                             " PALLIACARTE_DEMO_OUT=" + out(t).string() + " scripts/demo.sh " + t +
                             " --quiet");
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        runs_.clear();
    }
    static fs::path out(const std::string& t) { return dir_->path() / ("demo-" + t); }

    static ScratchDir* dir_;
    static fs::path clone_;
    static int copy_status_;
    static std::map<std::string, Outcome> runs_;
};
ScratchDir* DemoWithoutShared::dir_ = nullptr;
fs::path DemoWithoutShared::clone_;
int DemoWithoutShared::copy_status_ = -1;
std::map<std::string, Outcome> DemoWithoutShared::runs_;

TEST_F(DemoWithoutShared, RunsWithNothingBesideTheClone) {
    ASSERT_EQ(copy_status_, 0);
    ASSERT_FALSE(fs::exists(clone_.parent_path() / "shared"));
    for (const auto& t : kDemos) {
        const Outcome& r = runs_[t];
        ASSERT_EQ(r.status, 0) << t << "\n" << r.out;
        for (const char* f : {"coverage.gpkg", "report.md", "white_zones.csv", "territories.csv",
                              "communes_coverage.geojson", "catchments.geojson"})
            EXPECT_GT(fs::file_size(out(t) / f), 100u) << t << " " << f;
        // The last lines say where to look: report, atlas, QGIS project, web map.
        const auto at = r.out.rfind("Résultats :");
        ASSERT_NE(at, std::string::npos) << r.out;
        const std::string tail = r.out.substr(at);
        for (const std::string& f :
             {out(t).string() + "/report.md", out(t).string() + "/atlas.pdf",
              out(t).string() + "/coverage.qgz", "serve data/" + t + ".json"})
            EXPECT_NE(tail.find(f), std::string::npos) << t << " " << f << "\n" << tail;
    }
    EXPECT_NE(runs_["corse"].out.find("Corse — 360 communes"), std::string::npos);
    EXPECT_NE(runs_["corse"].out.find("temps de trajet par la route"), std::string::npos);
    EXPECT_NE(runs_["hauts-de-seine"].out.find(
                  "Hauts-de-Seine — 36 communes, 1 654 712 habitants, 54 structures"),
              std::string::npos);
}

TEST_F(DemoWithoutShared, GivesTheFiguresOfTheNationalFiles) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    for (const auto& t : kDemos) {
        ASSERT_EQ(runs_[t].status, 0) << runs_[t].out;
        const fs::path full = dir_->path() / ("full-" + t);
        const Outcome r =
            shell(std::string(PALLIACARTE_BINARY) + " analyze " + palliacarte::test::source_dir() +
                  "/tests/configs/" + t + "-full-data.json --data-root " +
                  palliacarte::test::data_root() + " --out " + full.string() + " --quiet");
        ASSERT_EQ(r.status, 0) << r.out;
        // The command's summary: per type the population within the threshold and the
        // white-zone communes, and every warning.
        EXPECT_EQ(figure_lines(runs_[t].out), figure_lines(r.out)) << t;
        EXPECT_NE(figure_lines(r.out).find("seuil"), std::string::npos) << r.out;
        for (const char* f : {"white_zones.csv", "territories.csv"})
            EXPECT_EQ(slurp(out(t) / f), slurp(full / f)) << t << " " << f;
        for (const char* f :
             {"communes_coverage.geojson", "white_zones.geojson", "catchments.geojson"})
            EXPECT_EQ(features_only(out(t) / f), features_only(full / f)) << t << " " << f;
        // The same vintages, whichever copy of the data was read.
        const auto demo_meta = nlohmann::json::parse(slurp(out(t) / "metadata.json"));
        const auto full_meta = nlohmann::json::parse(slurp(full / "metadata.json"));
        ASSERT_EQ(demo_meta["sources"].size(), full_meta["sources"].size()) << t;
        for (std::size_t k = 0; k < demo_meta["sources"].size(); ++k)
            EXPECT_EQ(demo_meta["sources"][k]["vintage"], full_meta["sources"][k]["vintage"]) << t;
        EXPECT_EQ(figure_lines(slurp(out(t) / "report.md")),
                  figure_lines(slurp(full / "report.md")))
            << t;
    }
}

}  // namespace
