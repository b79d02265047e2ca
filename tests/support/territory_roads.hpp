#pragma once
// The `roads` section of a shipped territory config, with its path resolved against the data
// root: what the road tests load.
#include "config/territory_config.hpp"
#include "roads/ogr_link_loader.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

inline config::RoadSourceConfig shipped_roads(const std::string& config_name) {
    const auto config =
        config::load_territory_config(test::config(config_name), test::data_root_for(config_name));
    config::RoadSourceConfig roads = *config.roads;
    for (auto& p : roads.paths) p = config.resolve(p);
    return roads;
}

/// @brief A shipped config's OGR road network, loaded as the territory loader does.
struct LoadedRoads {
    roads::RoadGraph graph;
    model::RoadLoadStats stats;
    core::LoadReport report;
};

inline LoadedRoads load_shipped_roads(const std::string& config_name) {
    const config::RoadSourceConfig roads = shipped_roads(config_name);
    LoadedRoads out;
    out.graph = roads::load_ogr_links(roads, 2154, roads::CarProfile::load(roads.profile_path),
                                      out.stats, out.report);
    return out;
}

}  // namespace palliacarte::test
