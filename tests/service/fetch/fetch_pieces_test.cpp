// The pieces of `palliacarte fetch` that decide what is downloaded and kept: the manifest's plan
// per département, the row filters that cut national grids, the INSEE/Eurostat cell names.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "fetch/download_manifest.hpp"
#include "fetch/latest_resource.hpp"
#include "fetch/row_filters.hpp"
#include "load/population_grid_reader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;
using namespace palliacarte::fetch;

namespace {

const DownloadManifest& shipped() {
    static const DownloadManifest m =
        load_download_manifest(test::config("download-manifest.json"));
    return m;
}

std::vector<std::string> files(const std::vector<PlannedDownload>& plan) {
    std::vector<std::string> out;
    for (const auto& d : plan) out.push_back(d.file);
    return out;
}

}  // namespace

TEST(FetchPlan, OneCommuneFilePerDepartementAndOneRoadExtractPerRegion) {
    FetchChoice c;
    c.departements = {"2A", "2B"};
    c.with_roads = true;
    const auto plan = plan_downloads(shipped(), c);
    EXPECT_EQ(files(plan),
              (std::vector<std::string>{
                  "downloads/decoupage-administratif-6.0.0.tgz", "communes/communes-2A.geojson",
                  "communes/communes-2B.geojson", "structures/finess-etalab.csv",
                  "structures/finess-plus/finess-activites.json.gz",
                  "structures/finess-plus/finess-structures.json.gz",
                  "downloads/Filosofi2019_carreaux_200m_csv.zip", "roads/corse-latest.osm.pbf"}));
    EXPECT_EQ(plan[1].url,
              "https://geo.api.gouv.fr/departements/2A/communes?format=geojson&geometry=contour");
    // FINESS+: the dataset's API document, which names the month's file.
    EXPECT_EQ(plan[4].url, "https://www.data.gouv.fr/api/1/datasets/finess-activites-1/");
    EXPECT_FALSE(plan[4].source->resolve_title.empty());
    EXPECT_EQ(plan[7].url, "https://download.geofabrik.de/europe/france/corse-latest.osm.pbf");
    // The fixed release carries its size and checksum.
    EXPECT_EQ(plan[0].source->sha256.size(), 64u);

    c.departements = {"25", "39", "70", "90", "01"};
    c.grid = "census-1km";
    c.mirror = "http://127.0.0.1:9/";
    c.margin_km = 0;  // the départements' own regions only
    const auto p2 = plan_downloads(shipped(), c);
    EXPECT_EQ(p2.back().file, "roads/rhone-alpes-latest.osm.pbf");
    EXPECT_EQ(p2[p2.size() - 2].file, "roads/franche-comte-latest.osm.pbf");
    EXPECT_EQ(p2[0].url.rfind("http://127.0.0.1:9/registry.npmjs.org/", 0), 0u);

    c.grid = "filosofi-1km";
    EXPECT_THROW(plan_downloads(shipped(), c), core::ConfigError);
}

TEST(FetchPlan, RoadExtractsCoverTheStructureMargin) {
    // The Cantal has no HAD of its own: those within 30 km are at Brioude (43), Issoire (63)
    // and Figeac (46, in Midi-Pyrénées). Every region within the margin comes, saying why.
    FetchChoice c;
    c.departements = {"15"};
    c.with_roads = true;
    auto regions = [&] {
        std::vector<std::string> out;
        for (const auto& d : plan_downloads(shipped(), c))
            if (d.source->id == "roads") {
                std::string deps;
                for (const auto& m : d.margin_departements) deps += " " + m;
                out.push_back(d.part + (deps.empty() ? "" : ":" + deps));
            }
        return out;
    };
    EXPECT_EQ(regions(), (std::vector<std::string>{"auvergne", "languedoc-roussillon: 48",
                                                   "limousin: 19 23", "midi-pyrenees: 12 46"}));
    c.margin_km = 10;  // the Creuse is 24.9 km away
    EXPECT_EQ(regions(), (std::vector<std::string>{"auvergne", "languedoc-roussillon: 48",
                                                   "limousin: 19", "midi-pyrenees: 12 46"}));
    c.margin_km = 0;  // no structure outside the territory: its own extract
    EXPECT_EQ(regions(), (std::vector<std::string>{"auvergne"}));
    c.departements = {"2A"};  // an island: its own extract only
    c.margin_km = 100;
    EXPECT_EQ(regions(), (std::vector<std::string>{"corse"}));
}

