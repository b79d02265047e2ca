// The FINESS+ files of the ANS (finess-activites, finess-structures): the ANS's own examples in
// ../shared/data/structures/finess-plus/, and small hand-written fixtures in the same schema
// (tests/fixtures/finess-plus/, they say so) for what the examples lack.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "analysis/coverage_analysis.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "core/json_element_stream.hpp"
#include "load/analysis_inputs.hpp"
#include "load/commune_loader.hpp"
#include "load/finess_establishment.hpp"
#include "load/structure_placement.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

std::string example(const std::string& name) {
    return test::data("structures/finess-plus/" + name);
}
const std::string kActivities = "exemple-finess-activites-journalier-20260401.json";
const std::string kStructures = "exemple-finess-structures-journalier-20260309.json";

std::string fixture(const std::string& name) {
    // Appended, not chained with +: GCC 12 warns (-Warray-bounds) on the inlined temporaries.
    std::string path = test::source_dir();
    path.append("/tests/fixtures/finess-plus/").append(name);
    return path;
}

const model::Structure* find(const std::vector<model::Structure>& v, const std::string& id) {
    for (const auto& s : v)
        if (s.id == id) return &s;
    return nullptr;
}

// The Ain (01), where the ANS examples' establishments are, from the national boundaries: read
// once for the suite (4 s).
const std::vector<model::Commune>& ain_communes() {
    static const std::vector<model::Commune> communes = [] {
        core::LoadReport report;
        load::CommuneLoadOptions o;
        o.source.path =
            test::data("communes/france-geojson/communes-france-entiere-2018-merged.geojson");
        o.departements = {"01"};
        return load::load_communes(o, report).communes;
    }();
    return communes;
}

// The 92 demo config with the hand-written FINESS+ fixtures as its only structures, analysing
// `types`, as a config written to a temporary file and loaded as `analyze` loads it.
load::AnalysisInputs fixture_92(const std::vector<std::string>& types,
                                const std::function<void(nlohmann::json&)>& change = {}) {
    // One folder per test process: ctest runs two of these tests at once.
    const test::ScratchDir scratch("finess-plus-92");
    const auto& dir = scratch.path();
    nlohmann::json cfg;
    {
        std::ifstream in(test::config("hauts-de-seine.json"));
        cfg = nlohmann::json::parse(in);
    }
    cfg["data_root"] = test::config("demo/hauts-de-seine");
    cfg["structures"] =
        nlohmann::json::array({{{"format", "finess-plus"},
                                {"path", fixture("activites-92.json")},
                                {"structures_path", fixture("structures-92.json")}}});
    cfg["analysis"]["types"] = types;
    cfg["analysis"].erase("where_next");
    if (change) change(cfg);
    const std::string path = (dir / "finess-plus-92.json").string();
    std::ofstream(path) << cfg.dump(2);
    return load::load_analysis_inputs(path, std::nullopt);
}

}  // namespace

TEST(FinessPlus, EveryRecordOfTheAnsExamplesIsRead) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    load::FinessPlusCounts n;
    const auto ets =
        load::read_finess_plus(example(kActivities), example(kStructures), {}, report, &n);
    EXPECT_EQ(n.entities, 64u);
    EXPECT_EQ(n.establishments, 84u);
    EXPECT_EQ(n.authorised + n.exercised, 335u);
    EXPECT_EQ(n.authorised, 162u);
    EXPECT_EQ(n.exercised, 173u);
    EXPECT_EQ(n.zones, 7u);
    // Palliative care: the R4/N2 authorisation of 010000156 and its exercise, 4 beds each.
    std::size_t r4 = 0;
    for (const auto& [code, capacities] : n.capacities_by_code)
        if (code.rfind("R4", 0) == 0) {
            r4 += capacities.size();
            EXPECT_EQ(code, "R4/N2");
            for (double c : capacities) EXPECT_EQ(c, 4.0);
        }
    EXPECT_EQ(r4, 2u);
    // The structures example: 27 establishments, the closed ones left out and said so.
    EXPECT_EQ(report.count("closed_establishments"), 1u);
    EXPECT_EQ(report.count("swapped_coordinates"), 1u);
    EXPECT_GT(ets.size(), 0u);
    EXPECT_LT(ets.size(), 27u);
}

