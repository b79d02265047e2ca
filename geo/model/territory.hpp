#pragma once
// The model of one territory the analysis works on: its communes, structures, groupings,
// population and the travel-time inputs (a road network or the crow-fly model). Built by
// load/territory_loader; the record of that load is its LoadSummary, `load`.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/commune.hpp"
#include "model/crow_fly_model.hpp"
#include "model/load_summary.hpp"
#include "model/population_grid.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"
#include "model/territory_grouping.hpp"

// Built by roads/, above; the model only holds them.
namespace palliacarte::roads {
struct RoadGraph;
class CarProfile;
}  // namespace palliacarte::roads

namespace palliacarte::model {

/// @brief The population the territory counts.
struct TerritoryPopulation {
    std::int64_t total = 0;  ///< inhabitants of the communes
    /// No commune population at all but a population grid: the grid's inhabitants, counted per
    /// commune when the analysis cuts it (the shares are computed from them either way).
    bool from_grid = false;
};

/// @brief How population points and structures join the road network (the config's `roads`
/// settings the travel-time model uses).
struct RoadAccess {
    std::string path;                    ///< the network, as the config names it (for messages)
    double snap_max_distance_m = 1000;   ///< points farther from every road are reported
    bool off_road_out_of_reach = false;  ///< roads.off_road = "out-of-reach"
    std::string cache_file;  ///< the graph's cache: rasters derived from it are kept beside it
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
    TerritoryPopulation population;
    /// The population grid when the analysis section names one (load_analysis_inputs reads it);
    /// shared with the population points cut from it.
    std::shared_ptr<const PopulationGrid> population_grid;
    /// Null: no road network, travel times are crow-fly. Shared with the travel-time model
    /// built on it, so a Territory can be moved.
    std::shared_ptr<const roads::RoadGraph> roads;
    std::shared_ptr<const roads::CarProfile>
        car_profile;         ///< with `roads`: the speeds they were built with
    RoadAccess road_access;  ///< with `roads`
    CrowFlyModel crow_fly;   ///< without `roads`
    LoadSummary load;        ///< what the load read, dropped, warned of and took

    const Commune* find_commune(const std::string& insee) const;
};

}  // namespace palliacarte::model
