// End-to-end: the palliacarte binary's output and exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "test_paths.hpp"
#include "test_shell.hpp"

namespace {

using Run = palliacarte::test::Outcome;

// Runs the binary with `args`; stderr goes to stdout when merge is true.
Run run(const std::string& args, bool merge = true) {
    return palliacarte::test::shell(std::string(PALLIACARTE_BINARY) + " " + args, merge);
}

std::string root() {
    return " --data-root " + palliacarte::test::data_root();
}

}  // namespace

TEST(InspectCli, HautsDeSeineTextSummary) {
    const auto r = run("inspect " + palliacarte::test::config("hauts-de-seine.json"));
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("36 communes, 1 654 712 habitants"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Structures : 54 (40 localisées, 14 à zone déclarée seulement"),
              std::string::npos)
        << r.out;
}

TEST(InspectCli, JsonHasTheSameFigures) {
    const auto r = run("inspect --json " + palliacarte::test::config("hauts-de-seine.json"), false);
    ASSERT_EQ(r.status, 0);
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["communes"]["count"], 36);
    EXPECT_EQ(j["communes"]["population"]["total"], 1654712);
    EXPECT_EQ(j["structures"]["located"], 40);
    EXPECT_EQ(j["structures"]["declared_area_only"], 14);
    EXPECT_EQ(j["territories"][1]["territories"].size(), 3u);
}

TEST(InspectCli, ExitCodes) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    EXPECT_EQ(run("").status, 2);
    EXPECT_EQ(run("inspect").status, 2);
    EXPECT_EQ(run("frobnicate x").status, 2);
    const auto missing = run("inspect /nonexistent/config.json");
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.out.find("/nonexistent/config.json"), std::string::npos);

    palliacarte::test::ScratchDir dir("cli");
    const auto cfg = dir.write(
        "bad-data.json", R"({"name":"X","communes":{"path":"nope.geojson"},"structure_types":")" +
                             palliacarte::test::structure_types() + "\"}");
    const auto unreadable = run("inspect " + cfg + root());
    EXPECT_EQ(unreadable.status, 3);
    EXPECT_NE(unreadable.out.find("nope.geojson: fichier introuvable"), std::string::npos)
        << unreadable.out;

    const auto bad_json = dir.write("bad.json", "{\"name\": ");
    const auto r = run("inspect " + bad_json + root());
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("pas du JSON valide"), std::string::npos) << r.out;
}

// A FINESS+ source (the hand-written fixtures): per type, positions, declared zones, beds and
// the activity codes behind it.
TEST(InspectCli, FinessPlusTypesShowPositionsZonesBedsAndActivities) {
    nlohmann::json cfg;
    {
        std::ifstream in(palliacarte::test::config("hauts-de-seine.json"));
        cfg = nlohmann::json::parse(in);
    }
    const std::string fixtures = palliacarte::test::source_dir() + "/tests/fixtures/finess-plus/";
    cfg["data_root"] = palliacarte::test::config("demo/hauts-de-seine");
    cfg["structures"] =
        nlohmann::json::array({{{"format", "finess-plus"},
                                {"path", fixtures + "activites-92.json"},
                                {"structures_path", fixtures + "structures-92.json"}}});
    palliacarte::test::ScratchDir dir("cli-finess-plus");
    const auto r = run("inspect " + dir.write("finess-plus-92.json", cfg.dump()));
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("  LISP      1 avec position, 0 sans ; 0 avec zone déclarée, 1 sans ; "
                         "capacité 10 lits ; activités ASR R4/N2, ASR R4/W2"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  HAD       1 avec position, 1 sans ; 1 avec zone déclarée, 1 sans"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  EMSP      1 avec position, 0 sans ; 0 avec zone déclarée, 1 sans ; "
                         "activités ASR R4/N4"),
              std::string::npos)
        << r.out;
    const auto j = run("inspect --json " + dir.file("finess-plus-92.json"), false);
    const auto doc = nlohmann::json::parse(j.out);
    for (const auto& t : doc["structures"]["by_type"])
        if (t["type"] == "USP") {
            EXPECT_EQ(t["capacity"], 10.0);
        }
}

