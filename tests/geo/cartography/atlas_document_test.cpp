// The atlas of Corsica as `analyze --atlas` writes it: a cover, the report's synthesis with the
// analysis's figures, a coverage and a catchment map per type, the annexes, every page but the
// cover numbered « page n / N », every font embedded (read back by poppler's tools).
#include "cartography/atlas_document.hpp"

#include <gtest/gtest.h>

#include "core/french_format.hpp"
#include "output/markdown_report.hpp"
#include "printed_pages.hpp"
#include "test_shell.hpp"

namespace palliacarte {
namespace {

using test::corsica;
using test::map_inputs;
using test::plain_nbsp;

TEST(AtlasDocument, CorsicaAtlasHasEveryPartNumbered) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const auto& x = corsica();
    const output::RunProvenance prov =
        output::make_run_provenance(x.territory_config, x.territory, x.analysis);
    const cartography::CoverageMapInputs in = map_inputs(x.territory, x.analysis, prov);
    const test::ScratchDir dir("atlas");
    const std::string pdf = dir.file("atlas.pdf");
    const std::string report = output::markdown_report(x.territory, x.analysis, {}, prov);
    const cartography::AtlasContents contents =
        cartography::write_atlas(pdf, cartography::PaperSize::a4, in, report);
    const auto info = test::shell("pdfinfo " + pdf);
    EXPECT_NE(info.out.find("Pages:           " + std::to_string(contents.pages) + "\n"),
              std::string::npos)
        << info.out;
    EXPECT_EQ(contents.annexes - contents.first_map, 2 * x.analysis.types.size())
        << "a coverage map and a catchment map per type";
    auto page = [&](std::size_t n) {
        return plain_nbsp(test::shell("pdftotext -raw -f " + std::to_string(n) + " -l " +
                                      std::to_string(n) + " " + pdf + " -")
                              .out);
    };
    const std::string cover = page(1);
    EXPECT_NE(cover.find("Atlas de l'accès aux soins palliatifs"), std::string::npos) << cover;
    EXPECT_NE(cover.find("Corse"), std::string::npos) << cover;
    EXPECT_EQ(cover.find("page 1"), std::string::npos) << "the cover has no number";
    for (std::size_t n = 2; n <= contents.pages; ++n)
        EXPECT_NE(
            page(n).find("page " + std::to_string(n) + " / " + std::to_string(contents.pages)),
            std::string::npos)
            << "page " << n;
    // The summary is the report's synthesis table, with its figures.
    std::string summary;
    for (std::size_t n = 2; n < contents.first_map; ++n) summary += page(n);
    EXPECT_NE(summary.find("Synthèse par type"), std::string::npos) << summary;
    for (const auto& tc : x.analysis.types) {
        std::size_t white = 0;
        for (const auto& cc : tc.communes)
            white += cc.status == analysis::CoverageStatus::white_zone;
        // The type's row: « HAD 30 min 3 / 0 / 0 61,8 % 61,8 % 292 135 730 35 107 ».
        const std::string start =
            "\n" + tc.type + " " + core::thousands(tc.threshold_min) + " min ";
        const auto at = summary.find(start);
        ASSERT_NE(at, std::string::npos) << summary;
        const std::string row = summary.substr(at, summary.find('\n', at + 1) - at) + " ";
        std::string token =
            " ";  // appended: GCC 12 warns on a chain of + here (-Wstringop-overflow)
        token.append(core::thousands(white)).append(" ");
        EXPECT_NE(row.find(token), std::string::npos) << row << " / " << white;
    }
    EXPECT_NE(page(contents.first_map).find("Accès à une HAD en moins de 30 minutes — Corse"),
              std::string::npos);
    EXPECT_NE(
        page(contents.first_map + 1).find("Zones desservies par une HAD : 15, 30 et 45 minutes"),
        std::string::npos)
        << page(contents.first_map + 1);
    std::string annexes;
    for (std::size_t n = contents.annexes; n <= contents.pages; ++n) annexes += page(n);
    for (const char* section :
         {"Communes à regarder en premier", "Indicateurs par territoire", "Méthode",
          "Sources et paramètres de ce calcul", "Porto-Vecchio (2A247)"})
        EXPECT_NE(annexes.find(section), std::string::npos) << section;
    EXPECT_EQ(annexes.find("Cartes\n"), std::string::npos)
        << "the report's map section is the maps themselves";
    const auto fonts = test::shell("pdffonts " + pdf);
    EXPECT_EQ(fonts.out.find(" no  "), std::string::npos) << "a font not embedded:\n" << fonts.out;
}

}  // namespace
}  // namespace palliacarte
