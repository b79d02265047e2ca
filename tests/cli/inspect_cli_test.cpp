// End-to-end: the palliacarte binary's output and exit codes.
#include <gtest/gtest.h>

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
