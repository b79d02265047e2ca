// Several road files make one network: the Corsica links cut into two overlapping files
// (scripts/split-road-links.py), and an OSM extract cut into two overlapping extracts by
// osmium, must give the network, and the figures, of the single file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "analysis/coverage_analysis.hpp"
#include "config/territory_config.hpp"
#include "load/analysis_inputs.hpp"
#include "roads/ogr_link_loader.hpp"
#include "roads/osm_road_loader.hpp"
#include "routing/one_to_many.hpp"
#include "territory_roads.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

using namespace palliacarte;
using nlohmann::json;

namespace {

// The graph as a set: node positions and every arc by its end positions, so that two graphs
// built from differently ordered inputs compare equal when they are the same network.
using ArcRow = std::tuple<double, double, double, double, float, float>;
std::vector<ArcRow> arc_rows(const roads::RoadGraph& g) {
    std::vector<ArcRow> rows;
    for (roads::NodeId u = 0; u < g.node_count(); ++u)
        for (auto e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
            const model::Point &a = g.node_position[u], &b = g.node_position[g.head(e)];
            rows.emplace_back(a.x, a.y, b.x, b.y, g.seconds(e), g.length_m[e]);
        }
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::string split_corsica(const test::ScratchDir& dir) {
    const std::string cmd = "/usr/bin/python3 " + test::source_dir() +
                            "/scripts/split-road-links.py " + test::source_dir() +
                            "/data/demo/corse/roads.fgb.gz " + dir.path().string() +
                            " --layer links --band-m 2000";
    const auto r = test::shell(cmd);
    EXPECT_EQ(r.status, 0) << r.out;
    return r.out;
}

// The shipped Corsica config with its roads replaced, analysing `types` only.
config::TerritoryConfig corsica_config(const json& road_paths, const std::string& cache_dir) {
    std::ifstream in(test::config("corse.json"));
    json doc = json::parse(in);
    doc["roads"]["path"] = road_paths;
    doc["cache_dir"] = cache_dir;
    doc["analysis"]["types"] = {"HAD", "HOPITAL"};
    doc["analysis"].erase("white_zone_combinations");
    doc["analysis"].erase("where_next");
    return config::parse_territory_config(doc, test::config("corse.json"), std::nullopt);
}

}  // namespace

TEST(MultiFileRoads, CorsicaCutInTwoIsTheSameNetwork) {
    test::ScratchDir dir("split-corsica");
    const std::string printed = split_corsica(dir);
    ASSERT_NE(printed.find("links in both files"), std::string::npos) << printed;
    const test::LoadedRoads whole = test::load_shipped_roads("corse.json");

    config::RoadSourceConfig roads = test::shipped_roads("corse.json");
    roads.paths = {dir.file("west.gpkg"), dir.file("east.gpkg")};
    model::RoadLoadStats stats;
    core::LoadReport report;
    const roads::RoadGraph g = roads::load_ogr_links(
        roads, 2154, roads::CarProfile::load(roads.profile_path), stats, report);
    ASSERT_EQ(stats.files.size(), 2u);
    // The band's links were read twice and counted once; the cut's junctions are shared.
    EXPECT_EQ(stats.files[0].shared_features, 0u);
    EXPECT_GT(stats.files[1].shared_features, 1000u);
    EXPECT_EQ(stats.files[0].features + stats.files[1].features - stats.files[1].shared_features,
              whole.stats.features);
    EXPECT_GT(stats.files[0].shared_junctions, 500u);
    EXPECT_EQ(stats.files[0].shared_junctions, stats.files[1].shared_junctions);
    EXPECT_EQ(stats.files[0].junctions + stats.files[1].junctions - stats.files[0].shared_junctions,
              stats.graph.input_nodes);
    EXPECT_EQ(report.count("roads_merged"), 1u);
    EXPECT_EQ(stats.links, whole.stats.links);
    EXPECT_EQ(g.node_count(), whole.graph.node_count());
    EXPECT_EQ(g.edge_count(), whole.graph.edge_count());
    EXPECT_EQ(stats.graph.components, whole.stats.graph.components);
    EXPECT_TRUE(arc_rows(g) == arc_rows(whole.graph));

    // One file alone is not the island: its network stops at the cut.
    config::RoadSourceConfig west = roads;
    west.paths = {dir.file("west.gpkg")};
    model::RoadLoadStats west_stats;
    core::LoadReport west_report;
    const roads::RoadGraph w = roads::load_ogr_links(
        west, 2154, roads::CarProfile::load(roads.profile_path), west_stats, west_report);
    EXPECT_LT(w.node_count(), g.node_count() * 3 / 4);
}

TEST(MultiFileRoads, CorsicaCutInTwoGivesTheSameFigures) {
    test::ScratchDir dir("split-corsica-figures");
    split_corsica(dir);
    const std::string cache = dir.file("cache");
    load::AnalysisInputs one = load::load_analysis_inputs(
        corsica_config(test::source_dir() + "/data/demo/corse/roads.fgb.gz", cache));
    load::AnalysisInputs two = load::load_analysis_inputs(
        corsica_config(json::array({dir.file("west.gpkg"), dir.file("east.gpkg")}), cache));
    ASSERT_EQ(two.territory.load.road_stats.files.size(), 2u);
    const analysis::CoverageAnalysis a = analysis::analyze_coverage(one.territory, one.analysis);
    const analysis::CoverageAnalysis b = analysis::analyze_coverage(two.territory, two.analysis);
    ASSERT_EQ(a.types.size(), 2u);
    ASSERT_EQ(b.types.size(), a.types.size());
    EXPECT_EQ(a.unsnapped_points, b.unsnapped_points);
    for (std::size_t t = 0; t < a.types.size(); ++t) {
        const auto &ta = a.types[t], &tb = b.types[t];
        EXPECT_EQ(ta.located, tb.located) << ta.type;
        ASSERT_EQ(ta.communes.size(), tb.communes.size());
        std::size_t covered = 0;
        for (std::size_t c = 0; c < ta.communes.size(); ++c) {
            const auto &ca = ta.communes[c], &cb = tb.communes[c];
            EXPECT_EQ(ca.status, cb.status) << ta.type << " commune " << c;
            EXPECT_DOUBLE_EQ(ca.population_within, cb.population_within) << c;
            EXPECT_NEAR(ca.mean_minutes, cb.mean_minutes, 1e-6) << c;
            EXPECT_NEAR(ca.max_minutes, cb.max_minutes, 1e-6) << c;
            EXPECT_EQ(ca.nearest_structure, cb.nearest_structure) << c;
            covered += ca.status == analysis::CoverageStatus::covered;
        }
        EXPECT_GT(covered, 20u) << ta.type;  // a real analysis, not an empty one
        for (std::size_t i = 0; i < a.indicators.size(); ++i)
            EXPECT_DOUBLE_EQ(a.indicators[i].types[t].population_covered,
                             b.indicators[i].types[t].population_covered);
    }
}

TEST(MultiFileRoads, TwoOverlappingOsmExtractsAreTheWholeExtract) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const std::string pbf = test::data("osm/saint-germain-en-laye_78_highway_2022-12-18.osm.pbf");
    test::ScratchDir dir("split-osm");
    // The extract's bounds, then a west and an east extract overlapping by ~700 m, cut by
    // osmium with complete ways (as Geofabrik's extracts keep the ways that cross a border).
    const auto info = test::shell("osmium fileinfo -e -g data.bbox " + pbf, false);
    ASSERT_EQ(info.status, 0) << "osmium-tool (Debian package) is needed";
    double x0, y0, x1, y1;
    ASSERT_EQ(std::sscanf(info.out.c_str(), "(%lf,%lf,%lf,%lf)", &x0, &y0, &x1, &y1), 4)
        << info.out;
    const double mid = (x0 + x1) / 2, band = 0.005;
    auto cut = [&](const std::string& name, double from, double to) {
        char bbox[160];
        std::snprintf(bbox, sizeof bbox, "%.7f,%.7f,%.7f,%.7f", from, y0 - 0.01, to, y1 + 0.01);
        const auto r = test::shell("osmium extract -s complete_ways -b " + std::string(bbox) +
                                   " -O -o " + dir.file(name) + " " + pbf);
        EXPECT_EQ(r.status, 0) << r.out;
        return dir.file(name);
    };
    const std::string west = cut("west.osm.pbf", x0 - 0.01, mid + band);
    const std::string east = cut("east.osm.pbf", mid - band, x1 + 0.01);
    const roads::CarProfile profile = roads::CarProfile::load(test::config("profiles/car-fr.json"));

