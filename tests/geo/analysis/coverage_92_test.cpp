// The coverage analysis on the Hauts-de-Seine demo (crow-fly, 2021 census 1 km grid),
// checked against a brute-force recomputation: every population point against every
// structure of each type.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "analysed_territory.hpp"
#include "analysis/coverage_analysis.hpp"
#include "analysis/declared_area.hpp"
#include "analysis/white_zone_ranking.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "geos/geos_context.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

namespace bg = boost::geometry;

using test::area_outside;

using Demo = test::AnalysedTerritory;

const Demo& demo() {
    static const Demo d = test::analysed_territory("hauts-de-seine.json");
    return d;
}

TEST(Coverage92, EveryCommuneHasAStatusPerType) {
    const auto& d = demo();
    EXPECT_EQ(d.analysis.method, analysis::TimeModel::crow_fly);
    EXPECT_NE(d.analysis.method_label.find("vol d'oiseau"), std::string::npos);
    ASSERT_EQ(d.analysis.types.size(), d.config.types.size());
    for (const auto& tc : d.analysis.types) {
        ASSERT_EQ(tc.communes.size(), 36u) << tc.type;
        for (const auto& cc : tc.communes) EXPECT_FALSE(cc.method.empty()) << tc.type;
    }
}

TEST(Coverage92, PopulationPointsSumToOfficialPopulations) {
    const auto& d = demo();
    const auto& pop = d.analysis.population();
    EXPECT_EQ(pop.method, "grid");
    EXPECT_EQ(pop.communes_on_proxy, 0u);
    std::size_t split_cells = 0;
    std::map<std::int32_t, int> pieces_per_cell;
    for (const auto& p : pop.points) ++pieces_per_cell[p.cell];
    for (const auto& [cell, n] : pieces_per_cell) split_cells += n > 1;
    EXPECT_GT(split_cells, 50u);  // 1 km cells straddle the communes' borders
    for (std::size_t c = 0; c < d.territory.communes.size(); ++c) {
        double sum = 0;
        for (const auto& p : pop.of_commune(c)) {
            sum += p.population;
            EXPECT_TRUE(bg::covered_by(p.position, d.territory.communes[c].geometry))
                << d.territory.communes[c].insee;
        }
        EXPECT_NEAR(sum, double(*d.territory.communes[c].population), 1e-6)
            << d.territory.communes[c].insee;
    }
    // The census grid, before rescaling, is close to the légal populations (SOURCES.md: 0.98).
    EXPECT_NEAR(pop.grid_population / 1654712.0, 0.98, 0.03);
}

TEST(Coverage92, StatusesAgreeWithBruteForce) {
    const auto& d = demo();
    const auto& t = d.territory;
    const model::CrowFlyModel& cf = d.territory_config.crow_fly;
    for (const auto& tc : d.analysis.types) {
        std::vector<model::Point> bases;
        std::map<std::string, bool> declared;
        for (const auto& s : t.structures) {
            if (s.type != tc.type) continue;
            if (s.position) bases.push_back(*s.position);
            for (const auto& c : analysis::declared_communes(s, t)) declared[c] = true;
        }
        std::size_t white = 0, covered = 0;
        for (std::size_t c = 0; c < t.communes.size(); ++c) {
            double pop = 0, within = 0;
            for (const auto& p : d.analysis.population().of_commune(c)) {
                double best = std::numeric_limits<double>::infinity();
                for (const auto& b : bases)
                    best = std::min(best, std::hypot(p.position.x - b.x, p.position.y - b.y) *
                                              cf.detour_factor / (cf.speed_kmh / 3.6));
                pop += p.population;
                if (best <= tc.threshold_min * 60) within += p.population;
            }
            const double share = pop > 0 ? within / pop : 0;
            const auto expected = analysis::coverage_status(
                share, declared.count(t.communes[c].insee) > 0, d.config.coverage);
            EXPECT_EQ(tc.communes[c].status, expected) << tc.type << " " << t.communes[c].insee;
            EXPECT_NEAR(tc.communes[c].share_population_within, share, 1e-9);
            white += expected == analysis::CoverageStatus::white_zone;
            covered += expected == analysis::CoverageStatus::covered;
        }
        // Not a vacuous check: the 92 is small, so types with positions cover it by road time.
        if (!bases.empty() && tc.type != "EMSPT") {
            EXPECT_EQ(covered, 36u) << tc.type;
        }
        (void)white;
    }
}

