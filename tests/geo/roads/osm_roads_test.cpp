// OpenStreetMap extracts through libosmium: real city extracts, cut and broken files.
#include "roads/osm_road_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "networkx_check.hpp"
#include "routing/one_to_many.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

roads::CarProfile profile() {
    return roads::CarProfile::load(test::config("profiles/car-fr.json"));
}

roads::RoadGraph load(const std::string& path, model::RoadLoadStats& stats,
                      core::LoadReport& report) {
    return roads::load_osm_roads(path, 2154, profile(), stats, report);
}

void expect_agrees_with_networkx(const roads::RoadGraph& g, double cutoff) {
    for (const roads::NodeId start :
         {roads::NodeId{0}, static_cast<roads::NodeId>(g.node_count() / 2)}) {
        routing::OneToManySearch s(g);
        s.run({{start, 0}}, cutoff, routing::SearchDirection::from_sources);
        const auto expected = test::networkx_times(g, start, cutoff);
        ASSERT_GT(expected.size(), 10u);
        EXPECT_EQ(s.settled().size(), expected.size());
        for (const auto& [v, t] : expected) EXPECT_NEAR(s.seconds(v), t, 0.01) << "node " << v;
    }
}

}  // namespace

TEST(OsmRoads, SaintGermainEnLayeAgreesWithNetworkx) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    model::RoadLoadStats stats;
    core::LoadReport report;
    const roads::RoadGraph g =
        load(test::data("osm/saint-germain-en-laye_78_highway_2022-12-18.osm.pbf"), stats, report);
    EXPECT_GT(g.node_count(), 3000u);
    EXPECT_EQ(stats.graph.components > 1, stats.graph.dropped_nodes > 0);
    // Lambert-93 around Saint-Germain-en-Laye (x ≈ 628 km, y ≈ 6 867 km).
    EXPECT_NEAR(g.node_position[0].x, 628000, 8000);
    EXPECT_NEAR(g.node_position[0].y, 6867000, 8000);
    EXPECT_GT(stats.speed_from_field, 0u);  // maxspeed tags are read
    expect_agrees_with_networkx(g, 600);
}

TEST(OsmRoads, MonacoAndLorientLoadAndAgree) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    for (const char* file : {"osm/monaco-and-french-neighbours_06_osrm-test_2016-03-05.osm.pbf",
                             "osm/lorient_56_osm-api.osm.pbf",
                             "osm/paris16_trocadero_75_highway_2022-12-22.osm.pbf"}) {
        model::RoadLoadStats stats;
        core::LoadReport report;
        const roads::RoadGraph g = load(test::data(file), stats, report);
        EXPECT_GT(g.node_count(), 100u) << file;
        expect_agrees_with_networkx(g, 300);
    }
}

TEST(OsmRoads, OnewayStreetsMakeDirectionMatter) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    model::RoadLoadStats stats;
    core::LoadReport report;
    const roads::RoadGraph g =
        load(test::data("osm/paris16_trocadero_75_highway_2022-12-22.osm.pbf"), stats, report);
    routing::OneToManySearch s(g);
    std::size_t differ = 0;
    for (roads::NodeId start = 0; start < 20; ++start) {
        s.run({{start, 0}}, 300, routing::SearchDirection::from_sources);
        std::vector<double> from(g.node_count());
        for (roads::NodeId v = 0; v < g.node_count(); ++v) from[v] = s.seconds(v);
        s.run({{start, 0}}, 300, routing::SearchDirection::to_sources);
        for (roads::NodeId v = 0; v < g.node_count(); ++v)
            differ += std::abs(from[v] - s.seconds(v)) > 1;
    }
    EXPECT_GT(differ, 100u);  // Paris one-ways: out and back differ for many places
}

TEST(OsmRoads, CutExtractIsReportedNotFatal) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    // Cut the real tiny Paris 16e extract: drop every fifth self-closing <node .../> element,
    // as a careless clip would, so ways reference nodes the file no longer has.
    const std::string xml = core::read_file(test::data("osm/paris16-sw_75_highway_tiny.osm"));
    std::string cut;
    std::size_t pos = 0, count = 0;
    while (true) {
        const auto start = xml.find("<node ", pos);
        if (start == std::string::npos) break;
        const auto end = xml.find('>', start);
        const bool self_closing = xml[end - 1] == '/';
        cut += xml.substr(pos, start - pos);
        if (!(self_closing && ++count % 5 == 0)) cut += xml.substr(start, end + 1 - start);
        pos = end + 1;
    }
    cut += xml.substr(pos);
    test::ScratchDir dir("cut-osm");
    const auto path = dir.write("cut.osm", cut);
    model::RoadLoadStats whole_stats, stats;
    core::LoadReport whole_report, report;
    const roads::RoadGraph whole =
        load(test::data("osm/paris16-sw_75_highway_tiny.osm"), whole_stats, whole_report);
    const roads::RoadGraph g = load(path, stats, report);
    EXPECT_EQ(whole_report.count("missing_node_refs"), 0u);
    EXPECT_EQ(report.count("missing_node_refs"), 1u);
    EXPECT_GT(g.node_count(), 0u);
    EXPECT_LT(g.node_count(), whole.node_count());
}

TEST(OsmRoads, EmptyAndNonOsmFilesAreClearErrors) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    test::ScratchDir dir("bad-osm");
    model::RoadLoadStats stats;
    core::LoadReport report;
    const auto empty = dir.write("empty.osm.pbf", "");
    EXPECT_THROW(load(empty, stats, report), core::DataError);
    const auto not_osm =
        dir.write("roads.osm.pbf",
                  core::read_file(test::data("territories/coordination-territories-92.csv")));
    try {
        load(not_osm, stats, report);
        FAIL();
    } catch (const core::DataError& e) {
        EXPECT_EQ(e.file(), not_osm);
        EXPECT_NE(e.reason().find("OpenStreetMap"), std::string::npos) << e.reason();
    }
    const auto xml = dir.write("other.osm", "<?xml version='1.0'?><kml></kml>");
    EXPECT_THROW(load(xml, stats, report), core::DataError);
    EXPECT_THROW(load(dir.file("absent.osm.pbf"), stats, report), core::DataError);
}
