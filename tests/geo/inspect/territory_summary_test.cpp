// The inspect summary on the 92 demo: every count in it is the loaded territory's own, recounted
// here from the model (not from the summary's code).
#include "inspect/territory_summary.hpp"

#include <gtest/gtest.h>

#include <map>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

struct Loaded {
    config::TerritoryConfig config;
    model::Territory territory;
};

const Loaded& hauts_de_seine() {
    static const Loaded x = [] {
        config::TerritoryConfig c =
            config::load_territory_config(test::config("hauts-de-seine.json"));
        model::Territory t = load::load_territory(c);
        return Loaded{std::move(c), std::move(t)};
    }();
    return x;
}

TEST(TerritorySummary, CountsAreThoseOfTheLoadedTerritory) {
    const auto& [config, t] = hauts_de_seine();
    const nlohmann::json s = inspect::summarize_territory(config, t);
    EXPECT_EQ(s["territory"], t.name);
    EXPECT_EQ(s["crs"], "EPSG:" + std::to_string(t.epsg));
    ASSERT_GT(t.communes.size(), 30u);
    EXPECT_EQ(s["communes"]["count"], t.communes.size());
    double inhabitants = 0;
    std::size_t with_population = 0;
    for (const auto& c : t.communes)
        if (c.population) {
            inhabitants += static_cast<double>(*c.population);
            ++with_population;
        }
    EXPECT_GT(inhabitants, 1e6);
    EXPECT_DOUBLE_EQ(s["communes"]["population"]["total"].get<double>(), inhabitants);
    EXPECT_EQ(s["communes"]["population"]["communes_with_population"], with_population);
    EXPECT_EQ(s["structures"]["total"], t.structures.size());
    std::map<std::string, std::size_t> per_type;
    for (const auto& st : t.structures) ++per_type[st.type];
    std::size_t listed = 0;
    for (const auto& row : s["structures"]["by_type"]) {
        const std::string type = row["type"];
        EXPECT_EQ(row["total"].get<std::size_t>(), per_type[type]) << type;
        listed += row["total"].get<std::size_t>();
    }
    EXPECT_EQ(listed, t.structures.size());
    EXPECT_EQ(s["diagnostics"]["rejected"], t.load.report.count(core::Severity::rejected));
    EXPECT_EQ(s["diagnostics"]["warnings"], t.load.report.count(core::Severity::warning));
}

TEST(TerritorySummary, DiagnosticEntriesAreCappedButCountsStayWhole) {
    const auto& [config, t] = hauts_de_seine();
    const std::size_t all = t.load.report.entries().size();
    ASSERT_GT(all, 1u) << "the 92 demo records diagnostics (structures without a position…)";
    const nlohmann::json s = inspect::summarize_territory(config, t, 1);
    EXPECT_EQ(s["diagnostics"]["entries"].size(), 1u);
    EXPECT_EQ(s["diagnostics"]["rejected"].get<std::size_t>() +
                  s["diagnostics"]["warnings"].get<std::size_t>() +
                  s["diagnostics"]["info"].get<std::size_t>(),
              all);
}

}  // namespace
}  // namespace palliacarte
