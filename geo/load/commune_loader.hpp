#pragma once
// Commune boundaries from any OGR source → valid Lambert-93 (or local overseas CRS) polygons,
// one per current INSEE code.
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "model/commune.hpp"

namespace palliacarte::load {

class Crosswalk;

struct CommuneLoadOptions {
    config::CommuneSourceConfig source;     ///< path already resolved
    std::vector<std::string> departements;  ///< keep only these (empty: all)
    std::vector<std::string> codes;         ///< keep only these current codes (empty: all)
    int epsg = 2154;                        ///< working CRS
    bool epsg_per_departement = false;      ///< overseas communes get their own local CRS
    const Crosswalk* crosswalk = nullptr;
    core::ProgressFn progress;
};

struct CommuneLoadResult {
    std::vector<model::Commune> communes;  ///< sorted by INSEE code
    std::size_t features_read = 0;  ///< features in the source (after the département filter)
    std::size_t features_rejected = 0;
    std::size_t invalid_repaired = 0;
    std::size_t merged_communes = 0;  ///< communes made of more than one feature
    std::string code_field, name_field, population_field, source_crs;
    double read_seconds = 0, reproject_validate_seconds = 0, dissolve_seconds = 0;
};

/// @throws DataError when the source cannot be opened or has no usable code field.
CommuneLoadResult load_communes(const CommuneLoadOptions& options, core::LoadReport& report);

}  // namespace palliacarte::load
