// End-to-end: `palliacarte serve` on the Hauts-de-Seine demo, on a free loopback port, read by
// real clients — GDAL's OAPIF driver (ogrinfo, ogr2ogr through paging) and QGIS's own oapif
// provider (headless PyQGIS) — plus the HTTP behaviour browsers and caches rely on, checked
// with curl, and a clean stop on SIGTERM.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "child_process.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

using palliacarte::test::shell;

namespace {

// `palliacarte serve` as a child process; its first stdout line names the port it listens on.
class Server {
  public:
    Server()
        : process_({PALLIACARTE_BINARY, "serve", palliacarte::test::config("hauts-de-seine.json"),
                    "--port", "0", "--quiet"}) {
        // "… http://127.0.0.1:PORT/ …": the address up to the slash after the port.
        const std::string& line = process_.first_line();
        const std::string prefix = "http://127.0.0.1:";
        if (const auto at = line.find(prefix); at != std::string::npos) {
            const auto slash = line.find('/', at + prefix.size());
            if (slash != std::string::npos && slash > at + prefix.size())
                base_ = line.substr(at, slash - at);
        }
    }
    const std::string& base() const { return base_; }
    const std::string& first_line() const { return process_.first_line(); }
    // SIGTERM, then the exit status (or -1 if it had to be killed after 10 s).
    int stop() { return process_.stop(); }

  private:
    palliacarte::test::ChildProcess process_;
    std::string base_;
};

Server& server() {
    static Server s;
    return s;
}

std::string curl(const std::string& args) {
    return shell("curl -s -S --max-time 30 " + args, false).out;
}

}  // namespace

TEST(ServeClients, GdalListsLayersWithCountsAndFields) {
    ASSERT_FALSE(server().base().empty()) << server().first_line();
    const auto r = shell("ogrinfo -ro -so OAPIF:" + server().base() + "/ communes");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("Feature Count: 36"), std::string::npos) << r.out;
    for (const char* field :
         {"insee: String", "population: Integer", "emsp_status: String", "emsp_minutes: Real"})
        EXPECT_NE(r.out.find(field), std::string::npos) << field << "\n" << r.out;
    const auto all = shell("ogrinfo -ro OAPIF:" + server().base() + "/");
    for (const char* layer : {"communes_coverage", "structures", "catchments", "white_zones",
                              "territories", "candidate_sites"})
        EXPECT_NE(all.out.find(layer), std::string::npos) << layer;
}