// The import step of a large territory: `inspect --prepare` leaves in the cache what every
// analysis reuses, and the first analysis reads it back instead of building it.
TEST(InspectCli, PrepareCachesWhatEveryAnalysisReuses) {
    palliacarte::test::ScratchDir dir("prepare");
    const std::string env = "PALLIACARTE_CACHE_DIR=" + dir.file("cache") + " ";
    const auto config = palliacarte::test::config("corse.json");
    const auto prepared = palliacarte::test::shell(
        env + PALLIACARTE_BINARY + " inspect --prepare --quiet " + config, true);
    ASSERT_EQ(prepared.status, 0) << prepared.out;
    EXPECT_NE(prepared.out.find("Préparé pour les analyses"), std::string::npos) << prepared.out;
    EXPECT_NE(prepared.out.find("catchment surface: snap raster"), std::string::npos);
    std::size_t pieces = 0, rasters = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir.file("cache"))) {
        pieces += f.path().filename().string().starts_with("population-pieces-");
        rasters += f.path().filename().string().find("-raster-") != std::string::npos;
    }
    EXPECT_EQ(pieces, 1u);
    EXPECT_EQ(rasters, 1u);
    const auto analysis = palliacarte::test::shell(
        env + PALLIACARTE_BINARY + " analyze " + config + " --maps none --out " + dir.file("out"),
        true);
    ASSERT_EQ(analysis.status, 0) << analysis.out;
    EXPECT_NE(analysis.out.find("population points (cache)"), std::string::npos) << analysis.out;
    EXPECT_NE(analysis.out.find("catchment surface: snap raster (cache)"), std::string::npos)
        << analysis.out;
}

// A config with a population grid but no commune population: the grid is the population. The
// summary used to say « 0 habitant » with a warning per commune, then give shares of it.
TEST(InspectCli, AGridWithoutCommunePopulationIsThePopulation) {
    nlohmann::json cfg;
    {
        std::ifstream in(palliacarte::test::config("corse.json"));
        cfg = nlohmann::json::parse(in);
    }
    cfg.erase("population");
    cfg["data_root"] = palliacarte::test::config("demo/corse");
    palliacarte::test::ScratchDir dir("cli-grid-only");
    const std::string config = dir.write("corse-grille.json", cfg.dump());
    const auto r = run("inspect " + config);
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("360 communes, habitants de la grille carroyée"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("0 habitant"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("sans valeur de population"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Signalements : 0 rejet, 1 avertissement"), std::string::npos) << r.out;

    const auto a = run("analyze " + config + " --maps none --quiet --out " + dir.file("out"));
    ASSERT_EQ(a.status, 0) << a.out;
    // « Territoire : Corse — 360 communes, 345 979 habitants, 17 structures »: the grid's people.
    const std::string head = "Corse — 360 communes, ";
    const auto at = a.out.find(head);
    ASSERT_NE(at, std::string::npos) << a.out;
    long long people = 0;
    for (std::size_t i = at + head.size(); i < a.out.size() && a.out[i] != 'h'; ++i)
        if (a.out[i] >= '0' && a.out[i] <= '9') people = people * 10 + (a.out[i] - '0');
    EXPECT_GT(people, 300000) << a.out;  // Corsica: 340,000 to 350,000 inhabitants
    EXPECT_LT(people, 400000) << a.out;
    // The commune table adds up to the same people.
    std::ifstream in(dir.file("out") + "/communes_coverage.geojson");
    const auto doc = nlohmann::json::parse(in);
    double sum = 0;
    for (const auto& f : doc["features"])
        if (f["properties"]["type"] == "HAD") sum += f["properties"]["population"].get<double>();
    EXPECT_NEAR(sum, double(people), 360.0) << a.out;  // rounded per commune
    // And the report says the same, and how the grid was used.
    std::ifstream report_in(dir.file("out") + "/report.md");
    const std::string report((std::istreambuf_iterator<char>(report_in)), {});
    EXPECT_EQ(report.find("360 communes, 0 habitant"), std::string::npos);
    EXPECT_NE(report.find("la grille est la population"), std::string::npos);
}
