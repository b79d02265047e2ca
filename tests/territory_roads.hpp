#pragma once
// The `roads` section of a shipped territory config, with its path resolved against the data
// root: what the road tests load.
#include "config/territory_config.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

inline RoadSourceConfig shipped_roads(const std::string& config_name) {
    const auto config = load_territory_config(test::config(config_name), test::data_root());
    RoadSourceConfig roads = *config.roads;
    roads.path = config.resolve(roads.path);
    return roads;
}

}  // namespace palliacarte::test
