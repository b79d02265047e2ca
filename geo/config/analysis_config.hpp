#pragma once
// The "analysis" section of a territory config: thresholds, which types to analyse, the
// population grid, the coverage rule, the 2SFCA decay and the "where next" question. Every
// field has a default planners recognise (docs/domain.md), so the section may be absent.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/catchment_shape.hpp"

namespace palliacarte::model {
class StructureTypeTable;
}  // namespace palliacarte::model

namespace palliacarte::config {

struct TerritoryConfig;

/// @brief A gridded population CSV: one row per cell, its lower-left corner in `crs`.
/// Defaults read the Eurostat/INSEE Census 2021 1 km grid (x_laea, y_laea, T; EPSG:3035).
struct PopulationGridConfig {
    std::string path;  ///< resolved
    std::string crs = "EPSG:3035";
    double cell_size_m = 1000;
    std::string x_field = "x_laea", y_field = "y_laea", value_field = "T";
    /// A cell id column ("CRS3035RES200mN2029800E4252400", INSEE Filosofi `idcar_200m`,
    /// Eurostat `GRD_ID`) gives the corner instead of x/y fields when set.
    std::string id_field;
    /// Columns summed for the people aged 65+ (Filosofi: ind_65_79 + ind_80p); empty: none.
    std::vector<std::string> elderly_fields = {"Y_GE65"};
};

/// @brief When a commune counts as covered for a type (shares of its population within the
/// threshold): covered at or above `covered_min_share`, white zone below `white_zone_max_share`,
/// partial between. A declared service area (intervention communes, territory) covers too.
struct CoverageRule {
    double covered_min_share = 0.95;
    double white_zone_max_share = 0.05;
    bool declared_area_covers = true;
};

/// @brief 2SFCA (APL-style): supply of each structure (1, or its `capacity` when known) shared
/// by the population within `threshold` of it, weighted by a decay of time: 1 up to
/// `full_weight_share` of the threshold, then falling linearly to `edge_weight` at the
/// threshold (DREES's APL uses stepped weights of this shape).
struct TwoStepFcaConfig {
    double full_weight_share = 0.5;
    double edge_weight = 0.25;
};

/// @brief "Where next": the k candidate sites that would cover the most uncovered population.
/// Candidates are structures of `candidate_types` already loaded (FINESS hospitals…), and/or a
/// regular grid of `grid_step_m` over the communes.
struct SitingConfig {
    std::vector<std::string> types;  ///< types to site (empty: every analysed type)
    std::size_t k = 5;
    std::vector<std::string> candidate_types;
    double grid_step_m = 0;
};

struct AnalysisConfig {
    std::vector<double> catchment_thresholds_min{15, 30, 45};
    std::map<std::string, double> threshold_min;  ///< per type code; else the type's default
    std::vector<std::string> types;  ///< analysed types; empty: every type with a threshold
    /// No population on purpose: results are shares of area and no output shows a population
    /// share. Without it, a territory without population is a configuration error.
    bool area_only = false;
    std::optional<PopulationGridConfig> population_grid;
    CoverageRule coverage;
    TwoStepFcaConfig fca;
    SitingConfig siting;
    CatchmentShape catchment_shape;
    /// Type sets reported together ("out of reach of any EMSP and any HAD"); default: EMSP+HAD
    /// when both are analysed, and all analysed types.
    std::vector<std::vector<std::string>> white_zone_combinations;
    /// Where the population grid cut by the communes is kept between runs (set by
    /// load_analysis_inputs to the territory's cache directory); empty: cut every time.
    std::string cache_dir;
};

/// @brief Checks every type code the section names against the type table, before any data is
/// loaded. @throws ConfigError naming the key and the code.
void check_analysis_types(const AnalysisConfig& config, const model::StructureTypeTable& types,
                          const std::string& file);

/// @brief Parses config.document["analysis"] (defaults when absent).
/// @throws ConfigError naming the key.
AnalysisConfig parse_analysis_config(const TerritoryConfig& config);

}  // namespace palliacarte::config
