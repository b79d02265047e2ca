#include <gtest/gtest.h>

#include <map>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {
const model::Territory& hauts_de_seine() {
    static const model::Territory t =
        load::load_territory(config::load_territory_config(test::config("hauts-de-seine.json")));
    return t;
}
}  // namespace

TEST(FiliereStructures, Palliative92Yields54Structures40Located) {
    const model::Territory& t = hauts_de_seine();
    ASSERT_EQ(t.structures.size(), 54u);
    std::size_t located = 0, without = 0;
    for (const auto& s : t.structures) (s.position ? located : without)++;
    EXPECT_EQ(located, 40u);
    EXPECT_EQ(without, 14u);
    EXPECT_EQ(t.load.report.count(core::Severity::rejected), 0u);
}

TEST(FiliereStructures, CountsPerTypeMatchTheContrat) {
    // palliative-92.md §2, "Per type × territory".
    std::map<std::string, std::size_t> by_type;
    for (const auto& s : hauts_de_seine().structures) ++by_type[s.type];
    const std::map<std::string, std::size_t> expected = {
        {"USP", 2},    {"LISP", 17}, {"EMSP", 13},     {"EMSPT", 3}, {"HAD", 4},
        {"ERRSPP", 1}, {"DAC", 3},   {"BENEVOLES", 8}, {"HDJ", 2},   {"CONSULT", 1}};
    EXPECT_EQ(by_type, expected);
}

TEST(FiliereStructures, PositionsAreLambert93AndUnlocatedKeepTheirDeclaredArea) {
    const model::Territory& t = hauts_de_seine();
    const model::Structure* foch = nullptr;
    const model::Structure* voisins = nullptr;
    for (const auto& s : t.structures) {
        if (s.id == "lisp-foch") foch = &s;
        if (s.id == "benevoles-voisins-et-soins-nord") voisins = &s;
    }
    ASSERT_TRUE(foch && voisins);
    ASSERT_TRUE(foch->position);
    EXPECT_DOUBLE_EQ(foch->position->x, 642877.5);
    EXPECT_DOUBLE_EQ(foch->position->y, 6863746.5);
    EXPECT_EQ(foch->placement, model::Placement::located);
    EXPECT_FALSE(voisins->position);
    EXPECT_EQ(voisins->placement, model::Placement::declared_area_only);
    EXPECT_EQ(voisins->intervention_communes,
              (std::vector<std::string>{"92035", "92025", "92009"}));
}

TEST(FiliereStructures, ParisHadAreKeptAndReportedOutsideTheTerritory) {
    const model::Territory& t = hauts_de_seine();
    std::size_t outside = 0;
    for (const auto& s : t.structures)
        if (s.position && s.outside_distance_m > 0) {
            ++outside;
            EXPECT_EQ(s.commune_insee, "75056") << s.id;
        }
    EXPECT_EQ(outside, 2u);  // HAD Croix Saint-Simon and HAD AP-HP, both in Paris
    EXPECT_EQ(t.load.report.count("outside_territory"), 2u);
}
