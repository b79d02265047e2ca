#pragma once
// What the coverage analysis produces, stage by stage: per type the travel times and the
// coverage of each commune, the catchments, the white zones of several types at once, the
// indicators per territory, the candidate sites. Plain data: the stages that fill it live in
// geo/analysis/ (coverage_analysis.hpp runs them), the writers in geo/output/.

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "analysis/population_points.hpp"
#include "analysis/territory_outline.hpp"
#include "analysis/time_model.hpp"
#include "analysis/travel_time_model.hpp"
#include "config/analysis_config.hpp"
#include "core/load_report.hpp"
#include "model/territory.hpp"

namespace palliacarte::analysis {

enum class CoverageStatus { covered, partial, white_zone };
const char* to_string(CoverageStatus s);

/// @brief One commune for one type.
struct CommuneCoverage {
    double population = 0, elderly = 0;
    double population_within = 0, elderly_within = 0;  ///< at points within the threshold
    double share_population_within = 0;                ///< 0–1 (area share if nobody lives there)
    double area_within_m2 = 0, share_area_within = 0;  ///< inside the type's catchment
    double mean_minutes = std::numeric_limits<double>::quiet_NaN();  ///< population-weighted
    double max_minutes = std::numeric_limits<double>::quiet_NaN();   ///< its farthest point
    std::string nearest_structure;         ///< id of the structure nearest to most of its people
    std::string nearest_structure_name;    ///< its name, for people reading the tables
    std::vector<std::string> declared_by;  ///< structures declaring the commune
    CoverageStatus status = CoverageStatus::white_zone;
    std::string method;       ///< what decided: "temps_route", "vol_oiseau", "zone_declaree"…
    double fca_per_100k = 0;  ///< 2SFCA: structures per 100 000 inhabitants within reach
};

/// @brief One analysed type.
struct TypeCoverage {
    std::string type, label;
    double threshold_min = 30;
    routing::SearchDirection direction = routing::SearchDirection::from_sources;
    std::vector<std::size_t> located;       ///< structures (Territory indices) with a usable start
    std::vector<std::size_t> off_network;   ///< positioned but too far from every road
    std::vector<std::size_t> declaring;     ///< structures with a declared area
    NearestPlaces nearest;                  ///< per point; place = index into `located`
    std::vector<CommuneCoverage> communes;  ///< per Territory commune
    std::vector<double> catchment_limits_min;           ///< ascending, includes threshold_min
    std::vector<model::MultiPolygon> union_catchments;  ///< per limit, clipped to the communes
    /// What a structure offers in the 2SFCA: "structures" (one each), or the unit of the
    /// capacities ("lits") when every located structure of the type has one.
    std::string supply_unit = "structures";
};

/// @brief One catchment polygon of one structure (clipped to the territory's communes).
struct StructureCatchment {
    std::size_t structure;  ///< Territory index
    std::string type;
    double limit_min;
    model::MultiPolygon area;
};

/// @brief "Communes out of reach of any EMSP and any HAD": white zones for every type listed.
struct WhiteZoneCombination {
    std::vector<std::string> types;
    std::vector<std::size_t> communes;  ///< Territory indices
    double inhabitants = 0;
};

struct TerritoryTypeIndicators {
    std::string type;
    std::size_t structures = 0;
    double structures_per_100k = 0;
    /// Beds or places of the structures with a capacity (NaN when none has one): the CNSPFV
    /// Atlas counts USP and LISP beds per 100 000 inhabitants.
    double capacity = std::numeric_limits<double>::quiet_NaN();
    double capacity_per_100k = std::numeric_limits<double>::quiet_NaN();
    double population_covered = 0, share_covered = 0;
    std::size_t white_zone_communes = 0;
    double white_zone_inhabitants = 0;  ///< living in white-zone communes
    double uncovered_inhabitants = 0;   ///< not covered, wherever they live
    double mean_fca_per_100k = 0;       ///< population-weighted
};

struct TerritoryIndicators {
    std::string grouping, grouping_label, name;
    std::size_t communes = 0;        ///< in the analysed territory
    std::size_t communes_total = 0;  ///< in the grouping's source (an EPCI across the edge)
    std::string departement;         ///< where most of its communes are (ordering, labels)
    double population = 0;
    std::vector<TerritoryTypeIndicators> types;  ///< same order as CoverageAnalysis::types
};

/// @brief A candidate site for one type (kept whether picked or not, for the map).
struct CandidateSite {
    std::string type;
    std::string id, name, origin;  ///< origin: "structure HOPITAL", "grille 2000 m"
    model::Point position;
    int epsg = 2154;  ///< CRS of `position`
    std::string commune;
    double potential = 0;  ///< uncovered population it would cover alone
    int rank = 0;          ///< 1.. if picked, 0 if not
    double gain = 0;       ///< marginal gain when picked
    double cumulative = 0;
};

struct CoverageAnalysis {
    TimeModel method = TimeModel::road;
    std::string method_label;  ///< French, shown in every output
    /// The population points; shared with `model`, so the analysis can be moved.
    std::shared_ptr<const PopulationPoints> population_points;
    const PopulationPoints& population() const { return *population_points; }
    /// The travel-time model the analysis ran with (it shares the territory's road graph); the
    /// service reuses it for on-demand catchments and scenarios.
    std::shared_ptr<const TravelTimeModel> model;
    TerritoryOutline outline;  ///< catchments are clipped to it
    std::vector<TypeCoverage> types;
    std::vector<StructureCatchment> catchments;
    std::vector<int> structure_commune;  ///< per structure, Territory commune index, -1 if none
    std::vector<WhiteZoneCombination> combinations;
    std::vector<TerritoryIndicators> indicators;
    std::vector<CandidateSite> candidates;
    config::CoverageRule rule;  ///< the rule statuses were decided with
    std::vector<core::StepTiming> timings;
    core::LoadReport report;
    std::size_t unsnapped_points = 0;        ///< population points beyond the snap limit
    double off_road_inhabitants = 0;         ///< living at those points
    bool off_road_timed = true;              ///< false: counted out of reach (roads.off_road)
    bool area_only = false;                  ///< analysis.area_only: no population on purpose
    config::CatchmentShape catchment_shape;  ///< how the catchments were drawn (for the report)
};

/// @brief The analysed type `code` (a code or an alias of the type table), or nullptr.
const TypeCoverage* find_analysed_type(const CoverageAnalysis& analysis,
                                       const model::StructureTypeTable& types,
                                       const std::string& code);

}  // namespace palliacarte::analysis
