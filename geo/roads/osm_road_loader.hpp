#pragma once
// Road networks from OpenStreetMap (.osm.pbf, .osm) with libosmium: car-accessible highway
// ways, split at the nodes they share, timed with the car profile.
#include <map>
#include <string>

#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "roads/car_profile.hpp"
#include "roads/ogr_link_loader.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte {

/// @brief Reads `path`, builds the graph of its largest strongly connected car component.
/// Ways with missing node references (a cut extract) keep their complete parts and are reported.
/// @throws DataError when the file is not OSM data or holds no car road.
RoadGraph load_osm_roads(const std::string& path, int epsg, const CarProfile& profile,
                         RoadLoadStats& stats, LoadReport& report, const ProgressFn& progress = {});

}  // namespace palliacarte