// Read as a finess-plus source reads (the mapping's filter) and without it: the same structures.
// (One test: the Ain's communes take 4 s to read from the national file, 15 s under ASan.)
TEST(FinessPlus, TheLispOfCliniqueConvertHasFourBedsAtItsAddress) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    const auto rules = config::read_finess_rules(test::config("finess-plus-activities.json"));
    const auto ets = load::read_finess_plus(example(kActivities), example(kStructures), {"01"},
                                            report, nullptr, load::finess_plus_filter(rules));
    const auto unfiltered =
        load::read_finess_plus(example(kActivities), example(kStructures), {"01"}, report);
    ASSERT_LT(ets.size(), unfiltered.size());
    const auto& communes = ain_communes();
    load::StructurePlacer placer(communes, 2154, 10000), placer_all(communes, 2154, 10000);
    const auto types = model::StructureTypeTable::load(test::structure_types());
    std::vector<model::Structure> out, out_all;
    load::select_finess_structures(ets, rules, types, placer, out, report, example(kActivities));
    load::select_finess_structures(unfiltered, rules, types, placer_all, out_all, report, "all");
    ASSERT_EQ(out.size(), out_all.size());
    for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].id, out_all[i].id);
    const model::Structure* lisp = find(out, "lisp-010780195");
    ASSERT_NE(lisp, nullptr);
    EXPECT_EQ(lisp->type, "LISP");
    EXPECT_EQ(lisp->name, "CLINIQUE DOCTEUR CONVERT");
    EXPECT_EQ(lisp->finess_ej, "010000156");
    ASSERT_TRUE(lisp->capacity);
    EXPECT_EQ(*lisp->capacity, 4.0);  // not 8: the two statuses repeat the same beds
    EXPECT_EQ(lisp->capacity_unit, "lits");
    EXPECT_EQ(lisp->activities, "ASR R4/N2");
    EXPECT_EQ(lisp->commune_insee, "01053");
    // Published X = 6570414.61 (northing), Y = 873766.07 (easting): swapped back.
    ASSERT_TRUE(lisp->position);
    EXPECT_NEAR(lisp->position->x, 873766.07, 0.01);
    EXPECT_NEAR(lisp->position->y, 6570414.61, 0.01);
    EXPECT_EQ(lisp->placement, model::Placement::located);
    std::size_t palliative = 0;
    for (const auto& s : out)
        if (s.type == "LISP" || s.type == "USP" || s.type == "EMSP" || s.type == "LISPP")
            ++palliative;
    EXPECT_EQ(palliative, 1u);
}

TEST(FinessPlus, ZonesOfTheExamplesAreReadBack) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    std::vector<std::vector<std::string>> zones;
    core::stream_json_array(example(kActivities), "pmej", [&](nlohmann::json&& pm) {
        for (const auto& a : pm["activitesAutorisees"])
            if (a["zoneIntervention"].is_object()) {
                zones.emplace_back();
                for (const auto& c : a["zoneIntervention"]["communeZI"])
                    zones.back().push_back(c["commune"].get<std::string>());
            }
    });
    ASSERT_EQ(zones.size(), 7u);
    EXPECT_EQ(zones[0], (std::vector<std::string>{"01001", "01002"}));
}

TEST(FinessPlus, InvalidOrTruncatedJsonNamesTheFileAndByte) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const auto dir = std::filesystem::temp_directory_path() / "palliacarte-finess-plus";
    std::filesystem::create_directories(dir);
    std::ifstream in(example(kActivities), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::string truncated = (dir / "tronque.json").string();
    std::ofstream(truncated, std::ios::binary) << text.substr(0, text.size() / 2);
    core::LoadReport report;
    try {
        load::read_finess_plus(truncated, example(kStructures), {}, report);
        FAIL() << "a truncated file was read";
    } catch (const core::DataError& e) {
        EXPECT_EQ(e.file(), truncated);
        EXPECT_NE(e.reason().find("JSON invalide ou tronqué à l'octet"), std::string::npos)
            << e.reason();
    }
    const std::string not_finess = (dir / "autre.json").string();
    std::ofstream(not_finess) << R"({"features": []})";
    EXPECT_THROW(load::read_finess_plus(not_finess, example(kStructures), {}, report),
                 core::DataError);
    const std::string garbage = (dir / "garbage.json").string();
    std::ofstream(garbage) << "{\"pmej\": [ {\"numFiness\": \"01\", } ]}";
    try {
        load::read_finess_plus(garbage, example(kStructures), {}, report);
        FAIL() << "invalid JSON was read";
    } catch (const core::DataError& e) {
        EXPECT_NE(e.reason().find("octet 32 "), std::string::npos) << e.reason();
    }
}

