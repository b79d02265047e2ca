// OGC API – Features on the Hauts-de-Seine demo, in process (no socket): documents, paging,
// bbox against an independent check, property filters, CRSs, and every error a client can cause.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "served_demo.hpp"

using namespace palliacarte;
using nlohmann::json;

namespace {

const serve::ServedDataset& demo() {
    return test::served_demo();
}

http::HttpResponse get(const std::string& path, std::map<std::string, std::string> query = {},
                       std::map<std::string, std::string> headers = {}) {
    return test::call("GET", path, std::move(query), std::move(headers));
}

json get_json(const std::string& path, std::map<std::string, std::string> query = {}) {
    const auto r = get(path, std::move(query));
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return json::parse(r.body);
}

bool has_link(const json& doc, const std::string& rel, const std::string& type) {
    for (const auto& l : doc["links"])
        if (l["rel"] == rel && l["type"] == type) return true;
    return false;
}

// Longitude/latitude bounds of a served MultiPolygon feature.
std::array<double, 4> bounds(const json& feature) {
    std::array<double, 4> b{1e9, 1e9, -1e9, -1e9};
    for (const auto& poly : feature["geometry"]["coordinates"])
        for (const auto& ring : poly)
            for (const auto& p : ring) {
                b = {std::min(b[0], p[0].get<double>()), std::min(b[1], p[1].get<double>()),
                     std::max(b[2], p[0].get<double>()), std::max(b[3], p[1].get<double>())};
            }
    return b;
}

}  // namespace

TEST(OgcApi, LandingConformanceAndOpenApiHaveWhatQgisNeeds) {
    const json landing = get_json("/");
    EXPECT_TRUE(has_link(landing, "service-desc", "application/vnd.oai.openapi+json;version=3.0"));
    EXPECT_TRUE(has_link(landing, "data", "application/json"));
    EXPECT_TRUE(has_link(landing, "conformance", "application/json"));
    // What the served analysis rests on: the sources and their vintages, and no credit to
    // OpenStreetMap for a crow-fly analysis.
    EXPECT_EQ(landing["metadata"]["config"], "hauts-de-seine.json");
    EXPECT_EQ(landing["metadata"]["time_model"]["method"], "crow_fly");
    bool grid_vintage = false;
    for (const auto& s : landing["metadata"]["sources"])
        grid_vintage |= s["role"] == "population_grid" &&
                        s["vintage"] == "Eurostat, recensement 2021, grille 1 km";
    EXPECT_TRUE(grid_vintage) << landing["metadata"].dump();
    EXPECT_EQ(landing["description"].get<std::string>().find("OpenStreetMap"), std::string::npos);
    EXPECT_NE(landing["description"].get<std::string>().find("Sources :"), std::string::npos);
    const json conf = get_json("/conformance");
    EXPECT_NE(conf["conformsTo"].dump().find("ogcapi-features-1/1.0/conf/core"), std::string::npos);
    EXPECT_NE(conf["conformsTo"].dump().find("ogcapi-features-2/1.0/conf/crs"), std::string::npos);
    const json api = get_json("/api");
    EXPECT_EQ(api["openapi"], "3.0.3");
    EXPECT_TRUE(api["paths"].contains("/collections/communes/items"));
    EXPECT_TRUE(api["paths"].contains("/collections/white_zones/items/{featureId}"));
}

TEST(OgcApi, CollectionsListEveryLayerWithItsCrsAndExtent) {
    const json doc = get_json("/collections");
    std::set<std::string> ids;
    for (const auto& c : doc["collections"]) {
        ids.insert(c["id"]);
        EXPECT_EQ(c["storageCrs"], "http://www.opengis.net/def/crs/EPSG/0/2154");
        EXPECT_EQ(c["crs"].size(), 3u);
        // Every collection, empty ones included (the territory's extent then), has an extent
        // and links to its schema, which GDAL and QGIS read for the types and geometry.
        EXPECT_TRUE(has_link(c, "describedby", "application/schema+json")) << c["id"];
        EXPECT_TRUE(has_link(c, "describedBy", "application/xml")) << c["id"];
        EXPECT_TRUE(
            has_link(c, "http://www.opengis.net/def/rel/ogc/1.0/schema", "application/schema+json"))
            << c["id"];
        ASSERT_TRUE(c.contains("extent")) << c["id"];
        const auto bbox = c["extent"]["spatial"]["bbox"][0];
        EXPECT_GT(bbox[0].get<double>(), 2.0);  // the 92 lies around 2.15–2.34 °E
        EXPECT_LT(bbox[2].get<double>(), 2.4);
    }
    for (const char* id : {"communes", "communes_coverage", "structures", "catchments",
                           "white_zones", "territories", "candidate_sites"})
        EXPECT_TRUE(ids.count(id)) << id;
    const auto& d = demo();
    EXPECT_EQ(d.ogc->collection("communes")->size(), d.territory.communes.size());
}

