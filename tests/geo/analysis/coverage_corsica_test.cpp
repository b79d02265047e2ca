// The coverage analysis on all of Corsica by road (the island's OSM network, 1 km census grid):
// nearest-structure times against one full search per structure, and catchments against the
// population points' times.
#include <gtest/gtest.h>

#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <filesystem>
#include <set>

#include "analysed_territory.hpp"
#include "analysis/catchment_polygon.hpp"
#include "analysis/coverage_analysis.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"
#include "load/analysis_inputs.hpp"
#include "load/territory_loader.hpp"
#include "output/coverage_layers.hpp"
#include "roads/car_profile.hpp"
#include "routing/road_snapper.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

namespace bg = boost::geometry;

namespace bgi = boost::geometry::index;

using Island = test::AnalysedTerritory;

const Island& island() {
    static const Island d = test::analysed_territory("corse.json");
    return d;
}

// Per population point: snap, then the best time over one full search per structure.
std::vector<double> brute_force_times(const Island& d, const analysis::TypeCoverage& tc,
                                      std::vector<double>* snap_m = nullptr) {
    const roads::RoadGraph& g = *d.territory.roads;
    const auto& rc = *d.territory_config.roads;
    const routing::RoadSnapper snapper(
        g, roads::CarProfile::load(rc.profile_path).off_network_kmh(), rc.snap_max_distance_m);
    const auto& points = d.analysis.population().points;
    std::vector<double> best(points.size(), routing::kUnreached);
    if (snap_m) snap_m->assign(points.size(), routing::kUnreached);
    std::vector<std::optional<routing::RoadSnap>> snaps(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        snaps[i] = snapper.snap(points[i].position);
        // Beyond the snap limit a point still joins its nearest road (roads.off_road default).
        if (!snaps[i])
            snaps[i] = snapper.snap(points[i].position, analysis::TravelTimeModel::kOffRoadReachM);
        if (snap_m && snaps[i]) (*snap_m)[i] = snaps[i]->distance_m;
    }
    const bool forward = tc.direction == routing::SearchDirection::from_sources;
    routing::OneToManySearch search(g);
    for (const auto s : tc.located) {
        const auto snap = snapper.snap(*d.territory.structures[s].position);
        search.run(snapper.starts(*snap, tc.direction), routing::kUnreached, tc.direction);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!snaps[i]) continue;
            const routing::RoadSnap& p = *snaps[i];
            // Arrive at (or leave from) the point along its edge, from either end.
            const auto ends = snapper.starts(p, forward ? routing::SearchDirection::to_sources
                                                        : routing::SearchDirection::from_sources);
            for (const auto& e : ends)
                best[i] = std::min(best[i], search.seconds(e.node) + e.seconds);
            // Or straight along the structure's own road.
            best[i] = std::min(best[i], forward ? snapper.along_same_road(*snap, p)
                                                : snapper.along_same_road(p, *snap));
        }
    }
    return best;
}

TEST(CoverageCorsica, RoadTimesAndStatusesAgreeWithOneSearchPerStructure) {
    const auto& d = island();
    ASSERT_EQ(d.analysis.method, analysis::TimeModel::road);
    for (const auto& tc : d.analysis.types) {
        const auto best = brute_force_times(d, tc);
        const auto& points = d.analysis.population().points;
        std::size_t white = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (best[i] == routing::kUnreached) {
                EXPECT_EQ(tc.nearest.seconds[i], routing::kUnreached);
                continue;
            }
            EXPECT_NEAR(tc.nearest.seconds[i], best[i], 1e-3) << tc.type << " point " << i;
        }
        for (std::size_t c = 0; c < d.territory.communes.size(); ++c) {
            double pop = 0, within = 0;
            for (std::uint32_t i = d.analysis.population().first_of_commune[c];
                 i < d.analysis.population().first_of_commune[c + 1]; ++i) {
                pop += points[i].population;
                if (best[i] <= tc.threshold_min * 60) within += points[i].population;
            }
            const double share = pop > 0 ? within / pop : tc.communes[c].share_area_within;
            const auto expected = analysis::coverage_status(
                share, !tc.communes[c].declared_by.empty(), d.config.coverage);
            EXPECT_EQ(tc.communes[c].status, expected)
                << tc.type << " " << d.territory.communes[c].insee;
            white += expected == analysis::CoverageStatus::white_zone;
        }
        // Corsica has real white zones: mountain villages far from the HAD bases.
        if (tc.type == "HAD") {
            EXPECT_GT(white, 100u);
        }
    }
}

