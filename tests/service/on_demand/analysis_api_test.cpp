// The on-demand analysis endpoints on the Hauts-de-Seine demo, in process: a commune's
// coverage as the analysis found it, catchments of a structure and of a point, and scenarios
// checked against the analysis itself (moving a structure onto itself changes nothing;
// removing every structure of a type removes their declared areas too).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analysis/declared_area.hpp"
#include "crs/crs_transform.hpp"
#include "served_demo.hpp"

using namespace palliacarte;
using nlohmann::json;

namespace {

const serve::ServedDataset& demo() {
    return test::served_demo();
}

json ok(const http::HttpResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
}

json scenario(const json& body, int status = 200) {
    const auto r = test::call("POST", "/analysis/scenario", {},
                              {{"content-type", "application/json"}}, body.dump());
    EXPECT_EQ(r.status, status) << r.body;
    return json::parse(r.body);
}

// Longitude/latitude of a structure, as a client would send it.
std::pair<double, double> lonlat(const model::Structure& s) {
    crs::CrsTransform t(crs::epsg_string(s.epsg), "OGC:CRS84");
    model::Point p = *s.position;
    t.transform(p.x, p.y);
    return {p.x, p.y};
}

}  // namespace

TEST(AnalysisApi, CommuneCoverageIsTheAnalysis) {
    const json c = ok(test::call("GET", "/analysis/communes/92012"));
    EXPECT_EQ(c["name"], "Boulogne-Billancourt");
    ASSERT_EQ(c["types"].size(), demo().analysis.types.size());
    std::size_t idx = 0;
    while (demo().territory.communes[idx].insee != "92012") ++idx;
    for (std::size_t k = 0; k < demo().analysis.types.size(); ++k) {
        const auto& tc = demo().analysis.types[k];
        EXPECT_EQ(c["types"][k]["type"], tc.type);
        EXPECT_EQ(c["types"][k]["status"], to_string(tc.communes[idx].status));
        EXPECT_EQ(c["types"][k]["nearest_structure"], tc.communes[idx].nearest_structure);
    }
    EXPECT_EQ(test::call("GET", "/analysis/communes/75056").status, 404);
}

TEST(AnalysisApi, CatchmentsOfAStructureNestAndHoldIt) {
    const model::Structure* s = nullptr;
    for (const auto& st : demo().territory.structures)
        if (st.type == "EMSP" && st.position) s = &st;
    ASSERT_NE(s, nullptr);
    const json fc =
        ok(test::call("GET", "/analysis/catchment", {{"structure", s->id}, {"minutes", "30,15"}}));
    ASSERT_EQ(fc["features"].size(), 2u);
    EXPECT_EQ(fc["features"][0]["properties"]["minutes"], 15);  // ascending
    const double a15 = fc["features"][0]["properties"]["area_km2"];
    const double a30 = fc["features"][1]["properties"]["area_km2"];
    EXPECT_GT(a15, 0);
    EXPECT_LE(a15, a30);
    // The structure lies inside its own 15-minute polygon (lon/lat bounds check).
    const auto [lon, lat] = lonlat(*s);
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const auto& poly : fc["features"][0]["geometry"]["coordinates"])
        for (const auto& p : poly[0]) {
            x0 = std::min(x0, p[0].get<double>());
            x1 = std::max(x1, p[0].get<double>());
            y0 = std::min(y0, p[1].get<double>());
            y1 = std::max(y1, p[1].get<double>());
        }
    EXPECT_TRUE(lon > x0 && lon < x1 && lat > y0 && lat < y1);
    // A point gives the same polygon as the structure standing there.
    const json pt = ok(test::call("GET", "/analysis/catchment",
                                  {{"lon", std::to_string(lon)},
                                   {"lat", std::to_string(lat)},
                                   {"minutes", "15"},
                                   {"type", "EMSP"}}));
    EXPECT_NEAR(pt["features"][0]["properties"]["area_km2"].get<double>(), a15, a15 * 0.01);
}

TEST(AnalysisApi, CatchmentRejectsBadInput) {
    const std::string id = demo().territory.structures[0].id;
    for (const auto& q : std::vector<std::map<std::string, std::string>>{
             {{"structure", id}, {"minutes", "0"}},
             {{"structure", id}, {"minutes", "181"}},
             {{"structure", id}, {"minutes", "5,10,15,20,25,30,35"}},
             {{"structure", id}, {"minutes", "quinze"}},
             {{"structure", id}, {"lon", "2.2"}, {"lat", "48.8"}},
             {{"lon", "2.2"}},
             {{"lon", "5.4"}, {"lat", "43.3"}},  // Marseille: far from the 92
             {{"lon", "2.2"}, {"lat", "48.8"}, {"type", "XYZ"}},
             {{"structure", id}, {"colour", "red"}}}) {
        const auto r = test::call("GET", "/analysis/catchment", q);
        EXPECT_EQ(r.status, 400) << json(q).dump() << " " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
    }
    EXPECT_EQ(test::call("GET", "/analysis/catchment", {{"structure", "nope"}}).status, 404);
}

