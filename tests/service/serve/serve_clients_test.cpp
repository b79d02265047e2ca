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

// What GDAL stores from the service, with its default page size (the first page it reads to
// guess the types holds 10 features), must be what analyze writes: same field types (a real
// whose first values are whole must not become an integer), same values, for every layer —
// the empty ones (no white zone, no candidate site in the 92) included.
TEST(ServeClients, Ogr2ogrWithDefaultPagingCopiesEveryLayerWithItsTypesAndValues) {
    ASSERT_FALSE(server().base().empty());
    palliacarte::test::ScratchDir dir("serve-copy");
    auto copy =
        shell("ogr2ogr -f GPKG " + dir.file("copy.gpkg") + " OAPIF:" + server().base() + "/");
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
    std::size_t compared = 0, layers = 0, reals = 0;
    // (the `communes` collection is served from the analysis, not a layer of coverage.gpkg)
    for (const char* name : {"communes_coverage", "structures", "catchments", "white_zones",
                             "territories", "candidate_sites"}) {
        OGRLayer* g = got->GetLayerByName(name);
        OGRLayer* r = ref->GetLayerByName(name);
        ASSERT_TRUE(g && r) << name;
        ++layers;
        EXPECT_EQ(g->GetFeatureCount(), r->GetFeatureCount()) << name;
        EXPECT_EQ(wkbFlatten(g->GetGeomType()), wkbFlatten(r->GetGeomType())) << name;
        OGRFeatureDefn* rd = r->GetLayerDefn();
        for (int f = 0; f < rd->GetFieldCount(); ++f) {
            const OGRFieldDefn* want = rd->GetFieldDefn(f);
            const int k = g->GetLayerDefn()->GetFieldIndex(want->GetNameRef());
            ASSERT_GE(k, 0) << name << "." << want->GetNameRef();
            const OGRFieldType have = g->GetLayerDefn()->GetFieldDefn(k)->GetType();
            if (want->GetType() == OFTReal) {
                ++reals;
                EXPECT_EQ(have, OFTReal) << name << "." << want->GetNameRef();
            }
        }
        for (GIntBig i = 0; i < r->GetFeatureCount(); ++i) {
            OGRFeatureUniquePtr a(g->GetNextFeature()), b(r->GetNextFeature());
            ASSERT_TRUE(a && b) << name;
            for (int f = 0; f < b->GetFieldCount(); ++f) {
                const int k = a->GetFieldIndex(b->GetFieldDefnRef(f)->GetNameRef());
                EXPECT_STREQ(a->GetFieldAsString(k), b->GetFieldAsString(f))
                    << name << " row " << i << " field " << b->GetFieldDefnRef(f)->GetNameRef();
                ++compared;
            }
        }
    }
    EXPECT_EQ(layers, 6u);
    EXPECT_GT(reals, 10u);
    EXPECT_GT(compared, 216u * 20);
}