// The places the analysis searched from, for catchments drawn again with another shape.
std::vector<analysis::Place> located_places(const Island& d, const analysis::TypeCoverage& tc) {
    std::vector<analysis::Place> places;
    for (const auto s : tc.located)
        places.push_back(d.analysis.model->place(*d.territory.structures[s].position,
                                                 d.territory.structures[s].epsg));
    return places;
}

void expect_valid_and_nested(const std::vector<model::MultiPolygon>& by_limit,
                             const std::string& what) {
    const geos::GeosContext geos;
    for (std::size_t k = 0; k < by_limit.size(); ++k) {
        // Valid as GEOS (which made it, and which GDAL and QGIS check with) sees it.
        const geos::GeosGeometry gu = geos.to_geos(by_limit[k]);
        char* reason = GEOSisValidReason_r(geos.handle(), gu.get());
        EXPECT_EQ(std::string(reason), "Valid Geometry") << what;
        GEOSFree_r(geos.handle(), reason);
        if (k == 0) continue;
        // Nested, up to GEOS's rounding when it clips them to the coast (a few mm²).
        const geos::GeosGeometry inner = geos.to_geos(by_limit[k - 1]);
        const geos::GeosGeometry outside =
            geos.wrap(GEOSDifference_r(geos.handle(), inner.get(), gu.get()));
        double outside_m2 = 0;
        GEOSArea_r(geos.handle(), outside.get(), &outside_m2);
        EXPECT_LT(outside_m2, 0.01) << what;
    }
}

TEST(CoverageCorsica, CatchmentAreasAgreeWithThePoints) {
    // The drawn area of each type and limit is where the points are counted as reached: of the
    // points within the snap limit, those reached 2 minutes or more inside the limit lie inside
    // the polygon, those 2 minutes or more beyond it lie outside (99 % at least: a cell's
    // centre stands for 100 m around it, and the outline is simplified within 35 m).
    const auto& d = island();
    const auto& off_road = d.analysis.model->off_road_points();
    const std::set<std::uint32_t> far(off_road.begin(), off_road.end());
    for (const auto& tc : d.analysis.types) {
        expect_valid_and_nested(tc.union_catchments, tc.type);
        for (std::size_t k = 0; k < tc.catchment_limits_min.size(); ++k) {
            const model::MultiPolygon& u = tc.union_catchments[k];
            const double limit = tc.catchment_limits_min[k] * 60;
            std::size_t early = 0, early_in = 0, late = 0, late_out = 0;
            for (std::uint32_t i = 0; i < tc.nearest.seconds.size(); ++i) {
                if (far.count(i)) continue;
                const double t = tc.nearest.seconds[i];
                const model::Point& p = d.analysis.population().points[i].position;
                if (t <= limit - 120) {
                    ++early;
                    early_in += bg::covered_by(p, u);
                } else if (t > limit + 120) {
                    ++late;
                    late_out += !bg::covered_by(p, u);
                }
            }
            const std::string what =
                tc.type + " " + std::to_string(static_cast<int>(tc.catchment_limits_min[k]));
            ASSERT_GT(early, 50u) << what;
            ASSERT_GT(late, 50u) << what;
            EXPECT_GE(early_in, early * 99 / 100) << what << ": " << early_in << " of " << early;
            EXPECT_GE(late_out, late * 99 / 100) << what << ": " << late_out << " of " << late;
            std::printf("%s min: %zu of %zu reached points inside, %zu of %zu late ones outside\n",
                        what.c_str(), early_in, early, late_out, late);
        }
    }
}