TEST(OgcApi, ItemsPageThroughTheWholeLayer) {
    const std::size_t n = demo().ogc->collection("communes_coverage")->size();
    std::set<int> seen;
    std::size_t offset = 0;
    while (true) {
        const json page = get_json("/collections/communes_coverage/items",
                                   {{"limit", "50"}, {"offset", std::to_string(offset)}});
        EXPECT_EQ(page["numberMatched"], n);
        EXPECT_EQ(page["numberReturned"], page["features"].size());
        for (const auto& f : page["features"]) seen.insert(f["id"].get<int>());
        if (!has_link(page, "next", "application/geo+json")) break;
        offset += 50;
    }
    EXPECT_EQ(seen.size(), n);  // every feature once
    const json beyond = get_json("/collections/communes/items", {{"offset", "1000"}});
    EXPECT_EQ(beyond["numberReturned"], 0);
    EXPECT_TRUE(has_link(beyond, "prev", "application/geo+json"));
}

TEST(OgcApi, BboxSelectsExactlyTheCommunesWhoseBoundsOverlapIt) {
    // A box around the middle of the 92; independent check on the served coordinates.
    const std::array<double, 4> box{2.22, 48.82, 2.26, 48.86};
    const json all = get_json("/collections/communes/items");
    const json hit = get_json("/collections/communes/items", {{"bbox", "2.22,48.82,2.26,48.86"}});
    std::set<std::string> inside;
    for (const auto& f : hit["features"]) inside.insert(f["properties"]["insee"]);
    EXPECT_GT(inside.size(), 0u);
    EXPECT_LT(inside.size(), all["features"].size());
    for (const auto& f : all["features"]) {
        const auto b = bounds(f);
        const bool apart = b[2] < box[0] || b[0] > box[2] || b[3] < box[1] || b[1] > box[3];
        if (apart) {
            EXPECT_FALSE(inside.count(f["properties"]["insee"])) << f["properties"]["insee"];
        }
    }
    // The same box in Lambert-93 and latitude-first EPSG:4326 selects the same communes.
    const json l93 = get_json("/collections/communes/items",
                              {{"bbox", "645000,6855000,648000,6858000"},
                               {"bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/2154"}});
    EXPECT_GT(l93["numberMatched"].get<int>(), 0);
    const json latlon = get_json("/collections/communes/items",
                                 {{"bbox", "48.82,2.22,48.86,2.26"},
                                  {"bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/4326"}});
    EXPECT_EQ(latlon["numberMatched"], hit["numberMatched"]);
}

TEST(OgcApi, PropertyFiltersAndSelection) {
    const json emsp =
        get_json("/collections/communes_coverage/items", {{"type", "EMSP"}, {"limit", "1000"}});
    EXPECT_EQ(emsp["numberMatched"], demo().territory.communes.size());
    for (const auto& f : emsp["features"]) EXPECT_EQ(f["properties"]["type"], "EMSP");
    const json one =
        get_json("/collections/communes/items", {{"insee", "92012"}, {"properties", "insee,name"}});
    ASSERT_EQ(one["numberMatched"], 1);
    EXPECT_EQ(one["features"][0]["properties"].size(), 2u);
    EXPECT_EQ(one["features"][0]["properties"]["name"], "Boulogne-Billancourt");
    const json pop =
        get_json("/collections/communes/items",
                 {{"population", std::to_string(*demo().territory.communes[0].population)}});
    EXPECT_GE(pop["numberMatched"].get<int>(), 1);
}

TEST(OgcApi, CrsParameterChangesCoordinatesAndHeader) {
    const auto l93 = get("/collections/communes/items/1",
                         {{"crs", "http://www.opengis.net/def/crs/EPSG/0/2154"}});
    ASSERT_EQ(l93.status, 200);
    const json f = json::parse(l93.body);
    const double x = f["geometry"]["coordinates"][0][0][0][0];
    EXPECT_GT(x, 600000);  // Lambert-93 metres
    bool header = false;
    for (const auto& [k, v] : l93.headers)
        header |= k == "Content-Crs" && v == "<http://www.opengis.net/def/crs/EPSG/0/2154>";
    EXPECT_TRUE(header);
    const json latlon = get_json("/collections/communes/items/1",
                                 {{"crs", "http://www.opengis.net/def/crs/EPSG/0/4326"}});
    EXPECT_GT(latlon["geometry"]["coordinates"][0][0][0][0].get<double>(), 48);  // latitude first
}