TEST(ServeClients, Ogr2ogrCopiesThroughPagingWithTheAnalyzeValues) {
    ASSERT_FALSE(server().base().empty());
    palliacarte::test::ScratchDir dir("serve-copy");
    // Pages of 50: five requests for the 216 rows.
    auto copy = shell("ogr2ogr -f GPKG " + dir.file("copy.gpkg") + " OAPIF:" + server().base() +
                      "/ communes_coverage -oo PAGE_SIZE=50");
    ASSERT_EQ(copy.status, 0) << copy.out;
    // The reference: the same analysis written by `palliacarte analyze`.
    auto analyze = shell(std::string(PALLIACARTE_BINARY) + " analyze " +
                         palliacarte::test::config("hauts-de-seine.json") + " --out " +
                         dir.file("ref") + " --quiet");
    ASSERT_EQ(analyze.status, 0) << analyze.out;
    GDALAllRegister();
    GDALDatasetUniquePtr got(GDALDataset::Open(dir.file("copy.gpkg").c_str(), GDAL_OF_VECTOR));
    GDALDatasetUniquePtr ref(
        GDALDataset::Open(dir.file("ref/coverage.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(got && ref);
    OGRLayer* g = got->GetLayerByName("communes_coverage");
    OGRLayer* r = ref->GetLayerByName("communes_coverage");
    ASSERT_TRUE(g && r);
    ASSERT_EQ(g->GetFeatureCount(), r->GetFeatureCount());
    EXPECT_EQ(g->GetFeatureCount(), 216);
    std::size_t compared = 0;
    for (int i = 0; i < r->GetFeatureCount(); ++i) {
        OGRFeatureUniquePtr a(g->GetNextFeature()), b(r->GetNextFeature());
        ASSERT_TRUE(a && b);
        for (int f = 0; f < b->GetFieldCount(); ++f) {
            const char* name = b->GetFieldDefnRef(f)->GetNameRef();
            const int k = a->GetFieldIndex(name);
            ASSERT_GE(k, 0) << name;
            EXPECT_STREQ(a->GetFieldAsString(k), b->GetFieldAsString(f))
                << "row " << i << " field " << name;
            ++compared;
        }
    }
    EXPECT_EQ(compared, 216u * r->GetLayerDefn()->GetFieldCount());
}

TEST(ServeClients, QgisOapifProviderLoadsEveryCollection) {
    ASSERT_FALSE(server().base().empty());
    const auto r =
        shell("QT_QPA_PLATFORM=offscreen /usr/bin/python3 " + palliacarte::test::source_dir() +
              "/tests/tools/qgis_oapif_check.py " + server().base() +
              "/ communes=36 communes_coverage=216 structures=54 territories=" + "$(curl -s '" +
              server().base() +
              "/collections/territories/items?limit=1' | sed -n "
              "'s/.*\"numberMatched\":\\([0-9]*\\).*/\\1/p')");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n') >= 4, true) << r.out;
    EXPECT_EQ(r.out.find("\"ok\": false"), std::string::npos) << r.out;
}

TEST(ServeClients, CachingCompressionCorsHeadAndMethods) {
    ASSERT_FALSE(server().base().empty());
    const std::string url = "'" + server().base() + "/collections/communes/items?limit=36'";
    const std::string head = curl("-D - -o /dev/null -H 'Accept-Encoding: gzip' " + url);
    EXPECT_NE(head.find("Content-Encoding: gzip"), std::string::npos) << head;
    EXPECT_NE(head.find("Access-Control-Allow-Origin: *"), std::string::npos) << head;
    EXPECT_NE(head.find("Cache-Control: public, max-age="), std::string::npos) << head;
    EXPECT_NE(head.find("Content-Type: application/geo+json"), std::string::npos) << head;
    const auto tag = head.find("ETag: W/\"");
    ASSERT_NE(tag, std::string::npos) << head;
    const auto close = head.find('"', tag + 9);
    ASSERT_NE(close, std::string::npos) << head;
    const std::string etag = head.substr(tag + 6, close + 1 - (tag + 6));  // W/"…"
    EXPECT_EQ(curl("-o /dev/null -w '%{http_code}' -H 'If-None-Match: " + etag + "' " + url),
              "304");
    // gzip really is smaller, and inflates to the same JSON.
    const std::string plain_size = curl("-o /dev/null -w '%{size_download}' " + url);
    const std::string gz_size =
        curl("-o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' " + url);
    EXPECT_LT(std::stol(gz_size) * 3, std::stol(plain_size));
    // (timeStamp aside: two requests may fall in different seconds)
    const std::string strip = " | sed 's/\"timeStamp\":\"[^\"]*\"//' | md5sum";
    EXPECT_EQ(curl("--compressed " + url + strip), curl(url + strip));
    // HEAD: headers, no body; POST on a collection: 405 with Allow; OPTIONS: CORS pre-flight.
    const std::string h = curl("-I " + url);
    EXPECT_NE(h.find("HTTP/1.1 200"), std::string::npos) << h;
    const std::string post = curl("-i -X POST '" + server().base() + "/collections'");
    EXPECT_NE(post.find("405"), std::string::npos) << post;
    EXPECT_NE(post.find("Allow: GET, HEAD, OPTIONS"), std::string::npos) << post;
    EXPECT_NE(post.find("application/problem+json"), std::string::npos) << post;
    const std::string pre = curl("-i -X OPTIONS '" + server().base() + "/collections'");
    EXPECT_NE(pre.find("Access-Control-Allow-Methods"), std::string::npos) << pre;
}

TEST(ServeClients, AnalysisEndpointsAnswerOverHttp) {
    ASSERT_FALSE(server().base().empty());
    const std::string scenario = curl(
        "-w '\n%{http_code}' -X POST -H 'Content-Type: application/json' -d "
        "'{\"added\":[{\"type\":\"EMSP\",\"lon\":2.25,\"lat\":48.84}]}' '" +
        server().base() + "/analysis/scenario'");
    EXPECT_NE(scenario.find("\"white_zone_communes\""), std::string::npos) << scenario;
    EXPECT_EQ(scenario.substr(scenario.size() - 3), "200") << scenario;
    const std::string catchment = curl("-w '\n%{http_code}' '" + server().base() +
                                       "/analysis/catchment?lon=2.25&lat=48.84&minutes=10,20'");
    EXPECT_NE(catchment.find("\"minutes\":20"), std::string::npos) << catchment;
    EXPECT_EQ(catchment.substr(catchment.size() - 3), "200") << catchment;
    // GET on the scenario: 405 naming POST.
    const std::string get = curl("-i '" + server().base() + "/analysis/scenario'");
    EXPECT_NE(get.find("Allow: POST, OPTIONS"), std::string::npos) << get;
}

TEST(ServeClients, ServesAnAnalyzeGeoPackageAsItIs) {
    // `serve --gpkg` on analyze's own output: same layers, same counts, no analyses.
    palliacarte::test::ScratchDir dir("serve-gpkg");
    const auto analyze = shell(std::string(PALLIACARTE_BINARY) + " analyze " +
                               palliacarte::test::config("hauts-de-seine.json") + " --out " +
                               dir.file("out") + " --quiet");
    ASSERT_EQ(analyze.status, 0) << analyze.out;
    const auto r =
        shell("(" + std::string(PALLIACARTE_BINARY) + " serve --gpkg " +
              dir.file("out/coverage.gpkg") + " --port 0 --quiet > " + dir.file("serve.txt") +
              " & echo $! > " + dir.file("pid") + "); for i in $(seq 150); do grep -q 127.0.0.1 " +
              dir.file("serve.txt") + " && break; sleep 0.2; done; port=$(sed -n " +
              "'s/.*127.0.0.1:\\([0-9]*\\).*/\\1/p' " + dir.file("serve.txt") +
              "); ogrinfo -ro -so OAPIF:http://127.0.0.1:$port/ communes_coverage; " +
              "curl -s http://127.0.0.1:$port/analysis/communes/92012; kill $(cat " +
              dir.file("pid") + ")");
    EXPECT_NE(r.out.find("Feature Count: 216"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"status\":404"), std::string::npos) << r.out;
}

TEST(ServeClients, StopsCleanlyOnSigterm) {
    ASSERT_FALSE(server().base().empty());
    EXPECT_EQ(server().stop(), 0);
}
