// The join of two readings of an offer, on the 92's curated list against a second reading made
// from it: one structure retyped, one moved 500 m, one dropped, one only in the second.
#include "inspect/source_comparison.hpp"

#include <gtest/gtest.h>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

std::vector<model::Structure> curated_92() {
    std::vector<model::Structure> out;
    for (auto& s :
         load::load_territory(config::load_territory_config(test::config("hauts-de-seine.json")))
             .structures)
        if (!s.finess_et.empty() && s.position) out.push_back(std::move(s));
    return out;
}

TEST(SourceComparison, JoinsOnFinessAndTypeAndPairsRetypedEstablishments) {
    const std::vector<model::Structure> first = curated_92();
    ASSERT_GE(first.size(), 5u);
    std::vector<model::Structure> second = first;
    // The one retyped must be the only one of its establishment, or the join pairs it otherwise.
    std::size_t retyped = second.size();
    for (std::size_t i = 0; i < second.size() && retyped == second.size(); ++i) {
        std::size_t same_et = 0;
        for (const auto& s : second) same_et += s.finess_et == second[i].finess_et;
        if (same_et == 1) retyped = i;
    }
    ASSERT_LT(retyped, second.size());
    const std::string old_type = second[retyped].type;
    second[retyped].type = old_type == "HAD" ? "EMSP" : "HAD";
    const std::size_t moved = retyped == 0 ? 1 : 0;
    second[moved].position->x += 300;
    second[moved].position->y += 400;
    const std::size_t dropped =
        second.size() - 1 == retyped ? second.size() - 2 : second.size() - 1;
    const std::string dropped_type = second[dropped].type;
    second.erase(second.begin() + static_cast<std::ptrdiff_t>(dropped));
    model::Structure extra = first.front();
    extra.finess_et = "999999999";
    second.push_back(extra);

    const inspect::SourceComparison c = inspect::compare_sources(first, second);
    std::size_t both = 0, differs = 0, only_first = 0, only_second = 0;
    for (const auto& row : c.rows) {
        switch (row.agreement) {
            case inspect::Agreement::both:
                ++both;
                EXPECT_NEAR(row.distance_m, row.first == &first[moved] ? 500.0 : 0.0, 1e-6);
                break;
            case inspect::Agreement::type_differs:
                ++differs;
                EXPECT_EQ(row.first->type, old_type);
                EXPECT_NE(row.second->type, old_type);
                EXPECT_NEAR(row.distance_m, 0, 1e-6);
                break;
            case inspect::Agreement::only_first:
                ++only_first;
                EXPECT_EQ(row.first->type, dropped_type);
                break;
            case inspect::Agreement::only_second:
                ++only_second;
                EXPECT_EQ(row.finess_et, "999999999");
                break;
        }
    }
    EXPECT_EQ(both, first.size() - 2);
    EXPECT_EQ(differs, 1u);
    EXPECT_EQ(only_first, 1u);
    EXPECT_EQ(only_second, 1u);
    EXPECT_EQ(c.by_type.at(old_type).type_differs, 1u);
    // The CSV: a header, then a row per compared structure.
    EXPECT_EQ(inspect::comparison_table(c).size(), c.rows.size() + 1);
}

}  // namespace
}  // namespace palliacarte