TEST(OgcApi, BadRequestsGetTheRightStatusNamingTheParameter) {
    struct Case {
        std::string path;
        std::map<std::string, std::string> query;
        int status;
        std::string mentions;
    };
    const std::vector<Case> cases = {
        {"/collections/communes/items", {{"limit", "0"}}, 400, "limit"},
        {"/collections/communes/items", {{"limit", "ten"}}, 400, "limit"},
        {"/collections/communes/items", {{"offset", "-1"}}, 400, "offset"},
        {"/collections/communes/items", {{"bbox", "1,2,3"}}, 400, "bbox"},
        {"/collections/communes/items", {{"bbox", "3,2,1,4"}}, 400, "bbox"},
        {"/collections/communes/items", {{"bbox", "2,100,3,101"}}, 400, "bbox"},
        {"/collections/communes/items", {{"crs", "EPSG:3857"}}, 400, "crs"},
        {"/collections/communes/items", {{"population", "many"}}, 400, "population"},
        {"/collections/communes/items", {{"colour", "red"}}, 400, "colour"},
        {"/collections/communes/items", {{"properties", "insee,nope"}}, 400, "nope"},
        {"/collections/communes/items", {{"f", "xml"}}, 400, "f"},
        {"/collections/communes/items/1", {{"limit", "1"}}, 400, "limit"},
        {"/collections/nope/items", {}, 404, "nope"},
        {"/collections/communes/items/0", {}, 404, "0"},
        {"/collections/communes/items/abc", {}, 404, "abc"},
        // Only the canonical id: "01" and "+1" are not feature 1.
        {"/collections/communes/items/01", {}, 404, "01"},
        {"/collections/communes/items/001", {}, 404, "001"},
        {"/collections/communes/items/+1", {}, 404, "+1"},
        {"/elsewhere", {}, 404, "/elsewhere"},
    };
    for (const auto& c : cases) {
        const auto r = get(c.path, c.query);
        EXPECT_EQ(r.status, c.status) << c.path << " " << json(c.query).dump();
        EXPECT_EQ(r.content_type, "application/problem+json");
        const json p = json::parse(r.body);
        EXPECT_EQ(p["status"], c.status);
        EXPECT_NE(p["detail"].get<std::string>().find(c.mentions), std::string::npos) << p.dump();
        // Read by French planners: no English left in the detail.
        for (const char* english : {" is ", " not ", " must ", " the ", " no ", "unknown", "(see "})
            EXPECT_EQ(p["detail"].get<std::string>().find(english), std::string::npos) << p.dump();
    }
}

TEST(OgcApi, HtmlForBrowsersAndEtagsPerRepresentation) {
    const auto html = get("/collections/communes/items", {{"limit", "3"}},
                          {{"accept", "text/html,application/xhtml+xml"}});
    EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
    EXPECT_NE(html.body.find("<table>"), std::string::npos);
    EXPECT_NE(html.body.find("Antony"), std::string::npos);
    const auto js = get("/collections/communes/items", {{"limit", "3"}});
    EXPECT_FALSE(js.etag.empty());
    EXPECT_NE(js.etag, html.etag);
    EXPECT_EQ(js.etag, get("/collections/communes/items", {{"limit", "3"}}).etag);
    EXPECT_NE(js.etag, get("/collections/communes/items", {{"limit", "4"}}).etag);
}

// OGC API – Features 1.0.1: a limit above the server's maximum is served at the maximum, not
// refused; one too large for any integer too.
TEST(OgcApi, LimitAboveTheMaximumIsClamped) {
    for (const std::string limit : {"10001", "250000", "99999999999999999999999"}) {
        const json doc = get_json("/collections/communes_coverage/items", {{"limit", limit}});
        EXPECT_EQ(doc["numberReturned"], 216) << limit;
        EXPECT_EQ(doc["numberMatched"], 216) << limit;
    }
    EXPECT_EQ(get_json("/collections/communes/items/1")["id"], 1);
}

