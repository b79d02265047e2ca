#pragma once
// Everything loaded for one territory: the model the analysis stages work on.
#include <optional>
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "core/step_timing.hpp"
#include "model/commune.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"
#include "model/territory_grouping.hpp"
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
    std::size_t communes_with_population = 0;
    std::int64_t total_population = 0;
    std::vector<std::string> communes_without_population;
    std::vector<std::string> population_without_polygon;
    std::int64_t inhabitants_without_polygon = 0;
};

struct Territory {
    TerritoryConfig config;
    StructureTypeTable types;
    std::vector<Commune> communes;  ///< sorted by INSEE code
    std::vector<Structure> structures;
    std::vector<TerritoryGrouping> groupings;  ///< "departement" first, then the config's
    CommuneStats commune_stats;
    PopulationStats population_stats;
    std::vector<StructureSourceSummary> structure_sources;
    std::optional<RoadGraph> roads;  ///< empty: no road network, travel times are crow-fly
    RoadLoadStats road_stats;
    std::vector<StepTiming> timings;
    LoadReport report;

    const Commune* find_commune(const std::string& insee) const;
};

}  // namespace palliacarte
