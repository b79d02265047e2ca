// The 2SFCA and greedy-siting arithmetic on a case small enough to work out by hand: three
// communes (one population point each) and two structures.
#include <gtest/gtest.h>

#include "analysis/greedy_siting.hpp"
#include "analysis/two_step_fca.hpp"

namespace palliacarte {
namespace {

TEST(TwoStepFca, DecayWeights) {
    const config::TwoStepFcaConfig c;  // full weight to half the threshold, 0.25 at the threshold
    EXPECT_DOUBLE_EQ(analysis::fca_weight(0, 1800, c), 1.0);
    EXPECT_DOUBLE_EQ(analysis::fca_weight(900, 1800, c), 1.0);
    EXPECT_DOUBLE_EQ(analysis::fca_weight(1350, 1800, c), 0.625);  // half-way down: 1 - 0.75/2
    EXPECT_DOUBLE_EQ(analysis::fca_weight(1800, 1800, c), 0.25);
    EXPECT_DOUBLE_EQ(analysis::fca_weight(1801, 1800, c), 0.0);
}

TEST(TwoStepFca, ThreeCommunesTwoStructures) {
    // Communes A (1000 inhabitants), B (3000), C (500). Threshold 30 min.
    // Structure 1 reaches A in 10 min (w 1) and B in 22.5 min (w 0.625).
    // Structure 2 reaches B in 5 min (w 1); C is out of reach of both.
    const std::vector<analysis::PointTimes> reach = {{{0, 600.f}, {1, 1350.f}}, {{1, 300.f}}};
    const std::vector<double> population = {1000, 3000, 500};
    const auto a =
        analysis::two_step_fca(reach, {1, 1}, population, 1800, config::TwoStepFcaConfig{});
    // Step 1: R1 = 1 / (1000 + 0.625·3000) = 1/2875; R2 = 1/3000.
    // Step 2: A = R1; B = 0.625·R1 + R2; C = 0.
    EXPECT_NEAR(a[0], 1.0 / 2875, 1e-15);
    EXPECT_NEAR(a[1], 0.625 / 2875 + 1.0 / 3000, 1e-15);
    EXPECT_EQ(a[2], 0.0);
    // Supply is conserved: Σ P·A = number of structures.
    EXPECT_NEAR(1000 * a[0] + 3000 * a[1] + 500 * a[2], 2.0, 1e-12);
}

TEST(GreedySiting, MarginalGainsOnThreeCommunes) {
    // Uncovered: A 1000, B 3000, C 500. Candidates: X covers A+B (4000), Y covers B+C (3500),
    // Z covers C (500). Greedy: X (4000), then Y or Z (500 each, B is taken: the lower index,
    // Y, wins), then nothing is left.
    const std::vector<analysis::PointTimes> reach = {
        {{0, 0.f}, {1, 0.f}}, {{1, 0.f}, {2, 0.f}}, {{2, 0.f}}};
    const auto out = analysis::greedy_max_cover(reach, {1000, 3000, 500}, 3);
    ASSERT_EQ(out.picks.size(), 2u);
    EXPECT_EQ(out.picks[0].candidate, 0u);
    EXPECT_DOUBLE_EQ(out.picks[0].gain, 4000);
    EXPECT_EQ(out.picks[1].candidate, 1u);  // Y and Z both gain 500: the lower index wins
    EXPECT_DOUBLE_EQ(out.picks[1].gain, 500);
    EXPECT_DOUBLE_EQ(out.picks[1].cumulative, 4500);
    EXPECT_EQ(out.initial_gain, (std::vector<double>{4000, 3500, 500}));
}

TEST(GreedySiting, AlreadyCoveredPeopleCountForNothing) {
    const std::vector<analysis::PointTimes> reach = {{{0, 0.f}}, {{1, 0.f}}};
    const auto out = analysis::greedy_max_cover(reach, {0, 200}, 2);
    ASSERT_EQ(out.picks.size(), 1u);
    EXPECT_EQ(out.picks[0].candidate, 1u);
}

}  // namespace
}  // namespace palliacarte
