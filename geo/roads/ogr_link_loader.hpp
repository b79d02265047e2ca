#pragma once
// Road networks from any OGR line layer with a field mapping: the road layers of transport
// models (eqasim/MATSim links), BD TOPO- and ROUTE 500-like layers, exports from other tools.
#include <map>
#include <string>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "model/road_load_stats.hpp"
#include "roads/car_profile.hpp"
#include "roads/road_graph.hpp"
#include "roads/road_graph_builder.hpp"
#include "roads/source_file_overlap.hpp"

namespace palliacarte::roads {

/// @brief Every file of `config.paths` into one graph: links with the same node ids (or end
/// points) connect across files, and a link read twice (same ends, same length) counts once.
/// @param config paths resolved. @throws DataError if the layer or a mapped field is missing.
RoadGraph load_ogr_links(const config::RoadSourceConfig& config, int epsg,
                         const CarProfile& profile, model::RoadLoadStats& stats,
                         core::LoadReport& report, const core::ProgressFn& progress = {});

}  // namespace palliacarte::roads