// The schema of each collection: every field with its JSON type and French title, in layer
// order, and its geometry — also for a collection with no feature (the 92 has no white zone).
TEST(OgcApi, SchemaGivesEveryFieldTypeTitleAndGeometryEvenWhenEmpty) {
    for (const auto& c : demo().ogc->collections()) {
        const auto r = get("/collections/" + c.id() + "/schema");
        ASSERT_EQ(r.status, 200) << c.id();
        EXPECT_EQ(r.content_type, "application/schema+json");
        const json s = json::parse(r.body);
        const auto& props = s["properties"];
        ASSERT_EQ(props.size(), c.layer().fields.size() + 1) << c.id();
        EXPECT_EQ(props["geometry"]["format"], c.layer().kind == model::GeometryKind::point
                                                   ? "geometry-point"
                                                   : "geometry-multipolygon");
        int seq = 0;
        for (const auto& f : c.layer().fields) {
            const json& p = props[f.name];
            EXPECT_EQ(p["x-ogc-propertySeq"], ++seq) << f.name;
            EXPECT_EQ(p["title"], f.alias) << f.name;
            const char* type = f.type == model::FieldType::real      ? "number"
                               : f.type == model::FieldType::integer ? "integer"
                               : f.type == model::FieldType::boolean ? "boolean"
                                                                     : "string";
            EXPECT_EQ(p["type"], type) << c.id() << "." << f.name;
        }
        const auto xml = get("/collections/" + c.id() + "/schema", {{"f", "xml"}});
        EXPECT_EQ(xml.content_type, "application/xml");
        for (const auto& f : c.layer().fields)
            EXPECT_NE(xml.body.find("name=\"" + f.name + "\""), std::string::npos) << f.name;
    }
    EXPECT_EQ(demo().ogc->collection("white_zones")->size(), 0u);  // the case that matters
}

// Reals are written as reals, also when whole ("100.0"): a client guessing types from the
// values it sees must never take a real field for an integer one.
TEST(OgcApi, RealFieldsAreAlwaysWrittenWithADecimalPoint) {
    const json doc = get_json("/collections/communes_coverage/items", {{"limit", "1000"}});
    const model::Layer& layer = demo().ogc->collection("communes_coverage")->layer();
    const auto body = get("/collections/communes_coverage/items", {{"limit", "1000"}}).body;
    std::size_t whole = 0;
    for (const auto& f : layer.fields) {
        if (f.type != model::FieldType::real) continue;
        for (const auto& feature : doc["features"]) {
            const json& v = feature["properties"][f.name];
            if (v.is_null()) continue;
            EXPECT_TRUE(v.is_number_float()) << f.name << " = " << v.dump();
            whole += v.get<double>() == std::floor(v.get<double>());
        }
    }
    EXPECT_GT(whole, 100u);  // threshold_min 30.0, shares of 100.0 …
    EXPECT_NE(body.find("\"threshold_min\":30.0"), std::string::npos);
}

// Browsing in HTML: pages link to the next page in HTML, columns follow the layer (code INSEE
// and name first) under their French labels, /collections is a table.
TEST(OgcApi, HtmlPagesCanBeBrowsed) {
    const auto page = get("/collections/communes_coverage/items",
                          {{"limit", "5"}, {"offset", "5"}, {"f", "html"}});
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("offset=10\">Page suivante"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("f=html&amp;limit=5&amp;offset=10"), std::string::npos);
    EXPECT_NE(page.body.find("f=html&amp;limit=5&amp;offset=0"), std::string::npos);
    const auto insee = page.body.find(">Code INSEE</th>");
    const auto name = page.body.find(">Commune</th>");
    const auto status = page.body.find(">Statut</th>");
    ASSERT_NE(insee, std::string::npos) << page.body.substr(0, 3000);
    EXPECT_LT(insee, name);
    EXPECT_LT(name, status);
    // Each row links to its feature's page; member names are in French.
    EXPECT_NE(page.body.find("/collections/communes_coverage/items/6?f=html\">6</a>"),
              std::string::npos);
    EXPECT_NE(page.body.find("<dt>Objets trouvés</dt>"), std::string::npos);
    // JSON pages page in JSON.
    const json js = get_json("/collections/communes_coverage/items", {{"limit", "5"}});
    EXPECT_TRUE(has_link(js, "next", "application/geo+json"));
    EXPECT_FALSE(has_link(js, "next", "text/html"));
    const auto list = get("/collections", {{"f", "html"}});
    EXPECT_NE(list.body.find("<th>Couche</th>"), std::string::npos);
    EXPECT_NE(list.body.find(">Zones blanches</a>"), std::string::npos) << list.body;
    const auto one = get("/collections/communes/items/1", {{"f", "html"}});
    EXPECT_NE(one.body.find(">Code INSEE</th><td>"), std::string::npos) << one.body;
}

// Path parameters may only have the "simple" style (OpenAPI 3.0 §4.7.12.4); the whole document
// is checked by an OpenAPI validator in CI (tests/tools/validate_openapi.js).
TEST(OgcApi, OpenApiPathParametersHaveNoQueryStyle) {
    const json api = get_json("/api");
    std::size_t path_params = 0;
    for (const auto& [path, item] : api["paths"].items())
        for (const auto& [method, op] : item.items())
            for (const auto& p : op.value("parameters", json::array()))
                if (p["in"] == "path") {
                    ++path_params;
                    EXPECT_FALSE(p.contains("style") && p["style"] != "simple") << path;
                    EXPECT_EQ(p["required"], true) << path;
                }
    EXPECT_GE(path_params, 8u);  // featureId of each of the 7 collections, insee
}
