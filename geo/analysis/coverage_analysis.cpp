#include "analysis/coverage_analysis.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <set>

#include "analysis/declared_area.hpp"
#include "analysis/greedy_siting.hpp"
#include "analysis/two_step_fca.hpp"
#include "core/errors.hpp"
#include "core/french_format.hpp"
#include "core/parallel.hpp"
#include "core/text_encoding.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"
#include "roads/car_profile.hpp"

namespace palliacarte {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

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

CoverageStatus coverage_status(double share_within, bool declared, const CoverageRule& rule) {
    if (share_within >= rule.covered_min_share) return CoverageStatus::covered;
    if (declared && rule.declared_area_covers) return CoverageStatus::covered;
    if (share_within <= rule.white_zone_max_share) return CoverageStatus::white_zone;
    return CoverageStatus::partial;
}

namespace {

double threshold_of(const StructureType& t, const AnalysisConfig& config) {
    if (auto it = config.threshold_min.find(t.code); it != config.threshold_min.end())
        return it->second;
    return t.default_threshold_min.value_or(0);
}

class StepClock {
  public:
    StepClock(std::vector<StepTiming>& out, std::string step)
        : out_(out), step_(std::move(step)), start_(std::chrono::steady_clock::now()) {}
    ~StepClock() {
        out_.push_back(
            {step_,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count()});
    }

