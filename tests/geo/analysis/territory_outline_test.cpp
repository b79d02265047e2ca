// The territory outline on communes drawn here: one outline per CRS (a national run's overseas
// communes are not united with metropolitan ones), neighbours merged, and catchments clipped to
// the outline of their own CRS.
#include <gtest/gtest.h>

#include <boost/geometry.hpp>

#include "analysis/territory_outline.hpp"
#include "analysis/travel_time_model.hpp"

namespace palliacarte {
namespace {

model::Commune square_commune(const std::string& insee, double x0, double y0, double side,
                              int epsg) {
    model::Commune c;
    c.insee = insee;
    c.epsg = epsg;
    c.geometry.resize(1);
    for (const auto& [x, y] : std::vector<std::pair<double, double>>{
             {x0, y0}, {x0, y0 + side}, {x0 + side, y0 + side}, {x0 + side, y0}, {x0, y0}})
        c.geometry[0].outer().push_back({x, y});
    boost::geometry::envelope(c.geometry, c.bbox);
    return c;
}

// Two neighbouring 1 km squares in Lambert-93, and a 100 m overseas one lying numerically
// inside them, but in another CRS: it must not be united with them.
model::Territory two_crs_territory() {
    model::Territory t;
    t.communes.push_back(square_commune("92001", 0, 0, 1000, 2154));
    t.communes.push_back(square_commune("92002", 1000, 0, 1000, 2154));
    t.communes.push_back(square_commune("97411", 500, 500, 100, 2975));
    return t;
}

TEST(TerritoryOutline, OneOutlinePerCrsWithNeighboursMerged) {
    const analysis::TerritoryOutline o = analysis::territory_outline(two_crs_territory());
    ASSERT_EQ(o.by_epsg.size(), 2u);
    ASSERT_NE(o.in(2154), nullptr);
    EXPECT_EQ(o.in(2154)->size(), 1u);
    EXPECT_NEAR(boost::geometry::area(*o.in(2154)), 2e6, 1e-6);
    ASSERT_NE(o.in(2975), nullptr);
    EXPECT_NEAR(boost::geometry::area(*o.in(2975)), 1e4, 1e-6);
    EXPECT_EQ(o.in(4326), nullptr);
}

TEST(TerritoryOutline, CatchmentsAreClippedToTheOutlineOfTheirOwnCrs) {
    const analysis::TerritoryOutline outline = analysis::territory_outline(two_crs_territory());
    // Crow-fly, 30 km/h, detour 1.3: 10 minutes reach 3.8 km, more than every square.
    const analysis::TravelTimeModel model(model::CrowFlyModel{1.3, 30},
                                          std::make_shared<const analysis::PopulationPoints>(), {});
    const std::vector<analysis::Place> places = {model.place({1000, 500}, 2154),
                                                 model.place({550, 550}, 2975)};
    const auto polys = model.catchments(places, routing::SearchDirection::from_sources, {600},
                                        config::CatchmentShape{}, &outline);
    EXPECT_NEAR(boost::geometry::area(polys[0][0]), 2e6, 1);  // the two metropolitan squares
    EXPECT_NEAR(boost::geometry::area(polys[1][0]), 1e4, 1);  // only the overseas one
}

}  // namespace
}  // namespace palliacarte