TEST(Coverage92, CrowFlyCatchmentsAreValidNestedDiscsThatHoldExactlyTheReachedPoints) {
    const auto& d = demo();
    const model::CrowFlyModel& cf = d.territory_config.crow_fly;
    for (const auto& tc : d.analysis.types) {
        for (std::size_t k = 0; k < tc.catchment_limits_min.size(); ++k) {
            const auto& u = tc.union_catchments[k];
            std::string why;
            EXPECT_TRUE(bg::is_valid(u, why)) << tc.type << " " << why;
            if (k > 0) {
                EXPECT_LT(area_outside(tc.union_catchments[k - 1], u),
                          1e-6 * std::max(1.0, bg::area(u)))
                    << tc.type;
            }
            const double limit = tc.catchment_limits_min[k] * 60;
            // Every point within the limit of a structure is inside; every point beyond every
            // structure is outside (a disc has no buffer), up to the 72-gon's chord.
            std::vector<model::Point> bases;
            for (const auto s : tc.located) bases.push_back(*d.territory.structures[s].position);
            const double chord_slack = cf.radius_m(limit) * (1 - std::cos(M_PI / 72)) + 1;
            for (const auto& p : d.analysis.population().points) {
                double nearest = std::numeric_limits<double>::infinity();
                for (const auto& b : bases)
                    nearest = std::min(nearest, std::hypot(p.position.x - b.x, p.position.y - b.y));
                const double r = cf.radius_m(limit);
                if (nearest <= r - chord_slack) {
                    EXPECT_TRUE(bg::covered_by(p.position, u)) << tc.type;
                }
                if (nearest > r + 1) {
                    EXPECT_FALSE(bg::covered_by(p.position, u)) << tc.type;
                }
            }
        }
    }
}

TEST(Coverage92, DeclaredAreasCoverWithoutAPosition) {
    // The volunteer associations have no position: they cover only through their coordination
    // territory, and the status says so.
    const auto& d = demo();
    const auto it = std::find_if(d.analysis.types.begin(), d.analysis.types.end(),
                                 [](const auto& t) { return t.type == "BENEVOLES"; });
    ASSERT_NE(it, d.analysis.types.end());
    EXPECT_TRUE(it->located.empty());
    for (const auto& cc : it->communes) {
        EXPECT_EQ(cc.population_within, 0);
        EXPECT_EQ(cc.status, analysis::CoverageStatus::covered);
        EXPECT_EQ(cc.method, "zone_declaree");
    }
}

TEST(Coverage92, IndicatorsAddUpOverTheDepartement) {
    const auto& d = demo();
    ASSERT_FALSE(d.analysis.indicators.empty());
    const auto& dep = d.analysis.indicators.front();
    EXPECT_EQ(dep.communes, 36u);
    EXPECT_NEAR(dep.population, 1654712, 1e-3);
    double coordination = 0;
    for (const auto& ti : d.analysis.indicators)
        if (ti.grouping == "coordination") coordination += ti.population;
    EXPECT_NEAR(coordination, dep.population, 1e-3);
    for (std::size_t k = 0; k < dep.types.size(); ++k) {
        std::size_t count = 0;
        for (const auto& s : d.territory.structures) count += s.type == d.analysis.types[k].type;
        EXPECT_EQ(dep.types[k].structures, count) << d.analysis.types[k].type;
        EXPECT_NEAR(dep.types[k].structures_per_100k, count / 1654712.0 * 1e5, 1e-9);
    }
}

// The covered population is counted by one rule: the département's indicator, the report's
// totals and the commune-by-commune sum agree, and declared communes count whole only while
// declared areas cover.
TEST(Coverage92, CoveredPopulationIsCountedOneWayEverywhere) {
    const auto& d = demo();
    const auto& dep = d.analysis.indicators.front();
    std::size_t declared_communes = 0;
    for (std::size_t k = 0; k < d.analysis.types.size(); ++k) {
        const analysis::TypeCoverage& tc = d.analysis.types[k];
        double sum = 0, sum_without_declared = 0;
        for (const auto& cc : tc.communes) {
            sum += cc.status == analysis::CoverageStatus::covered && !cc.declared_by.empty()
                       ? cc.population
                       : cc.population_within;
            sum_without_declared += cc.population_within;
            declared_communes += !cc.declared_by.empty();
        }
        EXPECT_NEAR(dep.types[k].population_covered, sum, 1e-6) << tc.type;
        EXPECT_NEAR(analysis::type_totals(tc, d.territory, d.analysis.rule).covered, sum, 1e-6)
            << tc.type;
        config::CoverageRule time_only = d.analysis.rule;
        time_only.declared_area_covers = false;
        double by_time = 0;
        for (const auto& cc : tc.communes) by_time += analysis::population_covered(cc, time_only);
        EXPECT_NEAR(by_time, sum_without_declared, 1e-6) << tc.type;
    }
    EXPECT_GT(declared_communes, 0u);  // the demo has declared areas: the rule is exercised
}

}  // namespace
}  // namespace palliacarte