TEST(FetchPlan, EveryDepartementHasARoadRegion) {
    for (const char* d :
         {"01", "2A", "2B", "59", "75", "92", "95", "971", "972", "973", "974", "976"}) {
        FetchChoice c;
        c.departements = {d};
        c.with_roads = true;
        EXPECT_NO_THROW(plan_downloads(shipped(), c)) << d;
    }
}

TEST(RowFilters, CommunesOfTheDepartementsAsFilosofiListsThem) {
    auto keep = rows_in_departements("lcog_geo", {"25", "2A"});
    EXPECT_TRUE(keep("idcar_200m,ind,lcog_geo\n", true));
    EXPECT_TRUE(keep("CRS3035RES200mN1,3.5,25056\n", false));
    EXPECT_TRUE(keep("CRS3035RES200mN1,3.5,\"3902525056\"\n", false));  // on the border
    EXPECT_TRUE(keep("CRS3035RES200mN1,3.5,2A004\r\n", false));
    EXPECT_FALSE(keep("CRS3035RES200mN1,3.5,39025\n", false));
    EXPECT_FALSE(keep("CRS3035RES200mN1,3.5,12505\n", false));  // 25 inside a code is not 25
    EXPECT_FALSE(keep("CRS3035RES200mN1,3.5\n", false));        // short row
    EXPECT_THROW(rows_in_departements("lcog_geo", {"25"})("a,b\n", true), core::DataError);
}

TEST(RowFilters, CellsMeetingTheTerritoryBox) {
    auto keep = cells_meeting("GRD_ID", model::Box({4000000, 2800000}, {4010000, 2810000}));
    keep("GRD_ID;T\n", true);
    EXPECT_TRUE(keep("CRS3035RES1000mN2800000E4000000;12\n", false));
    EXPECT_TRUE(keep("CRS3035RES1000mN2799500E3999500;12\n", false));   // overlaps a corner
    EXPECT_FALSE(keep("CRS3035RES1000mN2811000E4000000;12\n", false));  // beyond the top
    EXPECT_FALSE(keep("not-a-cell;12\n", false));
}

TEST(GridCellId, InseeAndEurostatNames) {
    const auto c = load::parse_grid_cell_id("CRS3035RES200mN2029800E4252400");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->x, 4252400);
    EXPECT_EQ(c->y, 2029800);
    EXPECT_EQ(c->size, 200);
    EXPECT_TRUE(load::parse_grid_cell_id("CRS3035RES1000mN2684000E4334000"));
    for (const char* bad : {"", "CRS3035RES1000mN2684000", "CRS3035RES1000N2684000E4334000",
                            "CRS2154RES1000mN1E1", "CRS3035RES1000mN2684000E4334000x"})
        EXPECT_FALSE(load::parse_grid_cell_id(bad)) << bad;
}

TEST(LatestResource, TheNewestMonthlyFileWinsAndNoMatchIsNamed) {
    const std::string api = R"({"id": "finess-activites-1", "resources": [
        {"title": "finess-activites-mensuel-202609.json.gz", "url": "https://x/09.json.gz"},
        {"title": "finess-activites-journalier-20261126.json.gz", "url": "https://x/d.json.gz"},
        {"title": "finess-activites-mensuel-202610.json.gz", "url": "https://x/10.json.gz"},
        {"title": 12}]})";
    const auto r = palliacarte::fetch::latest_resource(
        api, "^finess-activites-mensuel-[0-9]{6}\\.json\\.gz$", "https://api");
    EXPECT_EQ(r.title, "finess-activites-mensuel-202610.json.gz");
    EXPECT_EQ(r.url, "https://x/10.json.gz");
    try {
        palliacarte::fetch::latest_resource(api, "^nothing$", "https://api");
        FAIL();
    } catch (const palliacarte::core::DataError& e) {
        EXPECT_EQ(e.file(), "https://api");
    }
    EXPECT_THROW(palliacarte::fetch::latest_resource("<html>", "x", "https://api"),
                 palliacarte::core::DataError);
}