  private:
    std::vector<StepTiming>& out_;
    std::string step_;
    std::chrono::steady_clock::time_point start_;
};

using CommuneTree = bgi::rtree<std::pair<Box, std::uint32_t>, bgi::quadratic<16>>;

int commune_at(const Point& p, int epsg, const std::vector<Commune>& communes,
               const CommuneTree& tree) {
    for (auto it = tree.qbegin(bgi::contains(p)); it != tree.qend(); ++it)
        if (communes[it->second].epsg == epsg && bg::covered_by(p, communes[it->second].geometry))
            return static_cast<int>(it->second);
    return -1;
}

}  // namespace

std::vector<std::string> analysed_types(const Territory& territory, const AnalysisConfig& config) {
    std::vector<std::string> out;
    if (!config.types.empty()) {
        for (const auto& code : config.types) {
            const StructureType* t = territory.types.find(code);
            if (!t) throw ConfigError("analysis.types: unknown structure type '" + code + "'");
            if (threshold_of(*t, config) <= 0)
                throw ConfigError("analysis.types: type '" + t->code +
                                  "' has no threshold (set analysis.threshold_min." + t->code +
                                  ")");
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

TravelModelChoice make_travel_time_model(const Territory& territory,
                                         const PopulationPoints& population) {
    TravelModelChoice out;
    if (territory.roads) {
        const auto& rc = *territory.config.roads;
        const CarProfile profile = CarProfile::load(rc.profile_path);
        out.model = std::make_unique<TravelTimeModel>(*territory.roads, profile.off_network_kmh(),
                                                      rc.snap_max_distance_m, population,
                                                      rc.off_road_out_of_reach);
        out.method = "road";
        out.label = "temps de trajet par la route";
        return out;
    }
    std::vector<int> point_epsg;
    for (const auto& p : population.points)
        point_epsg.push_back(territory.communes[p.commune].epsg);
    out.model =
        std::make_unique<TravelTimeModel>(territory.config.crow_fly, population, point_epsg);
    out.method = "crow_fly";
    out.label = "temps à vol d'oiseau (distance × " +
                decimal_fr(territory.config.crow_fly.detour_factor, 2) + " à " +
                decimal_fr(territory.config.crow_fly.speed_kmh, 0) +
                " km/h, pas de réseau routier)";
    return out;
}

CoverageAnalysis analyze_coverage(const Territory& territory, const AnalysisConfig& config,
                                  const ProgressFn& progress) {
    CoverageAnalysis a;
    a.rule = config.coverage;
    a.area_only = config.area_only;
    a.road_buffer_m = config.catchment_shape.road_buffer_m;
    const auto& communes = territory.communes;
    const auto& structures = territory.structures;
    const std::vector<std::string> type_codes = analysed_types(territory, config);
    // Without inhabitants every share would silently be a share of area ("0 habitants, 59.6 %
    // couverts"): an analysis without population must be asked for.
    if (territory.population_stats.total_population <= 0 && !config.population_grid &&
        !config.area_only)
        throw ConfigError(
            territory.config.config_path +
            " : aucune population chargée (section `population` absente ou vide, et pas de "
            "`analysis.population_grid`) — les parts « couvertes » ne seraient que des parts de "
            "surface. Ajoutez une source de population, ou écrivez `\"area_only\": true` dans "
            "`analysis` pour une analyse en surface seulement");

    {
        StepClock clock(a.timings, "population points");
        a.population = build_population_points(territory, config, a.report, progress);
    }
    const auto& points = a.population.points;
    std::vector<double> point_population(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) point_population[i] = points[i].population;

    std::unique_ptr<TravelTimeModel> model;
    {
        StepClock clock(a.timings, "travel model (snapping)");
        TravelModelChoice choice = make_travel_time_model(territory, a.population);
        model = std::move(choice.model);
        a.method = choice.method;
        a.method_label = choice.label;
        a.unsnapped_points = model->unsnapped_points();
        for (const auto i : model->off_road_points())
            a.off_road_inhabitants += points[i].population;
        a.off_road_timed = model->off_road_timed();
        if (a.unsnapped_points > 0) {
            const auto& rc = *territory.config.roads;
            const std::string text =
                counted(a.off_road_inhabitants, "habitant", "habitants") + " (" +
                counted(double(a.unsnapped_points), "point", "points") +
                " de population) à plus de " + thousands(rc.snap_max_distance_m) +
                " m de toute route : " +
                (a.off_road_timed
                     ? "comptés avec leur trajet jusqu'à la route la plus proche, hors réseau "
                       "(roads.off_road = \"out-of-reach\" les compterait hors d'atteinte)"
                     : "comptés hors d'atteinte (roads.off_road = \"out-of-reach\")");
            a.report.warn(rc.path, "", "population_off_network", text);
        }
    }

    // Where each structure stands (for counts per territory).
    std::vector<std::pair<Box, std::uint32_t>> boxes;
    for (std::uint32_t c = 0; c < communes.size(); ++c) boxes.emplace_back(communes[c].bbox, c);
    const CommuneTree tree(boxes);
    std::map<std::string, std::size_t> commune_index;
    for (std::size_t c = 0; c < communes.size(); ++c) commune_index[communes[c].insee] = c;
    a.structure_commune.assign(structures.size(), -1);
    for (std::size_t s = 0; s < structures.size(); ++s) {
        if (structures[s].position)
            a.structure_commune[s] =
                commune_at(*structures[s].position, structures[s].epsg, communes, tree);
        if (a.structure_commune[s] < 0 && !structures[s].commune_insee.empty())
            if (auto it = commune_index.find(structures[s].commune_insee);
                it != commune_index.end())
                a.structure_commune[s] = static_cast<int>(it->second);
    }
    // « Département » without a commune is ambiguous when the territory has several: say what
    // it was taken to mean (all of them; the structure still counts once per grouping).
    {
        std::set<std::string> deps;
        for (const auto& c : communes) deps.insert(c.departement);
        const std::set<std::string> analysed(type_codes.begin(), type_codes.end());
        for (std::size_t s = 0; s < structures.size(); ++s) {
            const Structure& st = structures[s];
            if (deps.size() < 2 || !analysed.count(st.type) || a.structure_commune[s] >= 0 ||
                !st.intervention_communes.empty() || !st.commune_insee.empty() ||
                fold_for_matching(st.territory) != "DEPARTEMENT")
                continue;
            std::string list;
            for (const auto& d : deps) list += (list.empty() ? "" : ", ") + d;
            const auto colon = st.source.rfind(':');
            a.report.warn(st.source.substr(0, colon),
                          colon == std::string::npos ? "" : "ligne " + st.source.substr(colon + 1),
                          "ambiguous_departement",
                          st.id + " (" + st.name + ") est déclaré pour « " + st.territory +
                              " » sans commune, dans un territoire de " +
                              std::to_string(deps.size()) + " départements (" + list +
                              ") : zone comprise comme tout le territoire, structure comptée "
                              "une fois. Précisez sa commune ou ses intervention_communes.");
        }
    }

    // The territory outline catchments are clipped to.
    GeosContext geos;
    GeosGeometry outline;
    {
        StepClock clock(a.timings, "territory outline (GEOS union)");
        std::vector<GeosGeometry> parts;
        for (const auto& c : communes) parts.push_back(geos.to_geos(c.geometry));
        outline = coverage_union(geos, std::move(parts));
    }

    const std::string method_word = a.method == "road" ? "temps_route" : "vol_oiseau";
    std::size_t type_no = 0;
    for (const auto& code : type_codes) {
        ++type_no;
        const StructureType& st = *territory.types.find(code);
        TypeCoverage tc;
        tc.type = st.code;
        tc.label = st.label;
        tc.threshold_min = threshold_of(st, config);
        tc.direction = st.direction == TravelDirection::patient_travels
                           ? SearchDirection::to_sources
                           : SearchDirection::from_sources;
        const double threshold_s = tc.threshold_min * 60;
        if (progress)
            progress("analyse " + code + " (" + std::to_string(type_no) + "/" +
                         std::to_string(type_codes.size()) + ")",
                     0, 0);

        std::vector<Place> places;
        std::map<std::string, std::vector<std::string>> declared;  // commune → structure ids
        for (std::size_t s = 0; s < structures.size(); ++s) {
            const Structure& str = structures[s];
            if (str.type != code) continue;
            for (const auto& c : declared_communes(str, territory)) declared[c].push_back(str.id);
            if (!declared_communes(str, territory).empty()) tc.declaring.push_back(s);
            if (!str.position) continue;
            Place p = model->place(*str.position, str.epsg);
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

        std::vector<PointTimes> reach;
        {
            StepClock clock(a.timings, code + ": travel times");
            tc.nearest = model->nearest(places, tc.direction);
            reach = model->within(places, tc.direction, threshold_s);
        }
        const std::vector<double> fca = two_step_fca(reach, std::vector<double>(places.size(), 1.0),
                                                     point_population, threshold_s, config.fca);

        // Catchments per structure and limit, clipped, and their union per limit.
        std::vector<double> limits = config.catchment_thresholds_min;
        limits.push_back(tc.threshold_min);
        std::sort(limits.begin(), limits.end());
        limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
        tc.catchment_limits_min = limits;
        {
            std::vector<std::vector<MultiPolygon>> polys;
            {
                // Clipped to the outline: catchments stop at the coast and the border.
                StepClock clock(a.timings, code + ": catchment polygons (clipped)");
                std::vector<double> limits_s;
                for (double m : limits) limits_s.push_back(m * 60);
                polys = model->catchments(places, tc.direction, limits_s, config.catchment_shape,
                                          outline.get());
            }
            StepClock clock(a.timings, code + ": catchment union (GEOS)");
            // The type's union per limit, the limits on all cores (a GEOS context each).
            tc.union_catchments.resize(limits.size());
            parallel_for(
                limits.size(), worker_count(limits.size()), [&](std::size_t k, std::size_t) {
                    const GeosContext local;
                    std::vector<GeosGeometry> parts;
                    // The territory's own CRS only: overseas structures of a national
                    // run keep their own polygons (no union across CRSs).
                    for (std::size_t p = 0; p < polys.size(); ++p)
                        if (!polys[p][k].empty() && places[p].epsg == territory.config.epsg)
                            parts.push_back(local.to_geos(polys[p][k]));
                    if (parts.empty()) return;
                    GeosGeometry u = union_all(local, std::move(parts));
                    if (u) tc.union_catchments[k] = local.to_multipolygon(u.get());
                });
            const std::set<double> wanted(config.catchment_thresholds_min.begin(),
                                          config.catchment_thresholds_min.end());
            for (std::size_t p = 0; p < polys.size(); ++p)
                for (std::size_t k = 0; k < limits.size(); ++k)
                    if (wanted.count(limits[k]) || limits[k] == tc.threshold_min)
                        a.catchments.push_back(
                            {tc.located[p], code, limits[k], std::move(polys[p][k])});
        }
        const std::size_t at_threshold = static_cast<std::size_t>(
            std::find(limits.begin(), limits.end(), tc.threshold_min) - limits.begin());

        // Per commune.
        StepClock clock(a.timings, code + ": commune coverage");
        GeosGeometry reach_area = geos.to_geos(tc.union_catchments[at_threshold]);
        tc.communes.resize(communes.size());
        for (std::size_t c = 0; c < communes.size(); ++c) {
            CommuneCoverage& cc = tc.communes[c];
            double weighted_time = 0, timed_population = 0, max_t = 0;
            std::map<std::uint32_t, double> nearest_weight;
            double fca_sum = 0;
            for (std::uint32_t i = a.population.first_of_commune[c];
                 i < a.population.first_of_commune[c + 1]; ++i) {
                const auto& pt = points[i];
                const double t = tc.nearest.seconds[i];
                cc.population += pt.population;
                cc.elderly += pt.elderly;
                fca_sum += pt.population * fca[i];
                if (t <= threshold_s) {
                    cc.population_within += pt.population;
                    cc.elderly_within += pt.elderly;
                }
                if (t < kUnreached) {
                    weighted_time += pt.population * t;
                    timed_population += pt.population;
                    nearest_weight[tc.nearest.place[i]] += pt.population;
                }
                max_t = std::max(max_t, t);
            }
            if (timed_population > 0) cc.mean_minutes = weighted_time / timed_population / 60;
            if (max_t < kUnreached &&
                a.population.first_of_commune[c] < a.population.first_of_commune[c + 1])
                cc.max_minutes = max_t / 60;
            if (!nearest_weight.empty()) {
                const auto best = std::max_element(
                    nearest_weight.begin(), nearest_weight.end(),
                    [](const auto& x, const auto& y) { return x.second < y.second; });
                cc.nearest_structure = structures[tc.located[best->first]].id;
                cc.nearest_structure_name = structures[tc.located[best->first]].name;
            }
            if (cc.population > 0) cc.fca_per_100k = fca_sum / cc.population * 1e5;
            // Area inside the type's catchment at its threshold.
            if (reach_area && communes[c].area_m2 > 0) {
                // Cut the (island-wide) catchment to the commune's box first: the overlay then
                // only sees the few thousand vertices near the commune.
                const Box& b = communes[c].bbox;
                GeosGeometry near = geos.wrap(GEOSClipByRect_r(geos.handle(), reach_area.get(),
                                                               b.min_corner().x, b.min_corner().y,
                                                               b.max_corner().x, b.max_corner().y));
                GeosGeometry cg = geos.to_geos(communes[c].geometry);
                GeosGeometry inter = geos.wrap(
                    near ? GEOSIntersection_r(geos.handle(), cg.get(), near.get()) : nullptr);
                double area = 0;
                if (inter) GEOSArea_r(geos.handle(), inter.get(), &area);
                cc.area_within_m2 = area;
                cc.share_area_within = std::min(1.0, area / communes[c].area_m2);
            }
            cc.share_population_within =
                cc.population > 0 ? cc.population_within / cc.population : cc.share_area_within;
            if (auto it = declared.find(communes[c].insee); it != declared.end())
                cc.declared_by = it->second;
            const bool is_declared = !cc.declared_by.empty();
            cc.status = coverage_status(cc.share_population_within, is_declared, config.coverage);
            const bool by_time = cc.share_population_within >= config.coverage.covered_min_share;
            if (cc.status == CoverageStatus::covered)
                cc.method = by_time && is_declared ? method_word + "+zone_declaree"
                            : by_time              ? method_word
                                                   : "zone_declaree";
            else
                cc.method = method_word;
        }
        a.types.push_back(std::move(tc));
    }

    // White zones for several types at once.
    {
        auto combinations = config.white_zone_combinations;
        if (combinations.empty()) {
            const std::set<std::string> have(type_codes.begin(), type_codes.end());
            if (have.count("EMSP") && have.count("HAD")) combinations.push_back({"EMSP", "HAD"});
            if (type_codes.size() > 1) combinations.push_back(type_codes);
        }
        for (const auto& combo : combinations) {
            WhiteZoneCombination w;
            std::vector<const TypeCoverage*> tcs;
            for (const auto& code : combo) {
                const StructureType* st = territory.types.find(code);
                const auto it = std::find_if(a.types.begin(), a.types.end(), [&](const auto& t) {
                    return st && t.type == st->code;
                });
                if (it == a.types.end())
                    throw ConfigError("analysis.white_zone_combinations: type '" + code +
                                      "' is not analysed");
                tcs.push_back(&*it);
                w.types.push_back(it->type);
            }
            for (std::size_t c = 0; c < communes.size(); ++c) {
                bool all = !tcs.empty();
                for (const auto* t : tcs)
                    all = all && t->communes[c].status == CoverageStatus::white_zone;
                if (!all) continue;
                w.communes.push_back(c);
                w.inhabitants += tcs.front()->communes[c].population;
            }
            a.combinations.push_back(std::move(w));
        }
    }

    // Territory indicators, per grouping.
    {
        StepClock clock(a.timings, "territory indicators");
        for (const auto& g : territory.groupings) {
            // Each structure counts in one territory of the grouping: where it stands, else
            // where most of its declared communes are (a team declared for « Département » in
            // a four-département territory is one team, not four).
            std::vector<std::string> home(structures.size());
            for (std::size_t s = 0; s < structures.size(); ++s) {
                std::map<std::string, std::size_t> votes;
                if (a.structure_commune[s] >= 0) {
                    votes[g.territory_of(communes[a.structure_commune[s]].insee)] = 1;
                } else {
                    for (const auto& c : declared_communes(structures[s], territory))
                        ++votes[g.territory_of(c)];
                }
                votes.erase("");
                std::size_t best = 0;
                for (const auto& [name, n] : votes)
                    if (n > best) best = n, home[s] = name;
            }
            for (const auto& name : g.territories) {
                TerritoryIndicators ti;
                ti.grouping = g.name;
                ti.grouping_label = g.label;
                ti.name = name;
                std::vector<std::size_t> members;
                for (std::size_t c = 0; c < communes.size(); ++c) {
                    auto it = g.territory_of_commune.find(communes[c].insee);
                    if (it == g.territory_of_commune.end() || it->second != name) continue;
                    members.push_back(c);
                }
                ti.communes = members.size();
                const auto total = g.member_count.find(name);
                ti.communes_total = total == g.member_count.end() ? ti.communes : total->second;
                std::map<std::string, std::size_t> deps;
                for (const auto c : members) ++deps[communes[c].departement];
                std::size_t most = 0;
                for (const auto& [dep, n] : deps)
                    if (n > most) most = n, ti.departement = dep;
                for (const auto& tc : a.types) {
                    TerritoryTypeIndicators tt;
                    tt.type = tc.type;
                    double fca_weighted = 0;
                    for (const std::size_t c : members) {
                        const auto& cc = tc.communes[c];
                        if (tc.type == a.types.front().type) ti.population += cc.population;
                        const double covered = cc.status == CoverageStatus::covered &&
                                                       !cc.declared_by.empty() &&
                                                       config.coverage.declared_area_covers
                                                   ? cc.population
                                                   : cc.population_within;
                        tt.population_covered += covered;
                        tt.uncovered_inhabitants += cc.population - covered;
                        fca_weighted += cc.fca_per_100k * cc.population;
                        if (cc.status == CoverageStatus::white_zone) {
                            ++tt.white_zone_communes;
                            tt.white_zone_inhabitants += cc.population;
                        }
                    }
                    for (std::size_t s = 0; s < structures.size(); ++s)
                        if (structures[s].type == tc.type && home[s] == name) ++tt.structures;
                    ti.types.push_back(tt);
                    (void)fca_weighted;
                }
                for (std::size_t k = 0; k < a.types.size(); ++k) {
                    auto& tt = ti.types[k];
                    if (ti.population > 0) {
                        tt.structures_per_100k = tt.structures / ti.population * 1e5;
                        tt.share_covered = tt.population_covered / ti.population;
                        double w = 0;
                        for (const std::size_t c : members)
                            w += a.types[k].communes[c].fca_per_100k *
                                 a.types[k].communes[c].population;
                        tt.mean_fca_per_100k = w / ti.population;
                    }
                }
                a.indicators.push_back(std::move(ti));
            }
        }
    }

    // Where next.
    {
        StepClock clock(a.timings, "where next (greedy siting)");
        std::vector<std::string> siting_types = config.siting.types;
        if (siting_types.empty()) siting_types = type_codes;
        // Candidate positions, shared by every type.
        struct Candidate {
            std::string id, name, origin;
            Point position;
            int commune;
        };
        std::vector<Candidate> candidates;
        for (const auto& ct : config.siting.candidate_types) {
            const StructureType* st = territory.types.find(ct);
            if (!st)
                throw ConfigError("analysis.where_next.candidate_types: unknown type '" + ct + "'");
            for (std::size_t s = 0; s < structures.size(); ++s)
                if (structures[s].type == st->code && structures[s].position)
                    candidates.push_back({structures[s].id, structures[s].name,
                                          "structure " + st->code, *structures[s].position,
                                          a.structure_commune[s]});
        }
        if (config.siting.grid_step_m > 0) {
            Box extent = bg::make_inverse<Box>();
            for (const auto& c : communes)  // the grid lies in the territory's own CRS
                if (c.epsg == territory.config.epsg) bg::expand(extent, c.bbox);
            const double step = config.siting.grid_step_m;
            const std::string origin = "grille " + std::to_string(static_cast<int>(step)) + " m";
            for (double y = std::ceil(extent.min_corner().y / step) * step;
                 y <= extent.max_corner().y; y += step)
                for (double x = std::ceil(extent.min_corner().x / step) * step;
                     x <= extent.max_corner().x; x += step) {
                    const int c = commune_at({x, y}, territory.config.epsg, communes, tree);
                    if (c < 0) continue;
                    const std::string id = "grille-" + std::to_string(static_cast<long>(x)) + "-" +
                                           std::to_string(static_cast<long>(y));
                    candidates.push_back(
                        {id, "Point de grille " + communes[c].name, origin, {x, y}, c});
                }
        }
        if (!candidates.empty()) {
            std::vector<Place> places;
            for (const auto& c : candidates)
                places.push_back(model->place(
                    c.position, c.commune >= 0 ? communes[c.commune].epsg : territory.config.epsg));
            for (const auto& code : siting_types) {
                const StructureType* st = territory.types.find(code);
                const auto tc = std::find_if(a.types.begin(), a.types.end(), [&](const auto& t) {
                    return st && t.type == st->code;
                });
                if (tc == a.types.end())
                    throw ConfigError("analysis.where_next.types: type '" + code +
                                      "' is not analysed");
                const double threshold_s = tc->threshold_min * 60;
                std::vector<double> uncovered(points.size(), 0.0);
                for (std::size_t i = 0; i < points.size(); ++i)
                    if (!(tc->nearest.seconds[i] <= threshold_s))
                        uncovered[i] = points[i].population;
                const auto reach = model->within(places, tc->direction, threshold_s);
                const SitingOutcome outcome = greedy_max_cover(reach, uncovered, config.siting.k);
                std::vector<CandidateSite> sites(candidates.size());
                for (std::size_t c = 0; c < candidates.size(); ++c) {
                    auto& site = sites[c];
                    site.type = tc->type;
                    site.id = candidates[c].id;
                    site.name = candidates[c].name;
                    site.origin = candidates[c].origin;
                    site.position = candidates[c].position;
                    site.epsg = places[c].epsg;
                    if (candidates[c].commune >= 0)
                        site.commune = communes[candidates[c].commune].insee;
                    site.potential = outcome.initial_gain[c];
                }
                int rank = 0;
                for (const auto& pick : outcome.picks) {
                    auto& site = sites[pick.candidate];
                    site.rank = ++rank;
                    site.gain = pick.gain;
                    site.cumulative = pick.cumulative;
                }
                for (auto& site : sites)
                    if (site.rank > 0 || site.potential > 0)
                        a.candidates.push_back(std::move(site));
            }
        }
    }
    return a;
}

}  // namespace palliacarte
