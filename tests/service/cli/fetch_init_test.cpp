// `palliacarte fetch` and `palliacarte init` as a planner runs them, against a local mirror of
// the official sites (tests/tools/make_mirror.py builds it from the national data tree,
// tests/tools/mirror_server.py serves it on 127.0.0.1): Franche-Comté fetched with one
// interrupted transfer, re-run, damaged, refused, then written into a config whose analysis
// must give the figures of the hand-written one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "fetch/sha256_file.hpp"
#include "mirror_server.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using palliacarte::test::MirrorServer;
using palliacarte::test::Outcome;
using palliacarte::test::ScratchDir;
using palliacarte::test::shell;

const std::string kNpmPath =
    "/registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz";
const std::string kFinessPath =
    "/static.data.gouv.fr/resources/finess-extraction-du-fichier-des-etablissements/"
    "20260512-091152/etalab-cs1100507-stock-20260512-0339.csv";

// The whole file; a missing one fails the test with its name (DataError).
std::string slurp(const fs::path& path) {
    return palliacarte::core::read_file(path.string());
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

std::string bin() {
    return PALLIACARTE_BINARY;
}

class FetchInit : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (!fs::is_directory(palliacarte::test::data_root())) return;
        dir_ = new ScratchDir("fetch");
        const Outcome made =
            shell("/usr/bin/python3 " + palliacarte::test::source_dir() +
                  "/tests/tools/make_mirror.py " + palliacarte::test::data_root() + " " + site() +
                  " " + palliacarte::test::config("download-manifest.json") + " " + manifest());
        mirror_ready_ = made.status == 0;
        if (!mirror_ready_) std::cerr << made.out;
        // The npm tarball's first transfer breaks off after 500 kB.
        server_ = new MirrorServer(site(), {"--log", log(), "--cut-once", kNpmPath + "=500000"});
        fetch_ = new Outcome(fetch("--departements 25,39,70,90 --grid census-1km --into " + fc()));
    }
    static void TearDownTestSuite() {
        delete fetch_;
        delete server_;
        delete dir_;
        fetch_ = nullptr;
        server_ = nullptr;
        dir_ = nullptr;
    }
    void SetUp() override {
        PALLIACARTE_REQUIRE_SHARED_DATA();
        ASSERT_TRUE(mirror_ready_);
        ASSERT_FALSE(server_->base().empty());
    }

    static std::string site() { return (dir_->path() / "site").string(); }
    static std::string manifest() { return (dir_->path() / "manifest.json").string(); }
    static std::string log() { return (dir_->path() / "requests.log").string(); }
    static std::string fc() { return (dir_->path() / "franche-comte").string(); }
    static Outcome fetch(const std::string& args, const std::string& base = "",
                         const std::string& manifest_path = "") {
        return shell(bin() + " fetch " + args + " --mirror " +
                     (base.empty() ? server_->base() : base) + " --manifest " +
                     (manifest_path.empty() ? manifest() : manifest_path));
    }
    /// The mirror's manifest with `change` applied, written under `name`.
    static std::string manifest_with(const std::string& name,
                                     const std::function<void(json&)>& change) {
        json m = json::parse(slurp(manifest()));
        change(m);
        const std::string path = (dir_->path() / name).string();
        std::ofstream(path) << m.dump(1);
        return path;
    }

    static ScratchDir* dir_;
    static MirrorServer* server_;
    static Outcome* fetch_;
    static bool mirror_ready_;
};
ScratchDir* FetchInit::dir_ = nullptr;
MirrorServer* FetchInit::server_ = nullptr;
Outcome* FetchInit::fetch_ = nullptr;
bool FetchInit::mirror_ready_ = false;