TEST(CoverageCorsica, RoadBandsHoldTheReachedPointsAndNothingBeyondTheBand) {
    // analysis.catchment_shape "road-bands": the band along the reached roads.
    const auto& d = island();
    const roads::RoadGraph& g = *d.territory.roads;
    config::CatchmentShape shape = d.config.catchment_shape;
    shape.road_bands = true;
    const double band = shape.road_buffer_m;
    // The band the polygons hold for sure (config/catchment_shape.hpp).
    const double held = band - (std::sqrt(2.0) + 1.42) * shape.grid_cell_m;
    const auto& tc = d.analysis.types.front();  // HAD
    std::vector<double> limits_s;
    for (const double m : tc.catchment_limits_min) limits_s.push_back(m * 60);
    const auto polys = d.analysis.model->catchments(located_places(d, tc), tc.direction, limits_s,
                                                    shape, &d.analysis.outline);
    std::vector<model::MultiPolygon> unions(limits_s.size());
    for (std::size_t k = 0; k < limits_s.size(); ++k) {
        const geos::GeosContext geos;
        std::vector<geos::GeosGeometry> parts;
        for (const auto& p : polys)
            if (!p[k].empty()) parts.push_back(geos.to_geos(p[k]));
        unions[k] = geos.to_multipolygon(geos::union_all(geos, std::move(parts)).get());
    }
    expect_valid_and_nested(unions, "road bands");
    std::vector<double> snap_m;
    const auto best = brute_force_times(d, tc, &snap_m);
    routing::OneToManySearch search(g);
    const auto& rc = *d.territory_config.roads;
    const routing::RoadSnapper snapper(
        g, roads::CarProfile::load(rc.profile_path).off_network_kmh(), rc.snap_max_distance_m);
    for (std::size_t k = 0; k < limits_s.size(); ++k) {
        const model::MultiPolygon& u = unions[k];
        const double limit = limits_s[k];
        // The road pieces reached within the limit, as segments in an R-tree.
        using Segment = bg::model::segment<model::Point>;
        std::vector<Segment> segments;
        for (const auto s : tc.located) {
            const model::Point base = *d.territory.structures[s].position;
            const auto snap = snapper.snap(base);
            segments.emplace_back(base, snap->on_road);
            search.run(snapper.starts(*snap, tc.direction), limit, tc.direction);
            for (const auto& piece : analysis::reached_road_pieces(g, search))
                for (std::size_t j = 1; j < piece.size(); ++j)
                    segments.emplace_back(piece[j - 1], piece[j]);
        }
        const bgi::rtree<Segment, bgi::quadratic<16>> tree(segments);
        std::size_t checked_in = 0;
        for (std::size_t i = 0; i < best.size(); ++i) {
            const model::Point& p = d.analysis.population().points[i].position;
            const bool inside = bg::covered_by(p, u);
            if (best[i] <= limit && snap_m[i] < held - 1) {
                // Reached, and within the band of its road: inside.
                EXPECT_TRUE(inside) << limits_s[k] << " point " << i;
                ++checked_in;
            }
            if (inside && !(best[i] <= limit)) {
                // Inside but reached later: it must lie within the band of a reached road.
                Segment nearest;
                tree.query(bgi::nearest(p, 1), &nearest);
                EXPECT_LE(bg::distance(p, nearest), band + 1) << " point " << i;
            }
        }
        EXPECT_GT(checked_in, 100u);
    }
}

TEST(CoverageCorsica, GreedySitingGainsAddUpAndShrink) {
    const auto& d = island();
    std::vector<const analysis::CandidateSite*> picks;
    for (const auto& c : d.analysis.candidates)
        if (c.type == "HAD" && c.rank > 0) picks.push_back(&c);
    ASSERT_EQ(picks.size(), d.config.siting.k);
    std::sort(picks.begin(), picks.end(), [](auto* a, auto* b) { return a->rank < b->rank; });
    double cumulative = 0;
    for (std::size_t k = 0; k < picks.size(); ++k) {
        cumulative += picks[k]->gain;
        EXPECT_NEAR(picks[k]->cumulative, cumulative, 1e-6);
        if (k > 0) {
            EXPECT_LE(picks[k]->gain, picks[k - 1]->gain + 1e-9);
        }
        // Nobody gains more alone than the first pick.
        EXPECT_LE(picks[k]->potential, picks[0]->potential + 1e-9);
    }
    // The picks cannot cover more than the HAD's uncovered population.
    const auto& had = *std::find_if(d.analysis.types.begin(), d.analysis.types.end(),
                                    [](const auto& t) { return t.type == "HAD"; });
    double uncovered = 0;
    for (const auto& cc : had.communes) uncovered += cc.population - cc.population_within;
    EXPECT_GT(picks[0]->gain, 0);
    EXPECT_LE(cumulative, uncovered + 1e-6);
}

