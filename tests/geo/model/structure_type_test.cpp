// The structure type table as shipped (data/structure-types.json) and as a planner may spell
// the codes; the département names.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "model/departement_names.hpp"
#include "model/structure_type.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

TEST(StructureTypeTable, FindsCodesAndAliasesWhateverTheCaseAndAccents) {
    const auto table = model::StructureTypeTable::load(test::structure_types());
    ASSERT_NE(table.find("EMTSP"), nullptr);
    EXPECT_EQ(table.find("EMTSP")->code, "EMSPT");
    ASSERT_NE(table.find("bénévoles"), nullptr);
    EXPECT_EQ(table.find("bénévoles")->code, "BENEVOLES");
    EXPECT_EQ(table.find("Benevole")->code, "BENEVOLES");
    EXPECT_EQ(table.find("had")->code, "HAD");
    EXPECT_EQ(table.find("NOPE"), nullptr);
}

TEST(StructureTypeTable, DirectionsAndThresholdsAreTheDomainOnes) {
    const auto table = model::StructureTypeTable::load(test::structure_types());
    EXPECT_EQ(table.find("USP")->direction, model::TravelDirection::patient_travels);
    EXPECT_EQ(table.find("EMSP")->direction, model::TravelDirection::to_patient);
    EXPECT_EQ(table.find("EMSP")->default_threshold_min, 30);
    EXPECT_EQ(table.find("DAC")->direction, model::TravelDirection::none);
    EXPECT_FALSE(table.find("DAC")->default_threshold_min);
}

TEST(StructureTypeTable, ABadTableNamesItsFile) {
    try {
        model::StructureTypeTable::from_json_text(R"({"types": [{"label": "sans code"}]})",
                                                  "mes-types.json");
        FAIL() << "accepted a type without code";
    } catch (const core::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("mes-types.json"), std::string::npos) << e.what();
    }
}

TEST(DepartementNames, CodeAndName) {
    EXPECT_EQ(model::departement_label("2A"), "2A Corse-du-Sud");
    EXPECT_EQ(model::departement_label("25"), "25 Doubs");
    EXPECT_EQ(model::departement_label("974"), "974 La Réunion");
    EXPECT_EQ(model::departement_label("XX"), "XX");
}

}  // namespace
}  // namespace palliacarte