    model::RoadLoadStats whole_stats, stats, west_stats;
    core::LoadReport whole_report, report, west_report;
    const roads::RoadGraph whole =
        roads::load_osm_roads(pbf, 2154, profile, whole_stats, whole_report);
    const roads::RoadGraph g = roads::load_osm_roads({west, east}, 2154, profile, stats, report);
    const roads::RoadGraph w = roads::load_osm_roads(west, 2154, profile, west_stats, west_report);
    ASSERT_EQ(stats.files.size(), 2u);
    EXPECT_GT(stats.files[1].shared_features, 10u);  // ways in both extracts, counted once
    EXPECT_EQ(stats.files[0].features + stats.files[1].features - stats.files[1].shared_features,
              whole_stats.files[0].features);
    EXPECT_GT(stats.files[0].shared_junctions, 10u);
    EXPECT_EQ(g.node_count(), whole.node_count());
    EXPECT_EQ(g.edge_count(), whole.edge_count());
    EXPECT_TRUE(arc_rows(g) == arc_rows(whole));
    EXPECT_LT(w.node_count(), whole.node_count());

    // Times across the cut: from the westernmost junction, the same everywhere.
    roads::NodeId start = 0;
    for (roads::NodeId v = 0; v < g.node_count(); ++v)
        if (g.node_position[v].x < g.node_position[start].x) start = v;
    roads::NodeId whole_start = 0;
    for (roads::NodeId v = 0; v < whole.node_count(); ++v)
        if (whole.node_position[v].x < whole.node_position[whole_start].x) whole_start = v;
    routing::OneToManySearch s(g), s_whole(whole);
    s.run({{start, 0}}, 3600, routing::SearchDirection::from_sources);
    s_whole.run({{whole_start, 0}}, 3600, routing::SearchDirection::from_sources);
    ASSERT_EQ(g.node_position, whole.node_position);  // same Hilbert numbering
    std::size_t east_of_cut = 0;
    for (roads::NodeId v = 0; v < g.node_count(); ++v) {
        EXPECT_NEAR(s.seconds(v), s_whole.seconds(v), 1e-3) << v;
        east_of_cut +=
            g.node_position[v].x > g.node_position[start].x + 3000 && s.seconds(v) < 3600;
    }
    EXPECT_GT(east_of_cut, 100u);
}
