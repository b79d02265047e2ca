#pragma once
// The readers of the road and population formats (`roads.format`, `population.format`), one
// table each, as structure_formats.hpp has for structures: a new format is one reader and one
// line in source_formats.cpp (plus its name in the config schema and README).
#include <functional>
#include <string>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "load/population_loader.hpp"
#include "model/road_load_stats.hpp"
#include "roads/car_profile.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::load {

struct RoadReader {
    config::RoadFormat format;  ///< `roads.format` (config_choices.hpp names it)
    /// Builds the graph of `roads.paths` (resolved) in the territory's CRS `epsg`.
    std::function<roads::RoadGraph(const config::RoadSourceConfig& roads, int epsg,
                                   const roads::CarProfile& profile, model::RoadLoadStats& stats,
                                   core::LoadReport& report, const core::ProgressFn& progress)>
        read;
};

struct PopulationReader {
    config::PopulationFormat format;  ///< `population.format`
    /// The commune populations of the file; empty for boundary_field (the communes' own field).
    std::function<PopulationTable(const std::string& path,
                                  const config::PopulationConfig& population,
                                  core::LoadReport& report)>
        read_table;
};

/// @brief The reader of `format` (every format has one).
const RoadReader& road_reader(config::RoadFormat format);
const PopulationReader& population_reader(config::PopulationFormat format);

}  // namespace palliacarte::load
