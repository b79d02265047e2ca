#pragma once
// Everything loaded for one territory: the model the analysis stages work on.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "core/step_timing.hpp"
#include "load/population_grid_reader.hpp"
#include "model/commune.hpp"
#include "model/crow_fly_model.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"
#include "model/territory_grouping.hpp"
#include "roads/car_profile.hpp"
#include "roads/ogr_link_loader.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte {

/// @brief Per structure source: what was read and kept.
struct StructureSourceSummary {
    std::string path;
    std::string format;
    std::size_t records = 0;   ///< rows/establishments read (after the département filter)
    std::size_t selected = 0;  ///< FINESS: matched a selection rule
    std::size_t kept = 0;      ///< became structures
};

struct CommuneStats {
    std::string path, code_field, name_field, population_field, source_crs;
    std::size_t features_read = 0, features_rejected = 0, invalid_repaired = 0, merged_communes = 0;
};

struct PopulationStats {
    std::string source;  ///< file, or "boundary field"
    /// No commune population at all but a population grid: the grid's inhabitants, counted per
    /// commune when the analysis cuts it (the shares are computed from them either way).
    bool from_grid = false;
    std::size_t communes_with_population = 0;
    std::int64_t total_population = 0;
    std::vector<std::string> communes_without_population;
    std::vector<std::string> population_without_polygon;
    std::int64_t inhabitants_without_polygon = 0;
};

/// @brief How population points and structures join the road network (the config's `roads`
/// settings the travel-time model uses).
struct RoadAccess {
    std::string path;                    ///< the network, as the config names it (for messages)
    double snap_max_distance_m = 1000;   ///< points farther from every road are reported
    bool off_road_out_of_reach = false;  ///< roads.off_road = "out-of-reach"
};

/// @brief The loaded territory. It keeps what the analysis and the outputs need from the
/// config (name, CRS, travel model settings), not the config itself: the caller has that.
struct Territory {
    std::string name;         ///< "Corse"
    int epsg = 2154;          ///< the territory CRS: every commune not overseas, every layer
    std::string config_path;  ///< the config it was loaded from, for messages
    StructureTypeTable types;
    std::vector<Commune> communes;  ///< sorted by INSEE code
    std::vector<Structure> structures;
    std::vector<TerritoryGrouping> groupings;  ///< "departement" first, then the config's
    CommuneStats commune_stats;
    PopulationStats population_stats;
    std::vector<StructureSourceSummary> structure_sources;
    /// The population grid when the analysis section names one (load_analysis_inputs reads it);
    /// shared with the population points cut from it.
    std::shared_ptr<const PopulationGrid> population_grid;
    /// Null: no road network, travel times are crow-fly. Shared with the travel-time model
    /// built on it, so a Territory can be moved.
    std::shared_ptr<const RoadGraph> roads;
    std::optional<CarProfile> car_profile;  ///< with `roads`: the speeds they were built with
    RoadAccess road_access;                 ///< with `roads`
    CrowFlyModel crow_fly;                  ///< without `roads`
    RoadLoadStats road_stats;
    std::vector<StepTiming> timings;
    LoadReport report;

    const Commune* find_commune(const std::string& insee) const;
};

}  // namespace palliacarte
