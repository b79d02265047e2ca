// GEOS through palliacarte's RAII wrappers: union, clipping and repair on squares drawn here,
// whose areas are known.
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"

namespace palliacarte {
namespace {

model::MultiPolygon ring(const std::vector<std::pair<double, double>>& corners) {
    model::MultiPolygon mp;
    mp.resize(1);
    for (const auto& [x, y] : corners) mp[0].outer().push_back({x, y});
    mp[0].outer().push_back(mp[0].outer().front());
    return mp;
}

model::MultiPolygon square(double x0, double y0, double side) {
    return ring({{x0, y0}, {x0, y0 + side}, {x0 + side, y0 + side}, {x0 + side, y0}});
}

// `a` and `b` united by `unite` (coverage_union or union_all).
template <class Unite>
model::MultiPolygon united(const geos::GeosContext& geos, const model::MultiPolygon& a,
                           const model::MultiPolygon& b, Unite unite) {
    std::vector<geos::GeosGeometry> parts;
    parts.push_back(geos.to_geos(a));
    parts.push_back(geos.to_geos(b));
    return geos.to_multipolygon(unite(geos, std::move(parts)).get());
}

TEST(PolygonOps, CoverageUnionOfNeighboursDropsTheSharedEdge) {
    const geos::GeosContext geos;
    const model::MultiPolygon u =
        united(geos, square(0, 0, 1), square(1, 0, 1), geos::coverage_union);
    ASSERT_EQ(u.size(), 1u);  // one polygon, not two
    EXPECT_NEAR(boost::geometry::area(u), 2, 1e-12);
}

TEST(PolygonOps, UnionOfOverlapsCountsTheOverlapOnce) {
    const geos::GeosContext geos;
    const model::MultiPolygon u = united(geos, square(0, 0, 2), square(1, 1, 2), geos::union_all);
    EXPECT_NEAR(boost::geometry::area(u), 4 + 4 - 1, 1e-12);
}

TEST(PolygonOps, ClipKeepsThePartInside) {
    const geos::GeosContext geos;
    const geos::GeosGeometry outline = geos.to_geos(square(1, 1, 2));
    const model::MultiPolygon clipped = geos::clip_to(geos, square(0, 0, 2), outline.get());
    EXPECT_NEAR(boost::geometry::area(clipped), 1, 1e-12);
    EXPECT_TRUE(geos::clip_to(geos, square(5, 5, 1), outline.get()).empty());
}

TEST(PolygonOps, BowTieIsRepairedIntoItsTwoTriangles) {
    const geos::GeosContext geos;
    geos::GeosGeometry g = geos.to_geos(ring({{0, 0}, {2, 2}, {2, 0}, {0, 2}}));
    const geos::ValidityOutcome v = geos::make_valid(geos, g);
    EXPECT_FALSE(v.was_valid);
    EXPECT_NE(v.reason.find("Self-intersection"), std::string::npos) << v.reason;
    EXPECT_TRUE(v.repaired);
    const model::MultiPolygon fixed = geos.to_multipolygon(g.get());
    EXPECT_EQ(fixed.size(), 2u);
    EXPECT_NEAR(boost::geometry::area(fixed), 2, 1e-12);  // two triangles of 1
    geos::GeosGeometry ok = geos.to_geos(square(0, 0, 1));
    EXPECT_TRUE(geos::make_valid(geos, ok).was_valid);
}

}  // namespace
}  // namespace palliacarte
