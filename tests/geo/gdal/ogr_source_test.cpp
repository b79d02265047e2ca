// Opening vector data through the GDAL fence: compressed files through GDAL's virtual file
// systems, the layer's CRS and fields, and GDAL's failures as our French messages naming the
// file. On the shipped demo data (data/demo/), counted here again with GDAL's own calls.
#include "gdal/ogr_source.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/errors.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

std::string demo(const std::string& relative) {
    return test::source_dir() + "/data/demo/" + relative;
}

std::string error_of(const std::string& path, const std::string& layer = "") {
    try {
        gdal::open_vector_layer(path, layer);
    } catch (const core::DataError& e) {
        return e.what();
    }
    return "";
}

TEST(OgrSource, CompressedFilesOpenThroughGdalVirtualFileSystems) {
    EXPECT_EQ(gdal::gdal_virtual_path("/a/roads.fgb.gz"), "/vsigzip//a/roads.fgb.gz");
    EXPECT_EQ(gdal::gdal_virtual_path("/a/COMMUNE.SHP.ZIP"), "/vsizip//a/COMMUNE.SHP.ZIP");
    EXPECT_EQ(gdal::gdal_virtual_path("/vsizip//a/b.zip/c.shp"), "/vsizip//a/b.zip/c.shp");
    EXPECT_EQ(gdal::gdal_virtual_path("/a/communes.geojson"), "/a/communes.geojson");

    const gdal::OgrSource roads = gdal::open_vector_layer(demo("corse/roads.fgb.gz"));
    ASSERT_NE(roads.layer, nullptr);
    EXPECT_EQ(gdal::layer_crs(roads.layer), "EPSG:2154");
    // Every feature is read through the gzip stream, as many as the layer says it has.
    const GIntBig declared = roads.layer->GetFeatureCount(TRUE);
    GIntBig read = 0;
    roads.layer->ResetReading();
    for (auto& f : *roads.layer) read += f != nullptr;
    EXPECT_GT(read, 10000);
    EXPECT_EQ(read, declared);
}

TEST(OgrSource, FieldsAreFoundWhateverTheirCaseAndCodesKeepTheirZeros) {
    const gdal::OgrSource communes = gdal::open_vector_layer(demo("corse/communes.geojson"));
    OGRFeatureDefn* defn = communes.layer->GetLayerDefn();
    const auto code = gdal::find_field(defn, {"insee_com", "CODE", "codgeo"});
    ASSERT_TRUE(code);
    EXPECT_EQ(std::string(defn->GetFieldDefn(*code)->GetNameRef()), "code");
    EXPECT_EQ(gdal::find_field(defn, std::string("NOM")), gdal::find_field(defn, {"nom"}));
    EXPECT_FALSE(gdal::find_field(defn, {"population_municipale"}));
    std::set<std::string> codes;
    communes.layer->ResetReading();
    for (auto& f : *communes.layer) codes.insert(gdal::field_text(*f, *code));
    EXPECT_EQ(codes.size(), static_cast<std::size_t>(communes.layer->GetFeatureCount()));
    EXPECT_TRUE(codes.count("2A004")) << "Ajaccio, a Corsican code with a letter";
    for (const auto& c : codes) EXPECT_EQ(c.size(), 5u) << c;
}

TEST(OgrSource, FailuresAreFrenchMessagesNamingTheFile) {
    const std::string missing = demo("corse/absent.geojson");
    EXPECT_NE(error_of(missing).find(missing), std::string::npos);
    EXPECT_NE(error_of(missing).find("fichier introuvable"), std::string::npos);

    test::ScratchDir dir("ogr-source");
    const std::string garbage =
        dir.write("communes.geojson", "{\"type\": \"FeatureCollection\", [");
    const std::string what = error_of(garbage);
    EXPECT_NE(what.find(garbage), std::string::npos) << what;
    EXPECT_NE(what.find("illisible"), std::string::npos) << what;

    const std::string wrong_layer = error_of(demo("corse/communes.geojson"), "routes");
    EXPECT_NE(wrong_layer.find("pas de couche « routes »"), std::string::npos) << wrong_layer;
    EXPECT_NE(wrong_layer.find("couches : "), std::string::npos) << wrong_layer;
}

}  // namespace
}  // namespace palliacarte