// A white-zone grid cell straddling communes names the commune holding most of its uncovered
// people: the HAD cell N2042000 E4258000 is 99.7 % Bonifacio, 0.3 % Porto-Vecchio.
TEST(CoverageCorsica, WhiteZoneCellsNameTheCommuneHoldingMostOfThem) {
    const auto& d = island();
    const auto layers = output::coverage_layers(d.territory, d.analysis);
    const auto white = std::find_if(layers.begin(), layers.end(),
                                    [](const model::Layer& l) { return l.name == "white_zones"; });
    ASSERT_NE(white, layers.end());
    const std::size_t kind = white->field("kind"), type = white->field("type"),
                      insee = white->field("insee"), cell = white->field("cell_id");
    std::size_t found = 0, straddling = 0;
    for (const auto& f : white->features) {
        if (std::get<std::string>(f.values[kind]) != "carreau" ||
            std::get<std::string>(f.values[type]) != "HAD")
            continue;
        const std::string id = std::get<std::string>(f.values[cell]);
        if (id == "CRS3035RES1000mN2042000E4258000") {
            ++found;
            EXPECT_EQ(std::get<std::string>(f.values[insee]), "2A041");  // Bonifacio
        }
        // Every cell: its label holds at least as much of its uncovered population as any
        // other commune it touches.
        std::map<std::string, double> by_commune;
        const auto& tc = *std::find_if(d.analysis.types.begin(), d.analysis.types.end(),
                                       [](const auto& t) { return t.type == "HAD"; });
        for (std::size_t i = 0; i < d.analysis.population().points.size(); ++i) {
            const auto& p = d.analysis.population().points[i];
            if (p.cell < 0 || d.analysis.population().cell(p.cell).id != id) continue;
            if (tc.nearest.seconds[i] <= tc.threshold_min * 60 ||
                tc.communes[p.commune].status == analysis::CoverageStatus::covered)
                continue;
            by_commune[d.territory.communes[p.commune].insee] += p.population;
        }
        straddling += by_commune.size() > 1;
        for (const auto& [code, pop] : by_commune)
            EXPECT_GE(by_commune[std::get<std::string>(f.values[insee])], pop) << id;
    }
    EXPECT_EQ(found, 1u);
    EXPECT_GT(straddling, 100u);  // the case is common, not a corner
}

// The cut population grid and the snap raster are kept in the cache directory: a second
// analysis reads both back and gives the same points, figures and catchment areas.
TEST(CoverageCorsica, ASecondAnalysisReadsTheCutGridAndRasterBackUnchanged) {
    const test::ScratchDir cache("corsica-analysis-cache");
    config::TerritoryConfig tc =
        config::load_territory_config(test::config("corse.json"), std::nullopt);
    tc.cache_dir = cache.path().string();
    load::AnalysisInputs in = load::load_analysis_inputs(tc);
    ASSERT_EQ(in.analysis.cache_dir, cache.path().string());
    auto steps = [](const analysis::CoverageAnalysis& a) {
        std::set<std::string> out;
        for (const auto& t : a.timings) out.insert(t.step);
        return out;
    };
    const analysis::CoverageAnalysis first = analysis::analyze_coverage(in.territory, in.analysis);
    const analysis::CoverageAnalysis second = analysis::analyze_coverage(in.territory, in.analysis);
    EXPECT_TRUE(steps(first).count("population points"));
    EXPECT_TRUE(steps(first).count("catchment surface: snap raster"));
    EXPECT_TRUE(steps(second).count("population points (cache)"));
    EXPECT_TRUE(steps(second).count("catchment surface: snap raster (cache)"));
    std::size_t pieces = 0, rasters = 0;
    for (const auto& f : std::filesystem::directory_iterator(cache.path())) {
        pieces += f.path().filename().string().starts_with("population-pieces-");
        rasters += f.path().filename().string().find("-raster-") != std::string::npos;
    }
    EXPECT_EQ(pieces, 1u);
    EXPECT_EQ(rasters, 1u);

    const auto &p1 = first.population().points, &p2 = second.population().points;
    ASSERT_EQ(p1.size(), p2.size());
    ASSERT_GT(p1.size(), 4000u);
    for (std::size_t i = 0; i < p1.size(); ++i) {
        ASSERT_EQ(p1[i].commune, p2[i].commune) << i;
        ASSERT_EQ(p1[i].cell, p2[i].cell) << i;
        ASSERT_EQ(p1[i].population, p2[i].population) << i;
        ASSERT_TRUE(bg::equals(p1[i].position, p2[i].position)) << i;
    }
    ASSERT_EQ(first.types.size(), second.types.size());
    for (std::size_t k = 0; k < first.types.size(); ++k) {
        const analysis::TypeCoverage &a = first.types[k], &b = second.types[k];
        ASSERT_EQ(a.communes.size(), b.communes.size());
        for (std::size_t c = 0; c < a.communes.size(); ++c) {
            EXPECT_EQ(a.communes[c].status, b.communes[c].status);
            EXPECT_EQ(a.communes[c].population_within, b.communes[c].population_within);
            EXPECT_EQ(a.communes[c].share_area_within, b.communes[c].share_area_within);
        }
        ASSERT_EQ(a.union_catchments.size(), b.union_catchments.size());
        for (std::size_t l = 0; l < a.union_catchments.size(); ++l) {
            EXPECT_GT(bg::area(a.union_catchments[l]), 0) << a.type;
            EXPECT_EQ(bg::area(a.union_catchments[l]), bg::area(b.union_catchments[l])) << a.type;
            EXPECT_EQ(bg::num_points(a.union_catchments[l]), bg::num_points(b.union_catchments[l]));
        }
    }
    ASSERT_EQ(first.catchments.size(), second.catchments.size());
    for (std::size_t c = 0; c < first.catchments.size(); ++c)
        ASSERT_EQ(bg::area(first.catchments[c].area), bg::area(second.catchments[c].area)) << c;
}