TEST_F(FetchInit, FranchComteIsFetchedResumedAndRecorded) {
    ASSERT_EQ(fetch_->status, 0) << fetch_->out;
    // The interrupted transfer was resumed where it stopped, with a Range request.
    EXPECT_NE(slurp(log()).find("GET " + kNpmPath + " range=500000-"), std::string::npos)
        << slurp(log());
    EXPECT_NE(fetch_->out.find("repris après interruption"), std::string::npos) << fetch_->out;
    EXPECT_NE(fetch_->out.find("SHA-256 vérifié"), std::string::npos);

    const fs::path d = fc();
    const json communes = json::parse(slurp(d / "communes/communes.geojson"));
    EXPECT_EQ(communes["features"].size(), 1692u);
    EXPECT_EQ(slurp(d / "communes/communes.json"),
              slurp(palliacarte::test::data("communes/decoupage-administratif/communes.json")));
    // The national 1 km grid (373,122 cells) cut to the cells near the four départements.
    const std::string grid = slurp(d / "population/census2021_1km.csv");
    const auto cells = count(grid, "\n") - 1;
    EXPECT_GT(cells, 8669u);  // more than the cells whose centre is inside
    EXPECT_LT(cells, 20000u);
    EXPECT_EQ(grid.rfind("GRD_ID,T,", 0), 0u);

    // Every file is recorded with its source, licence and the SHA-256 it has on disk.
    const json record = json::parse(slurp(d / "fetch-record.json"));
    EXPECT_EQ(record["departements"], json({"25", "39", "70", "90"}));
    for (const auto& [file, f] : record["files"].items()) {
        EXPECT_EQ(f["sha256"], palliacarte::fetch::sha256_of_file((d / file).string())) << file;
        EXPECT_FALSE(f["licence"].get<std::string>().empty()) << file;
        EXPECT_FALSE(f["vintage"].get<std::string>().empty()) << file;
    }
    EXPECT_EQ(record["files"].size(), 15u);
    EXPECT_NE(
        record["files"]["population/census2021_1km.csv"]["derived_from"].get<std::string>().find(
            "carreaux touchant"),
        std::string::npos);
    // Nothing half-written is left.
    for (const auto& e : fs::recursive_directory_iterator(d))
        EXPECT_NE(e.path().extension(), ".part") << e.path();
}

