#include "load/finess_establishment.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "config/territory_config.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "load/commune_loader.hpp"
#include "load/structure_placement.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {
const std::vector<std::string> kDeps = {"92", "25", "39", "70", "90"};
}

TEST(Finess, EtalabLayoutMatchesFlattenedFileForTheSameDepartements) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    const auto etalab = load::read_finess_etalab(
        test::data("structures/finess-etalab-layout_92-25-39-70-90_20210108.csv"), kDeps, report);
    const auto flat =
        load::read_finess_flat(test::data("structures/finess_et_geo_20210108.csv"), kDeps, report);
    EXPECT_EQ(etalab.size(), 3859u);
    ASSERT_EQ(etalab.size(), flat.size());
    std::map<std::string, const load::FinessEstablishment*> by_id;
    for (const auto& e : flat) by_id[e.nofinesset] = &e;
    std::size_t located = 0;
    for (const auto& e : etalab) {
        const auto it = by_id.find(e.nofinesset);
        ASSERT_NE(it, by_id.end()) << e.nofinesset;
        const auto& f = *it->second;
        EXPECT_EQ(e.nofinessej, f.nofinessej);
        EXPECT_EQ(e.rs, f.rs);
        EXPECT_EQ(e.categetab, f.categetab);
        EXPECT_EQ(e.departement, f.departement);
        ASSERT_EQ(e.x.has_value(), f.x.has_value()) << e.nofinesset;
        if (e.x) {
            ++located;
            EXPECT_EQ(e.source_epsg, 2154);
            EXPECT_LT(std::abs(*e.x - *f.x), 0.01) << e.nofinesset;
            EXPECT_LT(std::abs(*e.y - *f.y), 0.01) << e.nofinesset;
        }
    }
    EXPECT_GT(located, 3800u);
    EXPECT_EQ(report.count(core::Severity::rejected), 0u);
}

TEST(Finess, Latin1EtalabFileReadsTheSameAsUtf8) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    // The official extracts before 2022 are ISO-8859-1: re-encode a slice of the real file.
    const std::string utf8 =
        core::read_file(test::data("structures/finess-etalab-layout_92-25-39-70-90_20210108.csv"));
    std::string head = utf8.substr(0, utf8.find('\n', 200000) + 1);
    std::string latin1;
    for (std::size_t i = 0; i < head.size(); ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c == 0xC3 && i + 1 < head.size()) {
            latin1.push_back(
                static_cast<char>(0xC0 + (static_cast<unsigned char>(head[++i]) - 0x80)));
        } else if (c == 0xC5 && i + 1 < head.size() &&
                   static_cast<unsigned char>(head[i + 1]) == 0x92) {
            latin1.push_back('\x8C');
            ++i;
        } else {
            latin1.push_back(static_cast<char>(c));
        }
    }
    ASSERT_FALSE(core::is_valid_utf8(latin1));
    test::ScratchDir dir("latin1");
    const auto p8 = dir.write("utf8.csv", head), p1 = dir.write("latin1.csv", latin1);
    core::LoadReport r8, r1;
    const auto a = load::read_finess_etalab(p8, {}, r8);
    const auto b = load::read_finess_etalab(p1, {}, r1);
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 100u);
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].rs, b[i].rs);
        EXPECT_EQ(a[i].libcategetab, b[i].libcategetab);
    }
    EXPECT_EQ(r1.count("latin1"), 1u);
}

TEST(Finess, HadSelectionFindsCategory127AndHadNamedHospitalUnits) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    core::LoadReport report;
    load::CommuneLoadOptions o;
    o.source.path = test::data("communes/france-geojson/communes-92-hauts-de-seine.geojson");
    const auto communes = load::load_communes(o, report).communes;
    const auto ets =
        load::read_finess_flat(test::data("structures/finess_et_geo_20210108.csv"), {"92"}, report);
    load::StructurePlacer placer(communes, 2154, 10000);
    const auto types = model::StructureTypeTable::load(test::structure_types());
    std::vector<model::Structure> out;
    const std::vector<config::FinessRule> rules = {
        {"HAD", {"127"}, R"(\bHAD\b|H\.A\.D|HOSPITALISATION A DOMICILE)", "", {}, {}}};
    const auto n = load::select_finess_structures(ets, rules, types, placer, out, report, "finess");
    // SOURCES.md: category 127 or the HAD name pattern gives 4 ETs in 92.
    EXPECT_EQ(n, 4u);
    ASSERT_EQ(out.size(), 4u);
    std::set<std::string> ids;
    for (const auto& s : out) {
        ids.insert(s.finess_et);
        EXPECT_EQ(s.type, "HAD");
        EXPECT_TRUE(s.position) << s.id;
    }
    EXPECT_TRUE(ids.count("920813599"));  // HAD CH Rives de Seine, category 355
    EXPECT_TRUE(ids.count("920813623"));  // HAD Santé Service, category 127
}

TEST(Finess, NotAFinessFileIsADataError) {
    core::LoadReport report;
    EXPECT_THROW(load::read_finess_etalab(test::data("territories/coordination-territories-92.csv"),
                                          {}, report),
                 core::DataError);
    EXPECT_THROW(load::read_finess_flat(test::data("territories/coordination-territories-92.csv"),
                                        {}, report),
                 core::DataError);
}

// The national FINESS file serves a territory with the neighbours' establishments within its
// margin: the Cantal has no HAD of its own, three HAD based around it serve it (issue 13: the
// run said « aucune structure », the summary now says « 3 HAD (toutes hors du territoire) »).
TEST(Finess, NeighbouringDepartementsHadWithinTheMarginAreKept) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const nlohmann::json doc = {
        {"name", "Cantal"},
        {"departements", {"15"}},
        {"structure_margin_km", 30},
        {"communes",
         {{"path", "communes/france-geojson/communes-france-entiere-2018-merged.geojson"}}},
        {"crosswalk", {{"path", "communes/communes-2018-to-cog2026-crosswalk.csv"}}},
        {"population", {{"path", "communes/decoupage-administratif/communes.json"}}},
        {"structures",
         {{{"format", "finess-flat"},
           {"path", "structures/finess_et_geo_20210108.csv"},
           {"select",
            {{{"type", "HAD"},
              {"categories", {"127"}},
              {"name_pattern", "\\bHAD\\b|H\\.A\\.D|HOSPITALISATION A DOMICILE"}}}}}}},
        {"structure_types", test::structure_types()}};
    const model::Territory t =
        load::load_territory(config::parse_territory_config(doc, "cantal.json", test::data_root()));
    std::size_t had = 0;
    for (const auto& s : t.structures) {
        if (s.type != "HAD") continue;
        ++had;
        ASSERT_TRUE(s.position) << s.id;
        EXPECT_GT(s.outside_distance_m, 0) << s.id;      // based outside the Cantal
        EXPECT_LT(s.outside_distance_m, 30000) << s.id;  // within the margin
        EXPECT_NE(s.finess_et.substr(0, 2), "15") << s.id;
    }
    EXPECT_EQ(had, 3u);
    // Nothing from farther away, and no unlocated establishment of another département.
    for (const auto& s : t.structures) EXPECT_TRUE(s.position) << s.id;
}
