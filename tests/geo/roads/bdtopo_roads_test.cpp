// IGN BD TOPO v2 ROUTE sample (Olemps, Aveyron) through the generic OGR link loader, configured
// by data/olemps.json: class from NATURE/IMPORTANCE, direction from SENS.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "config/territory_config.hpp"
#include "gdal/ogr_source.hpp"
#include "networkx_check.hpp"
#include "roads/ogr_link_loader.hpp"
#include "routing/one_to_many.hpp"
#include "territory_roads.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

// Features per SENS value among car natures, counted by GDAL's SQL (not by our loader).
std::map<std::string, int> count_by_sens(const std::string& path) {
    std::map<std::string, int> out;
    gdal::OgrSource src = gdal::open_vector_layer(path, "route");
    OGRLayer* result = src.dataset->ExecuteSQL(
        "SELECT sens, count(*) AS n FROM route WHERE nature NOT IN "
        "('Chemin','Escalier','Sentier','Piste cyclable') "
        "GROUP BY sens",
        nullptr, nullptr);
    for (OGRFeatureUniquePtr f(result->GetNextFeature()); f; f.reset(result->GetNextFeature()))
        out[f->GetFieldAsString(0)] = f->GetFieldAsInteger(1);
    src.dataset->ReleaseResultSet(result);
    return out;
}

}  // namespace

TEST(BdTopoRoads, DirectionFromSensAndClassFromNature) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const config::RoadSourceConfig roads = test::shipped_roads("olemps.json");
    const auto [g, stats, report] = test::load_shipped_roads("olemps.json");
    const auto sens = count_by_sens(roads.paths.at(0));
    const int expected = 2 * sens.at("Double") + sens.at("Direct") + sens.at("Inverse");
    // Self-loops (a feature starting and ending at one junction) add no link.
    EXPECT_LE(static_cast<int>(stats.links), expected);
    EXPECT_GE(static_cast<int>(stats.links + 2 * stats.loops), expected);
    EXPECT_EQ(stats.skipped_classes.at("track"),
              630u);                        // Chemin, Escalier, Sentier, Piste cyclable
    EXPECT_EQ(stats.speed_from_field, 0u);  // BD TOPO v2 has no speed: all from the profile
    EXPECT_GT(g.node_count() + stats.graph.merged_nodes, 3000u);
    EXPECT_GT(stats.graph.merged_nodes, 100u);  // BD TOPO cuts roads at every attribute change

    // Times agree with networkx on the same graph (times to the start: reverse search).
    const roads::NodeId start = static_cast<roads::NodeId>(g.node_count() / 3);
    routing::OneToManySearch s(g);
    s.run({{start, 0}}, 420, routing::SearchDirection::to_sources);
    const auto nx = test::networkx_times(g, start, 420, true);
    const std::size_t n = nx.size();
    for (const auto& [node, t] : nx) EXPECT_NEAR(s.seconds(node), t, 0.01) << node;
    EXPECT_EQ(n, s.settled().size());
    EXPECT_GT(n, 100u);
}
