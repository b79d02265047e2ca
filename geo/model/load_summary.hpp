#pragma once
// The record of one territory's load: what each source gave and lost, the road network's
// figures, the time each step took, and every diagnostic. Kept beside the model (Territory)
// for the summaries, report.md, provenance and `inspect`; the analysis reads none of it.
#include <cstdint>
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "core/step_timing.hpp"
#include "model/road_load_stats.hpp"

namespace palliacarte::model {

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
    std::vector<std::string> communes_without_population;
    std::vector<std::string> population_without_polygon;
    std::int64_t inhabitants_without_polygon = 0;
};

struct LoadSummary {
    CommuneStats commune_stats;
    PopulationStats population_stats;
    std::vector<StructureSourceSummary> structure_sources;
    RoadLoadStats road_stats;
    std::vector<core::StepTiming> timings;
    core::LoadReport report;
};

}  // namespace palliacarte::model
