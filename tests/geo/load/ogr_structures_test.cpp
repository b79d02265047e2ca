#include "load/ogr_structure_reader.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "load/commune_loader.hpp"
#include "load/structure_placement.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {
// Hand-made point layer (WGS84) with its own column names: two EMSP at real FINESS positions
// (Foch, Béclère), a line where a point is expected, and an unknown type.
const char* kLayer = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"identifiant":"a","libelle":"Foch","categorie":"EMSP","zone":""},"geometry":{"type":"Point","coordinates":[2.2212548,48.8712097]}},
 {"type":"Feature","properties":{"identifiant":"b","libelle":"Béclère","categorie":"emsp","zone":"92023;92007"},"geometry":{"type":"Point","coordinates":[2.2537222,48.7898731]}},
 {"type":"Feature","properties":{"identifiant":"c","libelle":"Ligne","categorie":"HAD","zone":""},"geometry":{"type":"LineString","coordinates":[[2.2,48.8],[2.3,48.9]]}},
 {"type":"Feature","properties":{"identifiant":"d","libelle":"Inconnu","categorie":"XYZ","zone":""},"geometry":{"type":"Point","coordinates":[2.2,48.8]}}]})";
}  // namespace

TEST(OgrStructures, PointLayerWithColumnMapping) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    load::CommuneLoadOptions o;
    o.source.path = test::data("communes/france-geojson/communes-92-hauts-de-seine.geojson");
    const auto communes = load::load_communes(o, report).communes;
    test::ScratchDir dir("ogr-structures");
    const auto path = dir.write("equipes.geojson", kLayer);
    config::StructureSourceConfig config;
    config.format = config::StructureFormat::ogr;
    config.fields = {{"id", "identifiant"},
                     {"name", "libelle"},
                     {"type", "categorie"},
                     {"intervention_communes", "zone"}};
    load::StructurePlacer placer(communes, 2154, 15000);
    std::vector<model::Structure> out;
    load::read_ogr_structures(config, path,
                              model::StructureTypeTable::load(test::structure_types()), placer, out,
                              report);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].name, "Foch");
    ASSERT_TRUE(out[0].position);
    EXPECT_NEAR(out[0].position->x, 642877.5, 0.05);  // the FINESS Lambert-93 point
    EXPECT_NEAR(out[0].position->y, 6863746.5, 0.05);
    EXPECT_EQ(out[1].type, "EMSP");
    EXPECT_EQ(out[1].intervention_communes, (std::vector<std::string>{"92023", "92007"}));
    EXPECT_FALSE(out[2].position);
    EXPECT_EQ(out[2].position_problem, "geometry is not a point");
    EXPECT_EQ(report.count("unknown_type"), 1u);

    config.fields["type"] = "absent_column";  // a configuration error: exit code 2
    EXPECT_THROW(load::read_ogr_structures(config, path,
                                           model::StructureTypeTable::load(test::structure_types()),
                                           placer, out, report),
                 core::ConfigError);
}