TEST(AnalysisApi, MovingAStructureOntoItselfChangesNothing) {
    const model::Structure* s = nullptr;
    for (const auto& st : demo().territory.structures)
        if (st.type == "HAD" && st.position) s = &st;
    ASSERT_NE(s, nullptr);
    const auto [lon, lat] = lonlat(*s);
    const json r = scenario(
        {{"removed", {s->id}}, {"added", {{{"type", "HAD"}, {"lon", lon}, {"lat", lat}}}}});
    ASSERT_EQ(r["types"].size(), 1u);
    const json& t = r["types"][0];
    EXPECT_EQ(t["white_zone_communes"]["before"], t["white_zone_communes"]["after"]);
    EXPECT_NEAR(t["population_within"]["before"].get<double>(),
                t["population_within"]["after"].get<double>(),
                0.001 * t["population"].get<double>());
    EXPECT_TRUE(t["leaving_white_zone"].empty());
    EXPECT_TRUE(t["entering_white_zone"].empty());
}

TEST(AnalysisApi, RemovingEveryStructureTakesTheirDeclaredAreasToo) {
    json removed = json::array();
    std::set<std::string> declared;
    for (const auto& s : demo().territory.structures)
        if (s.type == "EMSP") {
            removed.push_back(s.id);
            for (const auto& c : analysis::declared_communes(s, demo().territory))
                declared.insert(c);
        }
    // Without structures nothing is within reach, and the communes they declared lose that
    // cover with them: every commune becomes a white zone.
    const json r = scenario({{"removed", removed}});
    const json& t = r["types"][0];
    EXPECT_EQ(t["structures"]["after"], 0);
    EXPECT_EQ(t["population_within"]["after"], 0);
    EXPECT_EQ(t["white_zone_communes"]["after"], demo().territory.communes.size());
    EXPECT_EQ(t["white_zone_inhabitants"]["after"], t["population"]);
    EXPECT_FALSE(declared.empty());  // the test would be vacuous without declared areas
}

TEST(AnalysisApi, ScenarioRejectsBadBodies) {
    scenario(json::object(), 400);                                   // empty
    scenario({{"added", {{{"type", "EMSP"}, {"lon", 2.2}}}}}, 400);  // no lat
    scenario({{"added", {{{"type", "XYZ"}, {"lon", 2.2}, {"lat", 48.8}}}}}, 400);
    scenario({{"removed", {"no-such-structure"}}}, 400);
    scenario({{"moved", json::array()}}, 400);
    json many = json::array();
    for (int i = 0; i < 51; ++i) many.push_back({{"type", "EMSP"}, {"lon", 2.2}, {"lat", 48.8}});
    scenario({{"added", many}}, 413);
    const auto r = test::call("POST", "/analysis/scenario", {},
                              {{"content-type", "application/json"}}, "{not json");
    EXPECT_EQ(r.status, 400);
}

// A body of nested arrays well under the size limit used to overflow a worker's stack when the
// document was copied (SIGSEGV, the service gone): refused while parsing, never built.
TEST(AnalysisApi, ScenarioRefusesDeeplyNestedBodies) {
    constexpr int kDepth = 131065;
    const std::string deep =
        "{\"removed\":" + std::string(kDepth, '[') + std::string(kDepth, ']') + "}";
    const auto r =
        test::call("POST", "/analysis/scenario", {}, {{"content-type", "application/json"}}, deep);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("imbrication de plus de 64 niveaux"), std::string::npos) << r.body;
    // Just under the cap is parsed (and refused for what it says, not for its depth).
    const std::string ok_depth =
        "{\"removed\":" + std::string(63, '[') + std::string(63, ']') + "}";
    const auto r2 = test::call("POST", "/analysis/scenario", {},
                               {{"content-type", "application/json"}}, ok_depth);
    EXPECT_EQ(r2.status, 400) << r2.body;
    EXPECT_NE(r2.body.find("identifiants sont des chaînes"), std::string::npos) << r2.body;
}

// Only JSON bodies: a form or text/plain POST (which browsers send cross-site without a
// pre-flight) cannot queue an analysis.
TEST(AnalysisApi, ScenarioNeedsAJsonContentType) {
    const std::string body = R"({"removed":["x"]})";
    for (const std::string type : {"", "text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x"}) {
        std::map<std::string, std::string> headers;
        if (!type.empty()) headers["content-type"] = type;
        const auto r = test::call("POST", "/analysis/scenario", {}, headers, body);
        EXPECT_EQ(r.status, 415) << type << " " << r.body;
    }
    const auto r = test::call("POST", "/analysis/scenario", {},
                              {{"content-type", "Application/JSON; charset=utf-8"}}, body);
    EXPECT_EQ(r.status, 400) << r.body;  // accepted as JSON; "x" is no structure
}
