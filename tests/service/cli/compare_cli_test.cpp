// `palliacarte compare`: the 92's curated directory against a FINESS+ reading of the same
// establishments (hand-written FINESS+ fixtures with two real FINESS numbers of the directory).
#include <gtest/gtest.h>

#include <string>

#include "core/csv_reader.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

namespace {

palliacarte::test::Outcome run(const std::string& args) {
    return palliacarte::test::shell(std::string(PALLIACARTE_BINARY) + " " + args, true);
}

std::string fixture(const std::string& name) {
    std::string path = palliacarte::test::source_dir();  // appended: see test_paths.hpp
    path.append("/tests/fixtures/finess-plus/").append(name);
    return path;
}

}  // namespace

TEST(CompareCli, DirectoryAgainstFinessPlusByNumberAndType) {
    palliacarte::test::ScratchDir dir("compare");
    const std::string csv = dir.file("comparaison.csv");
    const auto r = run("compare " + palliacarte::test::config("hauts-de-seine.json") +
                       " --quiet --activities " + fixture("compare-activites-92.json") +
                       " --structures " + fixture("compare-structures-92.json") + " --csv " + csv);
    ASSERT_EQ(r.status, 0) << r.out;
    // Per type: directory, FINESS+, both, type differs, directory only, FINESS+ only.
    EXPECT_NE(r.out.find("  LISP            17        2         1           0             16"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  EMSP            13        1         0           0             13  "
                         "           1"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("FINESS 920000593 : USP dans l'annuaire (Centre Hospitalier Rives de "
                         "Seine - Site de Puteaux), LISP dans FINESS+ (ASR R4/N2)"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("non comparés (FINESS+ ne les connaît pas) : BENEVOLES"),
              std::string::npos);
    const std::string text = palliacarte::core::read_file(csv);
    EXPECT_EQ(text.rfind("\xEF\xBB\xBF"
                         "accord;finess_et;",
                         0),
              0u);
    // The shared establishment: 8 beds from FINESS+, 120 m between the two positions.
    EXPECT_NE(text.find("les deux;920300043;LISP;LISP;Hôpital privé d'Antony;HOPITAL PRIVE D "
                        "ANTONY;8;lits;ASR R4/N2;0;0;120"),
              std::string::npos)
        << text;
}

TEST(CompareCli, WithoutTheFilesItSaysWhereItLooked) {
    const auto r = run("compare " + palliacarte::test::config("hauts-de-seine.json"));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.out.find("structures/finess-plus/ (palliacarte fetch les télécharge)"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(
        run("compare " + palliacarte::test::config("hauts-de-seine.json") + " --activities x.json")
            .status,
        2);
}
