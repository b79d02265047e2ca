// Every road and population format the config may name has its reader in the format tables
// (load/source_formats.cpp), and each reads its kind of real file.
#include "load/source_formats.hpp"

#include <gtest/gtest.h>

#include "roads/osm_road_loader.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

TEST(SourceFormats, EveryNamedFormatHasItsReader) {
    for (const auto& [format, name] : config::ChoiceNames<config::RoadFormat>::table) {
        EXPECT_EQ(load::road_reader(format).format, format) << name;
        EXPECT_TRUE(load::road_reader(format).read) << name;
    }
    for (const auto& [format, name] : config::ChoiceNames<config::PopulationFormat>::table) {
        EXPECT_EQ(load::population_reader(format).format, format) << name;
        // Only the communes' own field has no file to read.
        EXPECT_EQ(static_cast<bool>(load::population_reader(format).read_table),
                  format != config::PopulationFormat::boundary_field)
            << name;
    }
}

TEST(SourceFormats, TheOsmReaderBuildsARealExtract) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    config::RoadSourceConfig roads;
    roads.format = config::RoadFormat::osm;
    roads.paths = {test::data("osm/lorient_56_osm-api.osm.pbf")};
    const roads::CarProfile profile = roads::CarProfile::load(test::config("profiles/car-fr.json"));
    model::RoadLoadStats stats, direct_stats;
    core::LoadReport report, direct_report;
    const roads::RoadGraph g =
        load::road_reader(config::RoadFormat::osm).read(roads, 2154, profile, stats, report, {});
    // The table's reader is the OSM loader with the config's settings (chains merged).
    const roads::RoadGraph direct =
        roads::load_osm_roads(roads.paths, 2154, profile, direct_stats, direct_report, {}, true);
    EXPECT_GT(g.node_count(), 100u);
    EXPECT_EQ(g.node_count(), direct.node_count());
    EXPECT_EQ(g.out_arc.size(), direct.out_arc.size());
    EXPECT_GT(stats.graph.merged_nodes, 0u);
    EXPECT_EQ(report.entries().size(), direct_report.entries().size());
}

}  // namespace
}  // namespace palliacarte