TEST(FinessPlus, FixturesGiveEveryPalliativeTypeWithCapacityAndZone) {
    core::LoadReport report;
    const auto ets = load::read_finess_plus(fixture("activites-92.json"),
                                            fixture("structures-92.json"), {}, report);
    EXPECT_EQ(ets.size(), 4u);  // the closed clinic left out
    load::CommuneLoadOptions o;
    o.source.path = test::config("demo/hauts-de-seine/communes.geojson");
    const auto communes = load::load_communes(o, report).communes;
    load::StructurePlacer placer(communes, 2154, 10000);
    const auto types = model::StructureTypeTable::load(test::structure_types());
    std::vector<model::Structure> out;
    load::select_finess_structures(
        ets, config::read_finess_rules(test::config("finess-plus-activities.json")), types, placer,
        out, report, "fixture");
    ASSERT_EQ(out.size(), 5u);
    const model::Structure* usp = find(out, "usp-920000011");
    ASSERT_NE(usp, nullptr);
    EXPECT_EQ(*usp->capacity, 10.0);
    const model::Structure* lisp = find(out, "lisp-920000011");
    ASSERT_NE(lisp, nullptr);
    // Medicine (6) and SSR (4, from the authorisation: the exercise gives none) beds add up.
    EXPECT_EQ(*lisp->capacity, 10.0);
    EXPECT_EQ(lisp->activities, "ASR R4/N2, ASR R4/W2");
    const model::Structure* emsp = find(out, "emsp-920000012");
    ASSERT_NE(emsp, nullptr);
    EXPECT_FALSE(emsp->capacity);
    EXPECT_NEAR(emsp->position->x, 645433, 1);  // swapped back
    // The inactive (etatObjet I) LISP and the ended USP of Courbevoie are not there.
    EXPECT_EQ(find(out, "lisp-920000012"), nullptr);
    EXPECT_EQ(find(out, "usp-920000012"), nullptr);
    const model::Structure* had_zone = find(out, "had-920000021");
    ASSERT_NE(had_zone, nullptr);
    EXPECT_EQ(had_zone->intervention_communes, (std::vector<std::string>{"92050", "92012"}));
    EXPECT_EQ(had_zone->placement, model::Placement::declared_area_only);
    const model::Structure* had = find(out, "had-920000022");
    ASSERT_NE(had, nullptr);
    EXPECT_TRUE(had->intervention_communes.empty());
    EXPECT_EQ(had->placement, model::Placement::located);
}

// An analysis set up from the two files alone: a commune covered by the declared zone only
// (Nanterre), by time only (Issy-les-Moulineaux), by both (Boulogne-Billancourt).
TEST(FinessPlus, CoverageSaysZoneTimeOrBoth) {
    load::AnalysisInputs in = fixture_92({"HAD"}, [](nlohmann::json& cfg) {
        cfg["crow_fly"] = {{"speed_kmh", 10}};
    });
    const analysis::CoverageAnalysis a = analysis::analyze_coverage(in.territory, in.analysis);
    ASSERT_EQ(a.types.size(), 1u);
    std::map<std::string, std::string> method;
    for (std::size_t i = 0; i < in.territory.communes.size(); ++i)
        method[in.territory.communes[i].insee] = a.types[0].communes[i].method;
    EXPECT_EQ(method["92050"], "zone_declaree");
    EXPECT_EQ(method["92040"], "vol_oiseau");
    EXPECT_EQ(method["92012"], "vol_oiseau+zone_declaree");
}

