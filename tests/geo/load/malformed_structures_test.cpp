// Bad structure files: each problem gives its documented reason code, names the line, and the
// rest of the file still loads.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "load/commune_loader.hpp"
#include "load/filiere_csv_reader.hpp"
#include "load/structure_placement.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

class MalformedStructures : public ::testing::Test {
  protected:
    void SetUp() override {
        core::LoadReport r;
        load::CommuneLoadOptions o;
        // The demo's copy of the 92 polygons: these tests run in a clone without ../shared.
        o.source.path = test::source_dir() + "/data/demo/hauts-de-seine/communes.geojson";
        communes_ = load::load_communes(o, r).communes;
        types_ = model::StructureTypeTable::load(test::structure_types());
    }
    std::vector<model::Structure> load(const std::string& text) {
        const auto path = dir_.write("structures.csv", text);
        load::StructurePlacer placer(communes_, 2154, 15000);
        std::vector<model::Structure> out;
        load::read_filiere_csv(path, types_, placer, out, report_);
        return out;
    }
    const core::Diagnostic& first(const std::string& reason) {
        for (const auto& d : report_.entries())
            if (d.reason == reason) return d;
        throw std::runtime_error("no diagnostic " + reason);
    }
    test::ScratchDir dir_{"malformed"};
    std::vector<model::Commune> communes_;
    model::StructureTypeTable types_;
    core::LoadReport report_;
};

// Hand-made header shared by the cases below (the palliative-92.csv schema, fewer columns).
const std::string kHeader = "id,name,type,territory,lon,lat,x_l93,y_l93,intervention_communes\n";
const std::string kGood = "emsp-foch,Hôpital Foch,EMSP,Centre,,,642877.5,6863746.5,\n";

}  // namespace

TEST_F(MalformedStructures, LineWithMissingFieldsIsRejectedOthersLoad) {
    const auto out = load(kHeader + kGood + "usp-x,USP X,USP,Nord,2.24\n");
    EXPECT_EQ(out.size(), 1u);
    EXPECT_EQ(report_.count("missing_fields"), 1u);
    EXPECT_EQ(first("missing_fields").where, "ligne 3");
}

TEST_F(MalformedStructures, NonNumericCoordinatesKeepTheStructureWithoutPosition) {
    const auto out = load(kHeader + "lisp-y,LISP Y,LISP,Sud,2.25E,48.8N,,,\n");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_FALSE(out[0].position);
    EXPECT_EQ(out[0].placement,
              model::Placement::declared_area_only);  // it still has its territory
    EXPECT_EQ(report_.count("position_rejected"), 1u);
    EXPECT_NE(first("position_rejected").message.find("ne sont pas des nombres"),
              std::string::npos);
}

TEST_F(MalformedStructures, BadLambertPairWithGoodLonLatIsLocatedAndStillReported) {
    const auto out = load(kHeader + "lisp-z,LISP Z,LISP,Sud,2.2212548,48.8712097,abc,def,\n");
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].position);
    EXPECT_NEAR(out[0].position->x, 642877.5, 0.05);
    EXPECT_TRUE(out[0].position_problem.empty());       // not counted as a rejected position
    EXPECT_EQ(report_.count("position_rejected"), 1u);  // the bad pair is still reported
}

TEST_F(MalformedStructures, CoordinatesInTheSeaAreRejected) {
    // Bay of Biscay, 400 km from the Hauts-de-Seine; and a latitude out of range.
    const auto out =
        load(kHeader + "had-sea,HAD en mer,HAD,,-3.5,46.0,,,\nhad-bad,HAD,HAD,,2.2,148.8,,,\n");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_FALSE(out[0].position);
    EXPECT_FALSE(out[1].position);
    EXPECT_EQ(out[0].placement, model::Placement::unlocated);
    EXPECT_EQ(report_.count("position_rejected"), 2u);
    EXPECT_NE(first("position_rejected").message.find("en mer"), std::string::npos);
}

TEST_F(MalformedStructures, UnknownTypeCodeIsRejectedWithItsLine) {
    const auto out = load(kHeader + kGood + "xyz-1,Équipe X,EMXP,Nord,,,,,\n");
    EXPECT_EQ(out.size(), 1u);
    EXPECT_EQ(report_.count("unknown_type"), 1u);
    EXPECT_EQ(first("unknown_type").where, "ligne 3");
    EXPECT_NE(first("unknown_type").message.find("EMXP"), std::string::npos);
}

TEST_F(MalformedStructures, AliasesAndDuplicateIds) {
    const auto out = load(kHeader + kGood + "emtsp-a,Équipe A,emtsp,Sud,,,,,\n" + kGood);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].type, "EMSPT");  // the contrat's EMTSP spelling
    EXPECT_EQ(report_.count("duplicate_id"), 1u);
}

TEST_F(MalformedStructures, Latin1FileIsReadAndSaysSo) {
    const auto out =
        load(kHeader + "lisp-s,H\xF4pital de S\xE8vres,LISP,Sud,,,641412.8,6858179.4,\n");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].name, "Hôpital de Sèvres");
    EXPECT_EQ(report_.count("latin1"), 1u);
}

TEST_F(MalformedStructures, UnknownInterventionCommuneIsReported) {
    const auto out = load(kHeader + "benevoles-v,Voisins,BENEVOLES,Nord,,,,,92035;99999\n");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].intervention_communes, (std::vector<std::string>{"92035"}));
    EXPECT_EQ(report_.count("unknown_intervention_commune"), 1u);
}

TEST_F(MalformedStructures, FileWithoutIdOrTypeColumnIsADataError) {
    EXPECT_THROW(load("nom,lon,lat\nA,2.2,48.8\n"), core::DataError);
}
