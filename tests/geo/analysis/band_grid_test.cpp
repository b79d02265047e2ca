// The grid behind catchment polygons, on hand-drawn lines (10 m cells): the outline runs
// through the midpoints of the marked squares' edges (a corner cut by 12.5 m²), is valid where
// cells touch only by a corner, has holes and islands in holes where they belong, and its
// simplification keeps only the corners.
#include "analysis/band_grid.hpp"
#include "model/ring_obstacles.hpp"

#include <gtest/gtest.h>

#include <boost/geometry.hpp>

using namespace palliacarte;
namespace bg = boost::geometry;

namespace {

analysis::BandGrid grid() {
    auto g = analysis::BandGrid::covering(model::Box({0, 0}, {200, 200}), 10, 1000);
    EXPECT_TRUE(g);
    return *g;
}

std::string validity(const model::MultiPolygon& mp) {
    std::string why;
    bg::is_valid(mp, why);
    return why;
}

}  // namespace

TEST(BandGrid, MarksTheCellsWhoseCentreIsWithinTheRadius) {
    analysis::BandGrid g = grid();
    // A horizontal line along y = 100 with radius 12: the rows centred at 95 and 105 (within
    // 5 m), not those at 85 and 115 (15 m); along x the end discs reach 12 m past the ends.
    g.mark_line({{50, 100}, {150, 100}}, 12);
    const model::MultiPolygon out = g.outline();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(validity(out), "Geometry is valid");
    // Columns centred from 45 to 155 (the disc reaches 38 to 162), rows 90–110: 12 × 2 cells,
    // less the four cut corners.
    EXPECT_EQ(g.marked_count(), 24u);
    EXPECT_DOUBLE_EQ(bg::area(out), 12 * 2 * 100.0 - 4 * 12.5);
    EXPECT_EQ(out[0].outer().size(), 2u * (12 + 2) + 1);  // every edge's midpoint, closed
    // Simplified, the long sides' midpoints go: 8 corners of the cut rectangle (9 closed).
    const model::MultiPolygon simple = g.outline(1);
    ASSERT_EQ(simple.size(), 1u);
    EXPECT_EQ(simple[0].outer().size(), 9u);
    EXPECT_DOUBLE_EQ(bg::area(simple), bg::area(out));
}

TEST(BandGrid, CellsTouchingByACornerGiveValidSeparatePolygons) {
    analysis::BandGrid g = grid();
    // Two single cells, (5, 5) and (6, 6), touching at the corner (60, 60).
    g.mark_line({{55, 55}}, 1);
    g.mark_line({{65, 65}}, 1);
    const model::MultiPolygon out = g.outline();
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(validity(out), "Geometry is valid");
    EXPECT_DOUBLE_EQ(bg::area(out), 2 * 50.0);  // two diamonds, 7 m apart
    EXPECT_TRUE(bg::covered_by(model::Point{55, 55}, out));
    EXPECT_TRUE(bg::covered_by(model::Point{65, 65}, out));
}

TEST(BandGrid, RingsAroundUnmarkedCellsAreHolesAndIslandsInThemArePolygons) {
    analysis::BandGrid g = grid();
    // A square ring of cells from 20 to 180 (a 10 m wide line around), an island in the middle
    // and a cell touching the ring's outer corner diagonally.
    g.mark_line({{25, 25}, {175, 25}, {175, 175}, {25, 175}, {25, 25}}, 5);
    g.mark_line({{95, 95}}, 1);
    g.mark_line({{15, 15}}, 1);
    const model::MultiPolygon out = g.outline();
    EXPECT_EQ(validity(out), "Geometry is valid");
    ASSERT_EQ(out.size(), 3u);  // the ring, the corner cell, the island
    std::size_t with_hole = 0;
    for (const auto& p : out) with_hole += p.inners().size();
    EXPECT_EQ(with_hole, 1u);
    EXPECT_FALSE(bg::covered_by(model::Point{100, 60}, out));  // in the hole
    EXPECT_TRUE(bg::covered_by(model::Point{95, 95}, out));    // on the island
    // The ring's cut outer corners and the hole's cut corners cancel out; the two single cells
    // are diamonds.
    EXPECT_DOUBLE_EQ(bg::area(out), (16 * 16 - 14 * 14) * 100.0 + 2 * 50.0);
}