// QGIS 3.22 with its default page size, through its own provider and through GDAL: types and
// values of every numeric field as the server has them, empty collections included (see the
// script for what QGIS's own provider cannot know).
TEST(ServeClients, QgisLoadsEveryCollectionWithTheServersTypesAndValues) {
    ASSERT_FALSE(server().base().empty());
    auto matched = [](const std::string& collection) {
        return "$(curl -s '" + server().base() + "/collections/" + collection +
               "/items?limit=1' | sed -n 's/.*\"numberMatched\":\\([0-9]*\\).*/\\1/p')";
    };
    const auto r =
        shell("QT_QPA_PLATFORM=offscreen /usr/bin/python3 " + palliacarte::test::source_dir() +
              "/tests/tools/qgis_oapif_check.py " + server().base() +
              "/ communes=36 communes_coverage=216 structures=54 white_zones=0 "
              "candidate_sites=0 territories=" +
              matched("territories") + " catchments=" + matched("catchments"));
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n') >= 14, true) << r.out;
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

// Requests that crashed the service, hung, or changed what others get (issue 15), over HTTP:
// each gets a problem+json answer, and the service answers normally afterwards.
TEST(ServeClients, HostileRequestsGetAProblemAndTheServiceStaysUp) {
    ASSERT_FALSE(server().base().empty());
    palliacarte::test::ScratchDir dir("serve-hostile");
    // 262 KB of nested arrays, under the 1 MiB body limit: was SIGSEGV.
    shell("/usr/bin/python3 -c \"d=131065;open('" + dir.file("deep.json") +
          "','w').write('{\\\"removed\\\":'+'['*d+']'*d+'}')\"");
    const std::string status = "-o /dev/null -w '%{http_code} %{content_type}' ";
    EXPECT_EQ(curl(status + "-X POST -H 'Content-Type: application/json' --data-binary @" +
                   dir.file("deep.json") + " '" + server().base() + "/analysis/scenario'"),
              "400 application/problem+json");
    // Bytes that are not UTF-8: were a 500 text/plain, or no answer at all.
    for (const char* target :
         {"/collections/%FF", "/collections/communes/items?limit=%FF",
          "/analysis/catchment?structure=%FF", "/collections/communes/items?%C3=1"})
        EXPECT_EQ(curl("-m 10 " + status + "'" + server().base() + target + "'"),
                  "400 application/problem+json")
            << target;
    shell("printf '{\"removed\":[\"\\377\"]}' > " + dir.file("bad.json"));
    EXPECT_EQ(curl("-m 10 " + status +
                   "-X POST -H 'Content-Type: application/json' "
                   "--data-binary @" +
                   dir.file("bad.json") + " '" + server().base() + "/analysis/scenario'"),
              "400 application/problem+json");
    // A scenario that is not sent as JSON: 415.
    EXPECT_EQ(curl(status + "-X POST -H 'Content-Type: text/plain' -d '{\"removed\":[]}' '" +
                   server().base() + "/analysis/scenario'"),
              "415 application/problem+json");
    EXPECT_EQ(curl(status + "'" + server().base() + "/collections'"), "200 application/json");
}

// Links are built from the service's public URL, never from the request's Host: a request for
// another host is refused (421) and cannot leave links to it in the response cache.
TEST(ServeClients, LinksComeFromThePublicUrlNeverFromHost) {
    ASSERT_FALSE(server().base().empty());
    const std::string url = "'" + server().base() + "/collections/communes/items?limit=2'";
    EXPECT_EQ(curl("-o /dev/null -w '%{http_code}' -H 'Host: evil.example:666' " + url), "421");
    EXPECT_EQ(curl(url).find("evil.example"), std::string::npos);
    // HTTP/1.0 without Host: answered, with links to the real address (not port 0).
    const std::string old = curl("--http1.0 -H 'Host:' " + url);
    EXPECT_NE(old.find("\"href\":\"" + server().base() + "/collections/communes/items?"),
              std::string::npos)
        << old;
    EXPECT_EQ(old.find(":0/"), std::string::npos) << old;
    // HTTP/1.1 without Host: 400.
    EXPECT_EQ(curl("-o /dev/null -w '%{http_code}' -H 'Host:' " + url), "400");
}

// Connections: HTTP/1.0 and "Connection: close" are closed after the answer, HTTP/1.1 kept
// open; a malformed request (no Host) is answered 400 and closed.
TEST(ServeClients, ConnectionsCloseWhenTheClientAsks) {
    ASSERT_FALSE(server().base().empty());
    const std::string port = server().base().substr(server().base().rfind(':') + 1);
    const auto r = shell("/usr/bin/python3 " + palliacarte::test::source_dir() +
                         "/tests/tools/connection_check.py " + port);
    ASSERT_EQ(r.status, 0) << r.out;
    auto line = [&](const std::string& c) {
        const auto at = r.out.find("\"case\": \"" + c + "\"");
        return at == std::string::npos ? std::string()
                                       : r.out.substr(at, r.out.find('\n', at) - at);
    };
    EXPECT_NE(line("http10").find("\"connection\": \"close\", \"socket\": \"closed\""),
              std::string::npos)
        << r.out;
    EXPECT_NE(line("http11_close").find("\"socket\": \"closed\""), std::string::npos) << r.out;
    EXPECT_NE(line("http11").find("\"connection\": \"keep-alive\", \"socket\": \"open\""),
              std::string::npos)
        << r.out;
    EXPECT_NE(line("http10_keepalive").find("\"socket\": \"open\""), std::string::npos);
    EXPECT_NE(line("http11_no_host")
                  .find("400 Bad Request\", \"connection\": \"close\", "
                        "\"socket\": \"closed\""),
              std::string::npos)
        << r.out;
    EXPECT_NE(line("http11_other_host").find("421"), std::string::npos) << r.out;
}

TEST(ServeClients, StopsCleanlyOnSigterm) {
    ASSERT_FALSE(server().base().empty());
    EXPECT_EQ(server().stop(), 0);
}
