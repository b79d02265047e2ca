#pragma once
// Road networks from any OGR line layer with a field mapping: the road layers of transport
// models (eqasim/MATSim links), BD TOPO- and ROUTE 500-like layers, exports from other tools.
#include <map>
#include <string>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "roads/car_profile.hpp"
#include "roads/road_graph.hpp"
#include "roads/road_graph_builder.hpp"
#include "roads/source_file_overlap.hpp"

namespace palliacarte {

struct RoadLoadStats {
    std::size_t features = 0;          ///< features read (after the attribute filter)
    std::size_t links = 0;             ///< directed links made
    std::size_t rejected = 0;          ///< unusable features (reported)
    std::size_t loops = 0;             ///< links from a node to itself (no use for routing)
    std::string path;                  ///< the files, joined with " + " (messages)
    std::vector<RoadFileStats> files;  ///< per file, in the config's order
    std::map<std::string, std::size_t> skipped_classes;  ///< not for cars in the profile
    std::size_t speed_from_profile = 0, speed_from_field = 0, speed_default = 0;
    RoadGraphStats graph;
    double seconds = 0;        ///< this load (build, or read from the cache)
    double build_seconds = 0;  ///< building from the source (now or when the cache was made)
    bool from_cache = false;
    std::string cache_file;
};

/// @brief Every file of `config.paths` into one graph: links with the same node ids (or end
/// points) connect across files, and a link read twice (same ends, same length) counts once.
/// @param config paths resolved. @throws DataError if the layer or a mapped field is missing.
RoadGraph load_ogr_links(const RoadSourceConfig& config, int epsg, const CarProfile& profile,
                         RoadLoadStats& stats, LoadReport& report, const ProgressFn& progress = {});

}  // namespace palliacarte
