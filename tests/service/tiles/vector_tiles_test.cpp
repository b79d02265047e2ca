// OGC API – Tiles on the Hauts-de-Seine demo, in process: tiles read back by GDAL's MVT driver
// (an independent decoder) carry the collection's features with their attributes; tileset
// documents link to the tile template; tiles outside the grid are 400, point collections 404.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "served_demo.hpp"

namespace palliacarte::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The tile z/y/x of a collection, written as DIR/z/x/y.pbf (GDAL takes the tile's place from
// the path) and opened with GDAL's MVT driver.
GDALDatasetUniquePtr open_tile(const std::string& collection, int z, int y, int x,
                               const fs::path& dir,
                               const std::map<std::string, std::string>& query = {}) {
    const auto r = call("GET",
                        "/collections/" + collection + "/tiles/WebMercatorQuad/" +
                            std::to_string(z) + "/" + std::to_string(y) + "/" + std::to_string(x),
                        query);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/vnd.mapbox-vector-tile");
    if (r.body.empty()) return nullptr;  // no feature there: an empty tile
    const fs::path file =
        dir / std::to_string(z) / std::to_string(x) / (std::to_string(y) + ".pbf");
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << r.body;
    GDALAllRegister();
    const char* drivers[] = {"MVT", nullptr};
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
    EXPECT_TRUE(ds) << "GDAL cannot read " << file;
    return ds;
}

TEST(VectorTiles, GdalReadsTheCommunesWithTheirAttributes) {
    const fs::path dir = fs::temp_directory_path() / "palliacarte-tiles-test";
    fs::remove_all(dir);
    // The tiles covering the 92's extent at zoom 11.
    const int z = 11;
    const auto bbox = json::parse(
        call("GET", "/collections/communes_coverage").body)["extent"]["spatial"]["bbox"][0];
    auto column = [](double lon) {
        return static_cast<int>(std::floor((lon + 180) / 360 * (1 << z)));
    };
    auto row = [](double lat) {
        const double r = lat * M_PI / 180;
        return static_cast<int>(std::floor((1 - std::asinh(std::tan(r)) / M_PI) / 2 * (1 << z)));
    };
    std::map<std::pair<std::string, std::string>, json> expected;  // (insee, type) → properties
    const auto items =
        json::parse(call("GET", "/collections/communes_coverage/items", {{"limit", "10000"}}).body);
    for (const auto& f : items["features"])
        expected[{f["properties"]["insee"], f["properties"]["type"]}] = f["properties"];
    std::set<std::pair<std::string, std::string>> seen;
    int tiles_read = 0;
    for (int y = row(bbox[3].get<double>()); y <= row(bbox[1].get<double>()); ++y)
        for (int x = column(bbox[0].get<double>()); x <= column(bbox[2].get<double>()); ++x) {
            const auto ds = open_tile("communes_coverage", z, y, x, dir);
            if (!ds) continue;  // a tile of the box holding none of the 92
            ++tiles_read;
            OGRLayer* layer = ds->GetLayerByName("communes_coverage");
            ASSERT_NE(layer, nullptr);
            for (auto& feature : *layer) {
                const std::string insee = feature->GetFieldAsString("insee");
                const std::string type = feature->GetFieldAsString("type");
                const auto it = expected.find({insee, type});
                ASSERT_NE(it, expected.end()) << insee << " " << type;
                const json& p = it->second;
                EXPECT_EQ(feature->GetFieldAsString("status"), p["status"].get<std::string>());
                EXPECT_EQ(feature->GetFieldAsString("name"), p["name"].get<std::string>());
                EXPECT_DOUBLE_EQ(feature->GetFieldAsDouble("share_population_within"),
                                 p["share_population_within"].get<double>());
                EXPECT_EQ(feature->GetFieldAsInteger64("population"),
                          p["population"].get<std::int64_t>());
                const OGRGeometry* g = feature->GetGeometryRef();
                ASSERT_NE(g, nullptr);
                EXPECT_EQ(wkbFlatten(g->getGeometryType()) == wkbPolygon ||
                              wkbFlatten(g->getGeometryType()) == wkbMultiPolygon,
                          true);
                seen.insert(it->first);
            }
        }
    // Every commune of every type is in at least one of the tiles.
    EXPECT_GE(tiles_read, 2);
    EXPECT_EQ(seen.size(), expected.size());
    fs::remove_all(dir);
}

TEST(VectorTiles, AQueryKeepsOneTypeAndTheFieldsAsked) {
    // What the web map asks: one type's communes, the fields that colour them.
    const fs::path dir = fs::temp_directory_path() / "palliacarte-tiles-query-test";
    fs::remove_all(dir);
    std::set<std::string> communes;
    for (const int y : {87, 88}) {  // the two zoom-8 tiles holding the 92
        const auto ds = open_tile("communes_coverage", 8, y, 129, dir,
                                  {{"type", "EMSP"}, {"properties", "insee,status"}});
        ASSERT_TRUE(ds);
        OGRLayer* layer = ds->GetLayerByName("communes_coverage");
        ASSERT_NE(layer, nullptr);
        std::set<std::string> fields;
        for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i)
            fields.insert(layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
        EXPECT_EQ(fields, (std::set<std::string>{"mvt_id", "insee", "status"}));  // GDAL's id
        std::set<std::string> here;
        std::size_t features = 0;
        for (auto& feature : *layer) {
            here.insert(feature->GetFieldAsString("insee"));
            ++features;
        }
        EXPECT_EQ(features, here.size()) << "one feature per commune: only the EMSP ones";
        communes.insert(here.begin(), here.end());
    }
    EXPECT_EQ(communes.size(), 36u);
    fs::remove_all(dir);
}

TEST(VectorTiles, TilesetDocumentsLinkToTheTiles) {
    const auto collection = json::parse(call("GET", "/collections/communes_coverage").body);
    bool linked = false;
    for (const auto& l : collection["links"])
        linked = linked || l["rel"] == "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    EXPECT_TRUE(linked);
    const auto points = json::parse(call("GET", "/collections/structures").body);
    for (const auto& l : points["links"])  // (a named document: the loop outlives it)
        EXPECT_NE(l["rel"], "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
    const auto tileset =
        json::parse(call("GET", "/collections/communes_coverage/tiles/WebMercatorQuad").body);
    EXPECT_EQ(tileset["dataType"], "vector");
    bool item = false;
    for (const auto& l : tileset["links"])
        item =
            item || (l["rel"] == "item" && l["href"] ==
                                               "http://test/collections/communes_coverage/tiles/"
                                               "WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
    EXPECT_TRUE(item);
    const auto matrices = json::parse(call("GET", "/tileMatrixSets/WebMercatorQuad").body);
    ASSERT_EQ(matrices["tileMatrices"].size(), 19u);
    EXPECT_EQ(matrices["tileMatrices"][10]["matrixWidth"], 1024);
    const auto conformance = call("GET", "/conformance").body;
    EXPECT_NE(conformance.find("ogcapi-tiles-1/1.0/conf/mvt"), std::string::npos);
}

TEST(VectorTiles, BadTilesAreRefused) {
    const std::string base = "/collections/communes_coverage/tiles/";
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/19/0/0").status, 400);   // beyond zoom 18
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/8/256/0").status, 400);  // row outside
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/8/0/-1").status, 400);
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/08/1/1").status, 400);  // not canonical
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/8/x/1").status, 400);
    EXPECT_EQ(call("GET", base + "WorldCRS84Quad/8/1/1").status, 404);
    EXPECT_EQ(call("GET", "/collections/structures/tiles/WebMercatorQuad/8/1/1").status, 404);
    EXPECT_EQ(call("GET", "/collections/nothing/tiles").status, 404);
    // Paging and boxes have no meaning for a tile; an unknown property is a mistake.
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/10/351/518", {{"limit", "5"}}).status, 400);
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/10/351/518", {{"typ", "EMSP"}}).status, 400);
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/10/351/518", {{"properties", "nope"}}).status,
              400);
    // A tile is an MVT: another format asked for is refused, the MVT itself is served.
    const auto as_json = call("GET", base + "WebMercatorQuad/10/351/518", {{"f", "json"}});
    EXPECT_EQ(as_json.status, 400);
    EXPECT_NE(as_json.body.find("f=mvt"), std::string::npos) << as_json.body;
    EXPECT_EQ(call("GET", base + "WebMercatorQuad/10/351/518", {{"f", "mvt"}}).status, 200);
    // Far from the 92: a valid, empty tile.
    const auto empty = call("GET", base + "WebMercatorQuad/10/0/0");
    EXPECT_EQ(empty.status, 200);
    EXPECT_TRUE(empty.body.empty());
}

}  // namespace
}  // namespace palliacarte::test