// The catchment shape and the chain merge change drawings and the graph, never a figure: every
// commune figure but the area share is the same with road bands, and with every junction kept.
TEST(CoverageCorsica, FiguresDependNeitherOnTheCatchmentShapeNorOnTheChainMerge) {
    const Island& base = island();
    config::TerritoryConfig tc =
        config::load_territory_config(test::config("corse.json"), std::nullopt);
    tc.roads->merge_chains = false;
    tc.document["roads"]["merge_chains"] = false;  // the road cache is keyed by the document
    load::AnalysisInputs every_junction = load::load_analysis_inputs(tc);
    ASSERT_GT(every_junction.territory.roads->node_count(), base.territory.roads->node_count());
    config::AnalysisConfig bands = base.config;
    bands.catchment_shape.road_bands = true;
    const analysis::CoverageAnalysis with_bands = analysis::analyze_coverage(base.territory, bands);
    const analysis::CoverageAnalysis unmerged =
        analysis::analyze_coverage(every_junction.territory, every_junction.analysis);
    for (const analysis::CoverageAnalysis* other : {&with_bands, &unmerged}) {
        ASSERT_EQ(other->types.size(), base.analysis.types.size());
        std::size_t compared = 0, area_shares_differ = 0;
        for (std::size_t k = 0; k < other->types.size(); ++k) {
            const auto &a = base.analysis.types[k].communes, &b = other->types[k].communes;
            ASSERT_EQ(a.size(), b.size());
            for (std::size_t c = 0; c < a.size(); ++c, ++compared) {
                const std::string at = base.analysis.types[k].type + " " + std::to_string(c);
                EXPECT_EQ(a[c].status, b[c].status) << at;
                EXPECT_EQ(a[c].population_within, b[c].population_within) << at;
                EXPECT_EQ(a[c].elderly_within, b[c].elderly_within) << at;
                EXPECT_EQ(a[c].share_population_within, b[c].share_population_within) << at;
                EXPECT_EQ(std::isnan(a[c].mean_minutes), std::isnan(b[c].mean_minutes)) << at;
                if (!std::isnan(a[c].mean_minutes)) {
                    EXPECT_NEAR(a[c].mean_minutes, b[c].mean_minutes, 1e-3) << at;
                    EXPECT_NEAR(a[c].max_minutes, b[c].max_minutes, 1e-3) << at;
                }
                EXPECT_EQ(a[c].nearest_structure, b[c].nearest_structure) << at;
                EXPECT_NEAR(a[c].fca_per_100k, b[c].fca_per_100k, 1e-6 * a[c].fca_per_100k) << at;
                area_shares_differ += a[c].share_area_within != b[c].share_area_within;
            }
        }
        EXPECT_EQ(compared, 720u);
        // Road bands draw other areas; the unmerged graph draws the same ones.
        if (other == &with_bands)
            EXPECT_GT(area_shares_differ, 300u);
        else
            EXPECT_EQ(area_shares_differ, 0u);
    }
}

}  // namespace
}  // namespace palliacarte