TEST(BandGrid, RefusesGridsLargerThanAllowed) {
    EXPECT_FALSE(analysis::BandGrid::covering(model::Box({0, 0}, {10000, 10000}), 10, 1000));
    EXPECT_FALSE(analysis::BandGrid::covering(model::Box({0, 0}, {100, 100}), 0, 1000));
    EXPECT_TRUE(analysis::BandGrid::covering(model::Box({0, 0}, {100, 100}), 10, 1000));
}

// Growing marks, like 15, 30 and 45 minutes of roads: the traced outlines nest, and so do
// their simplifications when each is kept within the next simplified one and around the
// previous traced one (catchment_polygon's order), where plain Douglas–Peucker lets a 45°
// staircase cut into the inner band it runs along.
TEST(BandGrid, SimplifiedOutlinesOfGrowingMarksNestExactly) {
    auto g = analysis::BandGrid::covering(model::Box({0, 0}, {400, 400}), 10, 1u << 20);
    ASSERT_TRUE(g);
    const std::vector<std::vector<std::vector<model::Point>>> lines = {
        {{{50, 50}, {200, 130}, {330, 140}}},
        {{{200, 130}, {260, 300}}, {{330, 140}, {350, 60}}},
        {{{260, 300}, {120, 340}, {60, 200}}},
    };
    std::vector<std::vector<model::GridRing>> traced;
    for (const auto& batch : lines) {
        for (const auto& line : batch) g->mark_line(line, 23);
        traced.push_back(g->trace());
    }
    std::vector<std::vector<model::GridRing>> simplified(traced.size());
    for (std::size_t k = traced.size(); k-- > 0;) {
        std::vector<const std::vector<model::GridRing>*> inside, around;
        if (k > 0) inside.push_back(&traced[k - 1]);
        if (k + 1 < traced.size()) around.push_back(&simplified[k + 1]);
        const model::RingObstacles obstacles(inside, around);
        for (const auto& ring : traced[k])
            simplified[k].push_back(model::simplified_ring(ring, 0.7, &obstacles));
    }
    // Plain Douglas–Peucker does not nest them here.
    auto plain = [&](std::size_t k) {
        std::vector<model::GridRing> rings;
        for (const auto& ring : traced[k])
            rings.push_back(model::simplified_ring(ring, 0.7, nullptr));
        return g->polygons(rings);
    };
    bool plain_nested = true;
    for (std::size_t k = 0; k + 1 < traced.size(); ++k)
        plain_nested = plain_nested && bg::covered_by(plain(k), plain(k + 1));
    EXPECT_FALSE(plain_nested);
    for (std::size_t k = 0; k + 1 < traced.size(); ++k) {
        EXPECT_TRUE(bg::within(g->polygons(traced[k]), g->polygons(traced[k + 1]))) << k;
        const model::MultiPolygon inner = g->polygons(simplified[k]),
                                  outer = g->polygons(simplified[k + 1]);
        EXPECT_EQ(validity(inner), "Geometry is valid");
        model::MultiPolygon outside;
        bg::difference(inner, outer, outside);
        EXPECT_EQ(bg::area(outside), 0.0) << k;
        EXPECT_TRUE(bg::covered_by(inner, outer)) << k;
        // Still a simplification: at most 1.5 times the points plain Douglas–Peucker keeps.
        const auto plain = model::simplified_ring(traced[k].front(), 0.7, nullptr).size();
        EXPECT_LT(simplified[k].front().size(), traced[k].front().size() / 2) << k;
        EXPECT_LE(simplified[k].front().size(), plain * 3 / 2) << k;
    }
}
