// The on-demand endpoints' readers alone, without a territory: every refusal is the right
// status with a French detail naming the parameter or the place in the body, and what passes
// comes out typed (thresholds sorted and distinct, positions in range).
#include <gtest/gtest.h>

#include <string>

#include "http/http_message.hpp"
#include "on_demand/catchment_query.hpp"
#include "on_demand/scenario_request.hpp"

namespace palliacarte::on_demand {
namespace {

using Query = std::map<std::string, std::string>;
const std::vector<double> kDefault = {15, 30, 45};

struct Refusal {
    int status = 0;
    std::string detail;
};

template <class F>
Refusal refusal_of(F&& read) {
    try {
        read();
    } catch (const http::ProblemError& e) {
        return {e.status, e.what()};
    }
    return {};
}

Refusal catchment_refusal(const Query& q) {
    return refusal_of([&] { parse_catchment_query(q, kDefault); });
}

Refusal scenario_refusal(const std::string& body,
                         const std::string& type = "application/json; charset=utf-8") {
    return refusal_of([&] { parse_scenario_request(body, type); });
}

TEST(CatchmentQuery, ThresholdsAreSortedDistinctAndBounded) {
    EXPECT_EQ(parse_catchment_query({{"structure", "S1"}}, kDefault).minutes, kDefault);
    const CatchmentQuery q =
        parse_catchment_query({{"structure", "S1"}, {"minutes", "45,10,45"}}, kDefault);
    EXPECT_EQ(q.minutes, (std::vector<double>{10, 45}));
    EXPECT_EQ(q.structure, "S1");
    EXPECT_FALSE(q.point);
    for (const char* bad : {"0", "-5", "181", "abc", "10,,20", "1,2,3,4,5,6,7"}) {
        const Refusal r = catchment_refusal({{"structure", "S1"}, {"minutes", bad}});
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_NE(r.detail.find("minutes"), std::string::npos) << bad << ": " << r.detail;
    }
    EXPECT_EQ(parse_catchment_query({{"structure", "S1"}, {"minutes", "180"}}, kDefault).minutes,
              std::vector<double>{180});
}

TEST(CatchmentQuery, AStructureOrAPointNeverBoth) {
    const CatchmentQuery q =
        parse_catchment_query({{"lon", "9.15"}, {"lat", "42.3"}, {"type", "HAD"}}, kDefault);
    ASSERT_TRUE(q.point);
    EXPECT_DOUBLE_EQ(q.point->lon, 9.15);
    EXPECT_DOUBLE_EQ(q.point->lat, 42.3);
    EXPECT_EQ(q.type, "HAD");
    EXPECT_NE(catchment_refusal({{"structure", "S1"}, {"lon", "9"}}).detail.find("pas les deux"),
              std::string::npos);
    EXPECT_NE(catchment_refusal({{"lon", "9"}}).detail.find("lon et lat"), std::string::npos);
    EXPECT_NE(catchment_refusal({}).detail.find("structure=ID"), std::string::npos);
    EXPECT_NE(catchment_refusal({{"lon", "190"}, {"lat", "42"}}).detail.find("[-180, 180]"),
              std::string::npos);
    const Refusal unknown = catchment_refusal({{"structure", "S1"}, {"rayon", "3"}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_NE(unknown.detail.find("rayon"), std::string::npos) << unknown.detail;
}

TEST(ScenarioRequest, ABodyIsReadIntoTypedStructures) {
    const ScenarioRequest r = parse_scenario_request(
        R"({"added": [{"type": "HAD", "lon": 9.15, "lat": 42.3}], "removed": ["a", "b"]})",
        "application/json");
    ASSERT_EQ(r.added.size(), 1u);
    EXPECT_EQ(r.added[0].type, "HAD");
    EXPECT_DOUBLE_EQ(r.added[0].position.lon, 9.15);
    EXPECT_EQ(r.added[0].where, "added[0]");
    EXPECT_EQ(r.removed, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(parse_scenario_request(R"({"removed": ["a"]})", "application/json").added.size(), 0u);
}

TEST(ScenarioRequest, EveryRefusalHasItsStatusAndSaysWhere) {
    EXPECT_EQ(scenario_refusal("{}", "text/plain").status, 415);
    EXPECT_EQ(scenario_refusal(std::string(kMaxBodyBytes + 1, ' ')).status, 413);
    const Refusal broken = scenario_refusal(R"({"added": [)");
    EXPECT_EQ(broken.status, 400);
    EXPECT_NE(broken.detail.find("vers l'octet"), std::string::npos) << broken.detail;
    const Refusal deep = scenario_refusal(std::string(100, '[') + std::string(100, ']'));
    EXPECT_NE(deep.detail.find("imbrication de plus de 64 niveaux"), std::string::npos)
        << deep.detail;
    EXPECT_NE(scenario_refusal("[]").detail.find("objet JSON"), std::string::npos);
    EXPECT_NE(scenario_refusal(R"({"ajout": []})").detail.find("« ajout »"), std::string::npos);
    EXPECT_NE(scenario_refusal(R"({"added": {}})").detail.find("tableaux"), std::string::npos);
    EXPECT_EQ(scenario_refusal(R"({"added": [], "removed": []})").status, 400);
    std::string many = R"({"removed": [)";
    for (std::size_t i = 0; i <= kMaxRemoved; ++i)
        many += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
    EXPECT_EQ(scenario_refusal(many + "]}").status, 413);
    const Refusal shape = scenario_refusal(R"({"added": [{"type": "HAD", "lon": 9}]})");
    EXPECT_NE(shape.detail.find("added[0]"), std::string::npos) << shape.detail;
    const Refusal range = scenario_refusal(R"({"added": [{"type": "HAD", "lon": 9, "lat": 95}]})");
    EXPECT_NE(range.detail.find("[-90, 90]"), std::string::npos) << range.detail;
    EXPECT_NE(scenario_refusal(R"({"removed": [3]})").detail.find("chaînes"), std::string::npos);
}

}  // namespace
}  // namespace palliacarte::on_demand