TEST_F(FetchInit, ReRunSkipsValidFilesAndFetchesADamagedOneAgain) {
    ASSERT_EQ(fetch_->status, 0) << fetch_->out;
    const auto requests = count(slurp(log()), "GET ");
    const fs::path merged = fs::path(fc()) / "communes/communes.geojson";
    const auto merged_time = fs::last_write_time(merged);
    const Outcome again = fetch("--departements 25,39,70,90 --grid census-1km --into " + fc());
    ASSERT_EQ(again.status, 0) << again.out;
    // Nothing rewritten either: the analysis caches key on the files' dates.
    EXPECT_EQ(fs::last_write_time(merged), merged_time);
    EXPECT_NE(again.out.find("déjà réunies"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("0 téléchargé(s), 9 déjà présent(s)"), std::string::npos) << again.out;
    // Only the two FINESS+ API documents, to learn whether a newer month is out.
    EXPECT_EQ(count(slurp(log()), "GET "), requests + 2);

    // One damaged byte: that file, and only it, is fetched again.
    const fs::path finess = fs::path(fc()) / "structures/finess-etalab.csv";
    const std::string good = slurp(finess);
    std::string bad = good;
    bad[1000] = bad[1000] == 'X' ? 'Y' : 'X';
    std::ofstream(finess, std::ios::binary) << bad;
    const Outcome repaired = fetch("--departements 25,39,70,90 --grid census-1km --into " + fc());
    ASSERT_EQ(repaired.status, 0) << repaired.out;
    EXPECT_NE(repaired.out.find("1 téléchargé(s), 8 déjà présent(s)"), std::string::npos)
        << repaired.out;
    EXPECT_EQ(count(slurp(log()), "GET "), requests + 2 + 2 + 1);
    EXPECT_EQ(slurp(finess), good);
}

TEST_F(FetchInit, AnotherDepartementInTheSameFolderMergesAndCutsAgain) {
    const fs::path d = dir_->path() / "growing";
    ASSERT_EQ(fetch("--departements 90 --grid census-1km --into " + d.string()).status, 0);
    const auto cells_90 = count(slurp(d / "population/census2021_1km.csv"), "\n");
    const Outcome more = fetch("--departements 90,25 --grid census-1km --into " + d.string());
    ASSERT_EQ(more.status, 0) << more.out;
    EXPECT_NE(more.out.find("1 téléchargé(s)"), std::string::npos) << more.out;  // only 25
    EXPECT_EQ(json::parse(slurp(d / "communes/communes.geojson"))["features"].size(), 664u);
    // The grid was cut again around both départements, not kept from the first run.
    EXPECT_GT(count(slurp(d / "population/census2021_1km.csv"), "\n"), 3 * cells_90);
    EXPECT_EQ(json::parse(slurp(d / "fetch-record.json"))["departements"], json({"90", "25"}));
}

TEST_F(FetchInit, InitWritesAConfigWhoseAnalysisIsTheHandWrittenOne) {
    ASSERT_EQ(fetch_->status, 0) << fetch_->out;
    const std::string config = (dir_->path() / "franche-comte.json").string();
    // The hand-written config's two types (HAD from the etalab file there, from FINESS+ here).
    const Outcome init =
        shell(bin() + " init --data " + fc() + " --out " + config + " --types HAD,HOPITAL");
    ASSERT_EQ(init.status, 0) << init.out;
    EXPECT_NE(init.out.find("Doubs (25), Jura (39), Haute-Saône (70), Territoire de Belfort (90)"),
              std::string::npos)
        << init.out;
    // Written once: a second init does not overwrite it unasked.
    EXPECT_EQ(
        shell(bin() + " init --data " + fc() + " --out " + config + " --types HAD,HOPITAL").status,
        2);

    // inspect and analyze run on it unchanged.
    const Outcome inspect = shell(bin() + " inspect --json --quiet " + config, false);
    ASSERT_EQ(inspect.status, 0) << inspect.out;
    const json summary = json::parse(inspect.out);
    EXPECT_EQ(summary["communes"]["count"], 1692);
    EXPECT_EQ(summary["communes"]["population"]["total"], 1178576);
    std::map<std::string, int> by_type;
    for (const auto& t : summary["structures"]["by_type"]) by_type[t["type"]] = t["total"];
    EXPECT_EQ(by_type["HAD"], 5);
    EXPECT_GT(by_type["HOPITAL"], 0);
    EXPECT_GT(by_type["EHPAD"], 0);
    EXPECT_GT(by_type["SSIAD"], 0);

    const Outcome fetched = shell(bin() + " analyze " + config + " --quiet --out " +
                                  (dir_->path() / "out-init").string());
    ASSERT_EQ(fetched.status, 0) << fetched.out;
    const Outcome hand = shell(bin() + " analyze " + palliacarte::test::source_dir() +
                               "/tests/configs/franche-comte-full-data.json --data-root " +
                               palliacarte::test::data_root() + " --quiet --out " +
                               (dir_->path() / "out-hand").string());
    ASSERT_EQ(hand.status, 0) << hand.out;
    // Per type: share of the population within the threshold and white-zone communes, from
    // lines like "  HAD        seuil  30 min :  59.7 % de la population …, 1031 commune(s) …".
    auto figures = [](const std::string& out) {
        std::map<std::string, std::pair<double, int>> f;
        std::istringstream in(out);
        std::string l;
        while (std::getline(in, l)) {
            const auto seuil = l.find(" seuil "), colon = l.find(" : "), comma = l.rfind(", ");
            if (seuil == std::string::npos || colon == std::string::npos ||
                comma == std::string::npos)
                continue;
            std::istringstream type(l.substr(0, seuil));
            std::string t;
            type >> t;
            // French figures: "59,7 %", "1 692 communes".
            std::string share = l.substr(colon + 3), count;
            std::replace(share.begin(), share.end(), ',', '.');
            for (const char c : l.substr(comma + 2)) {
                if (std::isdigit(static_cast<unsigned char>(c)))
                    count += c;
                else if (c != ' ')
                    break;
            }
            f[t] = {std::stod(share), std::stoi(count)};
        }
        return f;
    };
    const auto a = figures(fetched.out), b = figures(hand.out);
    ASSERT_EQ(a.size(), 2u) << fetched.out;
    for (const auto& [type, v] : b) {
        ASSERT_TRUE(a.count(type)) << type;
        EXPECT_NEAR(a.at(type).first, v.first, 0.2) << type;
        EXPECT_NEAR(a.at(type).second, v.second, 5) << type;
    }
    EXPECT_NEAR(a.at("HAD").first, 59.7, 0.2);
}

// FINESS+: fetch asks data.gouv.fr's API for each dataset's files and takes the newest
// monthly one; init then writes a config whose EMSP, USP, LISP and HAD come from it.
TEST_F(FetchInit, FinessPlusNewestMonthIsFetchedAndInitUsesIt) {
    ASSERT_EQ(fetch_->status, 0) << fetch_->out;
    EXPECT_NE(fetch_->out.find("dernier fichier publié : finess-activites-mensuel-202610.json.gz"),
              std::string::npos)
        << fetch_->out;
    EXPECT_NE(fetch_->out.find("dernier fichier publié : finess-structures-mensuel-202610.json.gz"),
              std::string::npos);
    const fs::path d = fc();
    const json record = json::parse(slurp(d / "fetch-record.json"));
    const auto& act = record["files"]["structures/finess-plus/finess-activites.json.gz"];
    EXPECT_NE(act["url"].get<std::string>().find("finess-activites-mensuel-202610.json.gz"),
              std::string::npos);
    EXPECT_NE(act["vintage"].get<std::string>().find("finess-activites-mensuel-202610"),
              std::string::npos);
    EXPECT_FALSE(fs::exists(d / "structures/finess-plus/finess-activites.json.gz.api.json"));

    const std::string config = (dir_->path() / "franche-comte-finess-plus.json").string();
    const Outcome init = shell(bin() + " init --data " + fc() + " --out " + config);
    ASSERT_EQ(init.status, 0) << init.out;
    const json written = json::parse(slurp(config));
    EXPECT_EQ(written["analysis"]["types"], json({"EMSP", "USP", "LISP", "HAD", "HOPITAL"}));
    // From the two FINESS+ files alone.
    ASSERT_EQ(written["structures"].size(), 1u);
    EXPECT_EQ(written["structures"][0]["format"], "finess-plus");
    EXPECT_EQ(written.dump().find("finess-etalab"), std::string::npos);
    const Outcome inspect = shell(bin() + " inspect --json --quiet " + config, false);
    ASSERT_EQ(inspect.status, 0) << inspect.out;
    std::map<std::string, int> by_type;
    const json summary = json::parse(inspect.out);
    for (const auto& t : summary["structures"]["by_type"]) by_type[t["type"]] = t["total"];
    EXPECT_EQ(by_type["HAD"], 5) << inspect.out;  // the same five as from the etalab file
    EXPECT_GT(by_type["HOPITAL"], 0);
}

TEST_F(FetchInit, WrongChecksumIsRefusedAndNothingIsKept) {
    const std::string m = manifest_with(
        "bad-sum.json", [](json& doc) { doc["sources"][0]["sha256"] = std::string(64, '0'); });
    const fs::path d = dir_->path() / "bad-sum";
    const Outcome r = fetch("--departements 90 --grid none --into " + d.string(), "", m);
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_NE(r.out.find("somme de contrôle SHA-256 différente"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(kNpmPath), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(d / "downloads/decoupage-administratif-6.0.0.tgz"));
    EXPECT_FALSE(fs::exists(d / "downloads/decoupage-administratif-6.0.0.tgz.part"));
}

TEST_F(FetchInit, MissingFileAndOfflineServerAreNamedErrors) {
    const std::string m = manifest_with("missing.json", [](json& doc) {
        for (auto& s : doc["sources"])
            if (s["id"] == "finess")
                s["url"] = "https://static.data.gouv.fr/resources/finess/nope.csv";
    });
    const Outcome missing =
        fetch("--departements 90 --grid none --into " + (dir_->path() / "missing").string(), "", m);
    EXPECT_EQ(missing.status, 3) << missing.out;
    EXPECT_NE(missing.out.find("HTTP 404"), std::string::npos) << missing.out;
    EXPECT_NE(missing.out.find("/static.data.gouv.fr/resources/finess/nope.csv"),
              std::string::npos);

    // Port 1 on the loopback: nothing listens there.
    const Outcome offline = fetch("--departements 90 --into " + (dir_->path() / "offline").string(),
                                  "http://127.0.0.1:1");
    EXPECT_EQ(offline.status, 3) << offline.out;
    EXPECT_NE(offline.out.find("serveur injoignable"), std::string::npos) << offline.out;
    EXPECT_NE(offline.out.find("http://127.0.0.1:1/registry.npmjs.org"), std::string::npos);

    const Outcome unknown = fetch("--departements 99 --into " + (dir_->path() / "x").string());
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.out.find("département inconnu « 99 »"), std::string::npos) << unknown.out;
    const Outcome no_record = shell(bin() + " init --data " + (dir_->path() / "x").string() +
                                    " --out " + (dir_->path() / "x.json").string());
    EXPECT_EQ(no_record.status, 2);
    EXPECT_NE(no_record.out.find("lancez d'abord palliacarte fetch"), std::string::npos);
}

TEST_F(FetchInit, ABrokenTransferLeavesOnlyAPartFileThatALaterRunResumes) {
    const fs::path d = dir_->path() / "broken";
    {
        // A connection that breaks after 100 kB every time: three transfers, then give up.
        MirrorServer flaky(site(), {"--cut-always", kFinessPath + "=100000"});
        const Outcome r = fetch("--departements 90 --grid none --into " + d.string(), flaky.base());
        EXPECT_EQ(r.status, 3) << r.out;
        EXPECT_NE(r.out.find("transfert interrompu"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("relancez la commande"), std::string::npos) << r.out;
    }
    const fs::path finess = d / "structures/finess-etalab.csv";
    EXPECT_FALSE(fs::exists(finess));
    ASSERT_TRUE(fs::exists(finess.string() + ".part"));
    EXPECT_EQ(fs::file_size(finess.string() + ".part"), 300000u);

    const Outcome resumed = fetch("--departements 90 --grid none --into " + d.string());
    ASSERT_EQ(resumed.status, 0) << resumed.out;
    EXPECT_NE(slurp(log()).find("GET " + kFinessPath + " range=300000-"), std::string::npos);
    EXPECT_EQ(slurp(finess), slurp(palliacarte::test::data(
                                 "structures/finess-etalab-layout_92-25-39-70-90_20210108.csv")));
    EXPECT_FALSE(fs::exists(finess.string() + ".part"));
}

TEST_F(FetchInit, FilosofiGridComesOutOfA7zInAZipAndFeedsTheAnalysis) {
    const fs::path d = dir_->path() / "hauts-de-seine";
    const Outcome r = fetch("--departements 92 --with-roads --into " + d.string());
    ASSERT_EQ(r.status, 0) << r.out;
    const std::string grid = slurp(d / "population/filosofi2019_200m.csv");
    EXPECT_EQ(grid.rfind("idcar_200m,", 0), 0u);
    EXPECT_EQ(count(grid, "\n") - 1, 495u);  // the 200 m cells of the south of the 92
    EXPECT_TRUE(fs::exists(d / "roads/ile-de-france-latest.osm.pbf"));
    // The structure margin (30 km) reaches the Oise: Picardie's extract comes too, and says why.
    EXPECT_TRUE(fs::exists(d / "roads/picardie-latest.osm.pbf"));
    EXPECT_NE(r.out.find("picardie (à moins de 30 km : départements 60)"), std::string::npos)
        << r.out;

    const std::string config = (dir_->path() / "hauts-de-seine.json").string();
    ASSERT_EQ(shell(bin() + " init --data " + d.string() + " --out " + config).status, 0);
    const json written = json::parse(slurp(config));
    EXPECT_EQ(written["analysis"]["population_grid"]["id_field"], "idcar_200m");
    EXPECT_EQ(written["roads"]["format"], "osm");
    EXPECT_EQ(written["roads"]["path"],
              json::array({"roads/ile-de-france-latest.osm.pbf", "roads/picardie-latest.osm.pbf"}));
    EXPECT_FALSE(written.contains("crow_fly"));  // by road, not as the crow flies
    EXPECT_EQ(written["territories"][1]["name"], "EPT");
    const Outcome inspect = shell(bin() + " inspect --json --quiet " + config, false);
    ASSERT_EQ(inspect.status, 0) << inspect.out;
    const json summary = json::parse(inspect.out);
    EXPECT_EQ(summary["communes"]["population"]["total"], 1654712);
    // One network of the two extracts, joined where they overlap.
    const json& files = summary["roads"]["files"];
    ASSERT_EQ(files.size(), 2u);
    EXPECT_GT(files[0]["shared_junctions"].get<int>(), 10);
    EXPECT_GT(files[1]["shared_features"].get<int>(), 10);
    EXPECT_GT(summary["roads"]["nodes"].get<int>(), files[0]["junctions"].get<int>());
    EXPECT_GT(summary["roads"]["nodes"].get<int>(), files[1]["junctions"].get<int>());
}

}  // namespace
