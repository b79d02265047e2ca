#pragma once
// Road networks from OpenStreetMap (.osm.pbf, .osm) with libosmium: car-accessible highway
// ways, split at the nodes they share, timed with the car profile. Several extracts (the
// Geofabrik regions a territory spans) make one graph: ways and nodes are merged by OSM id.
#include <map>
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "roads/car_profile.hpp"
#include "roads/ogr_link_loader.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::roads {

/// @brief Reads every file of `paths`, builds the graph of the largest strongly connected car
/// component of their union. A way present in several extracts counts once; ways with missing
/// node references (a cut extract) keep their complete parts and are reported.
/// @throws DataError when a file is not OSM data, or none holds a car road.
/// @param merge_chains false keeps every junction (roads.merge_chains; comparisons).
RoadGraph load_osm_roads(const std::vector<std::string>& paths, int epsg, const CarProfile& profile,
                         model::RoadLoadStats& stats, core::LoadReport& report,
                         const core::ProgressFn& progress = {}, bool merge_chains = true);

/// @brief One extract.
inline RoadGraph load_osm_roads(const std::string& path, int epsg, const CarProfile& profile,
                                model::RoadLoadStats& stats, core::LoadReport& report,
                                const core::ProgressFn& progress = {}, bool merge_chains = true) {
    return load_osm_roads(std::vector<std::string>{path}, epsg, profile, stats, report, progress,
                          merge_chains);
}

}  // namespace palliacarte::roads
