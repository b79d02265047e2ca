#include "analysis/coverage_analysis.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "analysis/commune_locator.hpp"
#include "analysis/declared_area.hpp"
#include "analysis/territory_indicators.hpp"
#include "analysis/two_step_fca.hpp"
#include "analysis/type_catchments.hpp"
#include "analysis/where_next.hpp"
#include "analysis/white_zone_combinations.hpp"
#include "core/errors.hpp"
#include "core/french_format.hpp"
#include "core/parallel.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"
#include "roads/car_profile.hpp"
#include "routing/snap_raster_cache.hpp"

namespace palliacarte::analysis {

const char* to_string(CoverageStatus s) {
    switch (s) {
        case CoverageStatus::covered:
            return "covered";
        case CoverageStatus::partial:
            return "partial";
        case CoverageStatus::white_zone:
            return "white_zone";
    }
    return "?";
}

namespace {

double threshold_of(const model::StructureType& t, const config::AnalysisConfig& config) {
    if (auto it = config.threshold_min.find(t.code); it != config.threshold_min.end())
        return it->second;
    return t.default_threshold_min.value_or(0);
}

}  // namespace

std::vector<std::string> analysed_types(const model::Territory& territory,
                                        const config::AnalysisConfig& config) {
    std::vector<std::string> out;
    if (!config.types.empty()) {
        for (const auto& code : config.types) {
            const model::StructureType* t = territory.types.find(code);
            if (!t)
                throw core::ConfigError("analysis.types: unknown structure type '" + code + "'");
            if (threshold_of(*t, config) <= 0)
                throw core::ConfigError("analysis.types: type '" + t->code +
                                        "' has no threshold (set analysis.threshold_min." +
                                        t->code + ")");
            out.push_back(t->code);
        }
        return out;
    }
    std::set<std::string> present;
    for (const auto& s : territory.structures) present.insert(s.type);
    for (const auto& t : territory.types.types())
        if (threshold_of(t, config) > 0 && present.count(t.code)) out.push_back(t.code);
    return out;
}

TravelModelChoice make_travel_time_model(const model::Territory& territory,
                                         std::shared_ptr<const PopulationPoints> population) {
    TravelModelChoice out;
    if (territory.roads) {
        const model::RoadAccess& access = territory.road_access;
        auto model = std::make_shared<TravelTimeModel>(
            territory.roads, territory.car_profile->off_network_kmh(), access.snap_max_distance_m,
            population, access.off_road_out_of_reach);
        if (!territory.road_access.cache_file.empty())
            model->keep_rasters_with(territory.road_access.cache_file);
        out.model = std::move(model);
        out.method = TimeModel::road;
        out.label = "temps de trajet par la route";
        return out;
    }
    std::vector<int> point_epsg;
    for (const auto& p : population->points)
        point_epsg.push_back(territory.communes[p.commune].epsg);
    out.model = std::make_shared<TravelTimeModel>(territory.crow_fly, population, point_epsg);
    out.method = TimeModel::crow_fly;
    out.label = "temps à vol d'oiseau (distance × " +
                core::decimal_fr(territory.crow_fly.detour_factor, 2) + " à " +
                core::decimal_fr(territory.crow_fly.speed_kmh, 0) + " km/h, pas de réseau routier)";
    return out;
}

namespace {

// Without inhabitants every share would silently be a share of area ("0 habitants, 59.6 %
// couverts"): an analysis without population must be asked for.
void require_population(const model::Territory& territory, const config::AnalysisConfig& config) {
    if (territory.population.total <= 0 && !config.population_grid && !config.area_only)
        throw core::ConfigError(
            territory.config_path +
            " : aucune population chargée (section `population` absente ou vide, et pas de "
            "`analysis.population_grid`) — les parts « couvertes » ne seraient que des parts de "
            "surface. Ajoutez une source de population, ou écrivez `\"area_only\": true` dans "
            "`analysis` pour une analyse en surface seulement");
}

// The population points, timed ("(cache)" when the cut grid was read back).
std::shared_ptr<const PopulationPoints> timed_population_points(
    const model::Territory& territory, const config::AnalysisConfig& config,
    core::LoadReport& report, std::vector<core::StepTiming>& timings,
    const core::ProgressFn& progress) {
    core::StepClock clock(timings, "population points");
    auto points = std::make_shared<const PopulationPoints>(
        build_population_points(territory, config, report, progress));
    if (points->pieces_from_cache) clock.found_in_cache();
    return points;
}

constexpr const char* kSnapRasterStep = "catchment surface: snap raster";

// The raster of snaps of the catchment surfaces, timed.
void timed_snap_raster(const TravelTimeModel& model, const config::AnalysisConfig& config,
                       std::vector<core::StepTiming>& timings) {
    core::StepClock clock(timings, kSnapRasterStep);
    const double cell = config.catchment_shape.surface_cell_m;
    model.snap_raster(cell);
    if (model.snap_raster_from_cache(cell)) clock.found_in_cache();
}

// The travel-time model (points snapped once), and what it says about off-road inhabitants.
void build_travel_model(CoverageAnalysis& a, const model::Territory& territory) {
    core::StepClock clock(a.timings, "travel model (snapping)");
    const auto& points = a.population().points;
    TravelModelChoice choice = make_travel_time_model(territory, a.population_points);
    a.model = choice.model;
    a.method = choice.method;
    a.method_label = choice.label;
    a.unsnapped_points = a.model->unsnapped_points();
    for (const auto i : a.model->off_road_points()) a.off_road_inhabitants += points[i].population;
    a.off_road_timed = a.model->off_road_timed();
    if (a.unsnapped_points == 0) return;
    const model::RoadAccess& rc = territory.road_access;
    const std::string text =
        core::counted(a.off_road_inhabitants, "habitant", "habitants") + " (" +
        core::counted(double(a.unsnapped_points), "point", "points") +
        " de population) à plus de " + core::thousands(rc.snap_max_distance_m) +
        " m de toute route : " +
        (a.off_road_timed ? "comptés avec leur trajet jusqu'à la route la plus proche, hors réseau "
                            "(roads.off_road = \"out-of-reach\" les compterait hors d'atteinte)"
                          : "comptés hors d'atteinte (roads.off_road = \"out-of-reach\")");
    a.report.warn(rc.path, "", "population_off_network", text);
}

// One type: where its structures start from, travel times, 2SFCA, catchments, per commune.
TypeCoverage analyze_type(const model::StructureType& st, CoverageAnalysis& a,
                          const model::Territory& territory, const config::AnalysisConfig& config,
                          const std::vector<double>& point_population) {
    const TravelTimeModel& model = *a.model;
    TypeCoverage tc;
    tc.type = st.code;
    tc.label = st.label;
    tc.threshold_min = threshold_of(st, config);
    tc.direction = st.direction == model::TravelDirection::patient_travels
                       ? routing::SearchDirection::to_sources
                       : routing::SearchDirection::from_sources;
    const double threshold_s = tc.threshold_min * 60;

    std::vector<Place> places;
    std::map<std::string, std::vector<std::string>> declared;  // commune → structure ids
    for (std::size_t s = 0; s < territory.structures.size(); ++s) {
        const model::Structure& str = territory.structures[s];
        if (str.type != st.code) continue;
        const std::set<std::string> area = declared_communes(str, territory);
        for (const auto& c : area) declared[c].push_back(str.id);
        if (!area.empty()) tc.declaring.push_back(s);
        if (!str.position) continue;
        Place p = model.place(*str.position, str.epsg);
        if (!p.usable) {
            tc.off_network.push_back(s);
            a.report.warn(str.source, str.id, "structure_off_network",
                          str.id + " (" + str.name +
                              ") est au-delà de la distance d'accroche de toute route : "
                              "elle ne couvre que par sa zone déclarée");
            continue;
        }
        tc.located.push_back(s);
        places.push_back(std::move(p));
    }

    {
        core::StepClock clock(a.timings, st.code + ": nearest structure");
        tc.nearest = model.nearest(places, tc.direction);
    }
    // Catchments per structure and limit, clipped, and their union per limit; and, from the
    // same searches, the points within the threshold of each structure.
    std::vector<PointTimes> reach;
    const std::size_t at_threshold = compute_type_catchments(
        tc, places, model, config, a.outline, territory.epsg, a.catchments, reach, a.timings);
    tc.nearest.node_seconds = {};  // served the union's surface; a double per node, not kept
    // Supply: the beds or places when every located structure has them (FINESS+), else one
    // per structure — never a mix of both.
    std::vector<double> supply(places.size(), 1.0);
    std::string unit;
    bool all_have_capacity = !tc.located.empty();
    for (const std::size_t s : tc.located) {
        const model::Structure& str = territory.structures[s];
        if (!str.capacity || *str.capacity <= 0 || (!unit.empty() && unit != str.capacity_unit)) {
            all_have_capacity = false;
            break;
        }
        unit = str.capacity_unit;
    }
    if (all_have_capacity) {
        for (std::size_t i = 0; i < tc.located.size(); ++i)
            supply[i] = *territory.structures[tc.located[i]].capacity;
        tc.supply_unit = unit.empty() ? "capacité" : unit;
    }
    const std::vector<double> fca =
        two_step_fca(reach, supply, point_population, threshold_s, config.fca);

    {
        core::StepClock clock(a.timings, st.code + ": commune coverage");
        compute_commune_coverage(tc, territory, a.population(), fca, declared,
                                 tc.union_catchments[at_threshold], config.coverage, a.method);
    }
    return tc;
}

}  // namespace

std::vector<core::StepTiming> prepare_analysis(const model::Territory& territory,
                                               const config::AnalysisConfig& config,
                                               const core::ProgressFn& progress) {
    std::vector<core::StepTiming> timings;
    core::LoadReport report;  // the analysis reports the same things again
    const auto points = timed_population_points(territory, config, report, timings, progress);
    if (territory.roads && !config.catchment_shape.road_bands) {
        // The raster needs the snapper's index only, not the points snapped.
        std::optional<routing::RoadSnapper> snapper;
        {
            core::StepClock clock(timings, "snapping index");
            snapper.emplace(*territory.roads, territory.car_profile->off_network_kmh(),
                            territory.road_access.snap_max_distance_m);
        }
        core::StepClock clock(timings, kSnapRasterStep);
        bool from_cache = false;
        routing::cached_snap_raster(*territory.roads, *snapper,
                                    config.catchment_shape.surface_cell_m,
                                    territory.road_access.cache_file, from_cache);
        if (from_cache) clock.found_in_cache();
    }
    return timings;
}

double analysed_population(const model::Territory& territory, const CoverageAnalysis& analysis) {
    double population = 0;
    if (territory.population.from_grid) {
        for (const auto& p : analysis.population().points) population += p.population;
    } else {
        for (const auto& c : territory.communes) population += c.population.value_or(0);
    }
    return population;
}

CoverageAnalysis analyze_coverage(const model::Territory& territory,
                                  const config::AnalysisConfig& config,
                                  const core::ProgressFn& progress) {
    CoverageAnalysis a;
    a.rule = config.coverage;
    a.area_only = config.area_only;
    a.catchment_shape = config.catchment_shape;
    const std::vector<std::string> type_codes = analysed_types(territory, config);
    require_population(territory, config);
    a.population_points = timed_population_points(territory, config, a.report, a.timings, progress);
    std::vector<double> point_population;
    for (const auto& p : a.population().points) point_population.push_back(p.population);
    build_travel_model(a, territory);

    // Where each structure stands (for counts per territory and candidate sites).
    const CommuneLocator locator(territory.communes);
    a.structure_commune = structure_communes(territory, locator);
    warn_ambiguous_departements(territory, type_codes, a.structure_commune, a.report);
    {
        core::StepClock clock(a.timings, "territory outline (GEOS union)");
        a.outline = territory_outline(territory);
    }
    if (a.model->by_road() && !config.catchment_shape.road_bands) {
        // Where every place joins the road, for the catchment surfaces of every type: a
        // step of its own (a country's raster has 100 million cells).
        timed_snap_raster(*a.model, config, a.timings);
    }
    for (std::size_t k = 0; k < type_codes.size(); ++k) {
        if (progress)
            progress("analyse " + type_codes[k] + " (" + std::to_string(k + 1) + "/" +
                         std::to_string(type_codes.size()) + ")",
                     0, 0);
        a.types.push_back(analyze_type(*territory.types.find(type_codes[k]), a, territory, config,
                                       point_population));
    }
    a.combinations = white_zone_combinations(a, territory, config.white_zone_combinations);
    {
        core::StepClock clock(a.timings, "territory indicators");
        a.indicators = territory_indicators(a, territory, config.coverage);
    }
    {
        core::StepClock clock(a.timings, "where next (greedy siting)");
        a.candidates = where_next(a, territory, config.siting, *a.model, locator);
    }
    return a;
}

const TypeCoverage* find_analysed_type(const CoverageAnalysis& analysis,
                                       const model::StructureTypeTable& types,
                                       const std::string& code) {
    const model::StructureType* st = types.find(code);
    if (!st) return nullptr;
    for (const auto& tc : analysis.types)
        if (tc.type == st->code) return &tc;
    return nullptr;
}

}  // namespace palliacarte::analysis