// Capacity is the 2SFCA supply and a per-100 000 indicator: the fixture's one LISP has 10 beds.
TEST(FinessPlus, BedsAreTheSupplyAndCountPer100000) {
    load::AnalysisInputs in = fixture_92({"LISP", "EMSP"});
    const analysis::CoverageAnalysis beds = analysis::analyze_coverage(in.territory, in.analysis);
    ASSERT_EQ(beds.types.size(), 2u);
    EXPECT_EQ(beds.types[0].supply_unit, "lits");
    EXPECT_EQ(beds.types[1].supply_unit, "structures");  // the EMSP has no capacity
    // The same analysis counting the LISP as one structure: every score is a tenth.
    for (auto& s : in.territory.structures) s.capacity.reset();
    const analysis::CoverageAnalysis ones = analysis::analyze_coverage(in.territory, in.analysis);
    EXPECT_EQ(ones.types[0].supply_unit, "structures");
    std::size_t compared = 0;
    for (std::size_t c = 0; c < in.territory.communes.size(); ++c) {
        const double b = beds.types[0].communes[c].fca_per_100k,
                     o = ones.types[0].communes[c].fca_per_100k;
        EXPECT_NEAR(b, 10 * o, 1e-9 * std::max(1.0, b));
        if (o > 0) ++compared;
    }
    EXPECT_GT(compared, 0u);
    // Département 92: 10 beds for its population.
    bool found = false;
    for (const auto& ti : beds.indicators)
        if (ti.grouping == "departement") {
            found = true;
            EXPECT_EQ(ti.types[0].capacity, 10.0);
            EXPECT_NEAR(ti.types[0].capacity_per_100k, 10 / ti.population * 1e5, 1e-9);
            EXPECT_TRUE(std::isnan(ti.types[1].capacity));
        }
    EXPECT_TRUE(found);
}

// The ANS publishes the files gzipped (finess-activites-mensuel-AAAAMM.json.gz): read as they
// come, and a cut archive is an error naming the file.
TEST(FinessPlus, GzippedFilesReadAsPublished) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const auto dir = std::filesystem::temp_directory_path() / "palliacarte-finess-plus-gz";
    std::filesystem::create_directories(dir);
    const std::string gz = (dir / "activites.json.gz").string();
    ASSERT_EQ(std::system(("gzip -c '" + example(kActivities) + "' > '" + gz + "'").c_str()), 0);
    core::LoadReport report;
    load::FinessPlusCounts n;
    load::read_finess_plus(gz, example(kStructures), {}, report, &n);
    EXPECT_EQ(n.entities, 64u);
    EXPECT_EQ(n.authorised + n.exercised, 335u);
    const auto size = std::filesystem::file_size(gz);
    std::filesystem::resize_file(gz, size / 2);
    EXPECT_THROW(load::read_finess_plus(gz, example(kStructures), {}, report), core::DataError);
}

// What a finess-plus source holds in memory follows its rules, not the files: only the
// activities the mapping names (or zoned ones of its zone natures) and the establishments that
// have one or match a category or name rule.
TEST(FinessPlus, TheMappingsFilterKeepsWhatTheRulesCanUse) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    const auto all = load::read_finess_plus(example(kActivities), example(kStructures), {}, report);
    const auto filter = load::finess_plus_filter(
        config::read_finess_rules(test::config("finess-plus-activities.json")));
    const auto kept = load::read_finess_plus(example(kActivities), example(kStructures), {}, report,
                                             nullptr, filter);
    ASSERT_LT(kept.size(), all.size());
    bool convert = false;
    for (const auto& et : kept) {
        for (const auto& a : et.activities) EXPECT_EQ(a.code(), "R4/N2") << et.nofinesset;
        if (et.nofinesset == "010780195") convert = et.activities.size() == 1;
        if (et.activities.empty()) {
            EXPECT_EQ(et.categetab, "127") << et.nofinesset << " " << et.rs;
        }
    }
    EXPECT_TRUE(convert);  // the structures are the same either way: the test above
}
