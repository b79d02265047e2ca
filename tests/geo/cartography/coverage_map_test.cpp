// The printed coverage maps and the atlas, on Corsica analysed as `analyze` does it: the PDF's
// text (read back by poppler's pdftotext) has the title, each class's communes and inhabitants
// as the analysis counts them, and the sources; the rasterised page (pdftoppm) shows the
// status colours where the communes are; every structure of the type lies in the map frame,
// one moved 150 km out to sea included (the atlas: atlas_document_test.cpp).
#include <gtest/gtest.h>

#include <gdal_priv.h>

#include <array>
#include <cmath>
#include <map>
#include <vector>

#include "cartography/atlas_document.hpp"
#include "cartography/coverage_map.hpp"
#include "cartography/label_placer.hpp"
#include "cartography/map_documents.hpp"
#include "cartography/markdown_pages.hpp"
#include "cartography/page_text.hpp"
#include "core/bounded_json.hpp"
#include "core/french_format.hpp"
#include "geos/geos_context.hpp"
#include "load/analysis_inputs.hpp"
#include "output/markdown_report.hpp"
#include "output/run_provenance.hpp"
#include "printed_pages.hpp"
#include "test_paths.hpp"
#include "test_shell.hpp"

namespace palliacarte {
namespace {

namespace bg = boost::geometry;

using test::corsica;
using test::map_inputs;
using test::palette;
using test::plain_nbsp;

// … and drops the narrow ones between digits: numbers without separators, to compare.
std::string plain_spaces(const std::string& s) {
    const std::string in = plain_nbsp(s);
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i)
        if (!(in[i] == ' ' && i > 0 && i + 1 < in.size() &&
              std::isdigit((unsigned char)in[i - 1]) && std::isdigit((unsigned char)in[i + 1])))
            out += in[i];
    return out;
}

// RGB of the pixel at page point (x, y) of a raster `px_per_pt` pixels per point.
std::array<int, 3> pixel(const std::string& raster, double x, double y, double px_per_pt) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(raster.c_str(), GDAL_OF_RASTER));
    EXPECT_TRUE(ds) << raster;
    std::array<int, 3> rgb{-1, -1, -1};
    if (!ds) return rgb;
    const int col = int(x * px_per_pt), row = int(y * px_per_pt);
    for (int b = 0; b < 3; ++b) {
        unsigned char v = 0;
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Read, col, row, 1, 1, &v, 1, 1, GDT_Byte, 0, 0) ==
            CE_None)
            rgb[b] = v;
    }
    return rgb;
}

std::array<int, 3> hex_rgb(const std::string& hex) {
    return {std::stoi(hex.substr(1, 2), nullptr, 16), std::stoi(hex.substr(3, 2), nullptr, 16),
            std::stoi(hex.substr(5, 2), nullptr, 16)};
}

int distance(const std::array<int, 3>& a, const std::array<int, 3>& b) {
    return std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
}

// Nine points inside the largest commune of that status: the centre of the largest circle that
// fits in it, and eight around at half its radius (a name or a structure may cover a few).
std::vector<model::Point> inside_largest(const model::Territory& t,
                                         const analysis::TypeCoverage& tc,
                                         analysis::CoverageStatus s) {
    std::optional<std::size_t> best;
    for (std::size_t c = 0; c < t.communes.size(); ++c)
        if (tc.communes[c].status == s &&
            (!best || t.communes[c].area_m2 > t.communes[*best].area_m2))
            best = c;
    if (!best) return {};
    const geos::GeosContext geos;
    const geos::GeosGeometry g = geos.to_geos(t.communes[*best].geometry);
    const geos::GeosGeometry line =
        geos.wrap(GEOSMaximumInscribedCircle_r(geos.handle(), g.get(), 10));
    double radius = 0;
    GEOSLength_r(geos.handle(), line.get(), &radius);
    const geos::GeosGeometry centre = geos.wrap(GEOSGeomGetStartPoint_r(geos.handle(), line.get()));
    model::Point c;
    GEOSGeomGetX_r(geos.handle(), centre.get(), &c.x);
    GEOSGeomGetY_r(geos.handle(), centre.get(), &c.y);
    std::vector<model::Point> out{c};
    for (int k = 0; k < 8; ++k)
        out.push_back(
            {c.x + radius / 2 * std::cos(k * M_PI / 4), c.y + radius / 2 * std::sin(k * M_PI / 4)});
    return out;
}

TEST(CoverageMap, CorsicaPdfSaysWhatItShowsWithTheAnalysisCounts) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const auto& x = corsica();
    const output::RunProvenance prov =
        output::make_run_provenance(x.territory_config, x.territory, x.analysis);
    const cartography::CoverageMapInputs in = map_inputs(x.territory, x.analysis, prov);
    const test::ScratchDir dir("coverage-map");
    for (const auto& tc : x.analysis.types) {
        const std::string pdf = dir.file("carte_" + tc.type + ".pdf");
        cartography::write_pdf(pdf, cartography::PaperSize::a4,
                               {[&](cairo_t* cr) { cartography::draw_coverage_map(cr, in, tc); }});
        const auto info = test::shell("pdfinfo " + pdf);
        ASSERT_EQ(info.status, 0) << info.out;
        EXPECT_NE(info.out.find("Pages:           1"), std::string::npos) << info.out;
        EXPECT_NE(info.out.find("841.89 x 595.28 pts (A4)"), std::string::npos) << info.out;
        const auto fonts = test::shell("pdffonts " + pdf);
        EXPECT_NE(fonts.out.find("DejaVuSans"), std::string::npos) << fonts.out;
        EXPECT_EQ(fonts.out.find(" no  "), std::string::npos) << "a font not embedded:\n"
                                                              << fonts.out;

        const std::string text = plain_spaces(test::shell("pdftotext -raw " + pdf + " -").out);
        const model::StructureType* st = x.territory.types.find(tc.type);
        ASSERT_TRUE(st);
        const std::string title = st->map_noun.empty()
                                      ? tc.label
                                      : "Accès à " + st->map_noun + " en moins de " +
                                            core::thousands(tc.threshold_min) + " minutes — Corse";
        EXPECT_NE(text.find(title), std::string::npos) << text;
        // Each class's figures, counted here from the analysis.
        std::map<analysis::CoverageStatus, std::pair<std::size_t, double>> counts;
        for (const auto& cc : tc.communes) {
            ++counts[cc.status].first;
            counts[cc.status].second += cc.population;
        }
        std::size_t total = 0;
        for (const auto& [status, n] : counts) {
            const std::string figures =
                plain_spaces(core::counted(double(n.first), "commune", "communes") + " · " +
                             core::counted(n.second, "habitant", "habitants"));
            EXPECT_NE(text.find(figures), std::string::npos) << tc.type << ": " << figures << "\n"
                                                             << text;
            total += n.first;
        }
        EXPECT_EQ(total, x.territory.communes.size());
        EXPECT_NE(text.find("Sources : Contours des communes"), std::string::npos) << text;
        EXPECT_NE(text.find("OpenStreetMap"), std::string::npos) << text;
        EXPECT_NE(text.find("Carte : palliacarte"), std::string::npos) << text;
        EXPECT_NE(text.find("50 km"), std::string::npos) << "scale bar\n" << text;

        // Rasterised at 72 dpi (1 pixel per point): the largest covered and white-zone
        // communes have their status colour (a white zone under its hatching: darker).
        const auto ppm =
            test::shell("pdftoppm -r 72 -png -singlefile " + pdf + " " + dir.file(tc.type));
        ASSERT_EQ(ppm.status, 0) << ppm.out;
        const cartography::MapFrame frame = cartography::coverage_map_frame(in, tc);
        const std::string png = dir.file(tc.type + ".png");
        const auto blue = hex_rgb(palette()["status"]["covered"]),
                   red = hex_rgb(palette()["status"]["white_zone"]);
        std::size_t covered = 0, white = 0;
        const auto covered_points =
            inside_largest(x.territory, tc, analysis::CoverageStatus::covered);
        for (const auto& p : covered_points) {
            const auto at = frame.to_page(p);
            covered += distance(pixel(png, at[0], at[1], 1), blue) < 40;
        }
        EXPECT_GE(covered * 2, covered_points.size())
            << tc.type << ": the covered commune is not blue";
        const auto white_points =
            inside_largest(x.territory, tc, analysis::CoverageStatus::white_zone);
        for (const auto& p : white_points) {
            const auto at = frame.to_page(p);
            // Averaged over a hatching period: the fill, darkened by the lines.
            std::array<int, 3> mean{0, 0, 0};
            for (int d = -3; d < 3; ++d) {
                const auto got = pixel(png, at[0] + d, at[1], 1);
                for (int b = 0; b < 3; ++b) mean[b] += got[b] / 6;
            }
            white += mean[0] > mean[2] + 60 && mean[0] < red[0];
        }
        EXPECT_GE(white * 2, white_points.size())
            << tc.type << ": the white zone is not hatched red";
    }
}

TEST(CoverageMap, EveryStructureOfTheTypeIsInTheFrameEvenOutsideTheTerritory) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    auto x = test::analysed_territory("corse.json");
    const output::RunProvenance prov =
        output::make_run_provenance(x.territory_config, x.territory, x.analysis);
    const analysis::TypeCoverage* had = nullptr;
    for (const auto& tc : x.analysis.types)
        if (tc.type == "HAD") had = &tc;
    ASSERT_TRUE(had && !had->located.empty());
    // The first HAD moved 150 km out to sea, west of Ajaccio: beyond the frame the island alone
    // would get (it is tall: the frame leaves some 75 km of sea on each side).
    model::Structure& moved = x.territory.structures[had->located.front()];
    const model::Box island =
        bg::return_envelope<model::Box>(*x.analysis.outline.in(x.territory.epsg));
    moved.position = model::Point{island.min_corner().x - 150000,
                                  (island.min_corner().y + island.max_corner().y) / 2};
    const cartography::CoverageMapInputs in = map_inputs(x.territory, x.analysis, prov);
    const cartography::MapFrame frame = cartography::coverage_map_frame(in, *had);
    std::size_t checked = 0;
    for (const auto* list : {&had->located, &had->off_network})
        for (const auto s : *list) {
            const auto at = frame.to_page(*x.territory.structures[s].position);
            EXPECT_TRUE(frame.area().contains(at[0], at[1]))
                << x.territory.structures[s].name << " at " << at[0] << "," << at[1];
            ++checked;
        }
    EXPECT_EQ(checked, had->located.size() + had->off_network.size());
    // And the island is still all there.
    for (const auto& corner : {island.min_corner(), island.max_corner()}) {
        const auto at = frame.to_page(corner);
        EXPECT_TRUE(frame.area().contains(at[0], at[1]));
    }
}

// The committee's document: cover, summary, two maps per type, the report's other sections,
// every page numbered « page N / M » after the cover.
// What was observed: in Cantal every HAD stands outside the département (Aurillac's nearest are
// in Aveyron, Lot, Haute-Loire, Puy-de-Dôme) and the old map cut them off. A Cantal config on
// the national files (FINESS 2021, 40 km margin): each HAD's whole marker is in the frame.
TEST(CoverageMap, CantalHadsOutsideTheDepartementAreOnItsMap) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const test::ScratchDir dir("cantal");
    nlohmann::json config = core::parse_bounded_json([] {
        std::ifstream in(test::source_dir() + "/data/france-entiere.json");
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }());
    config["name"] = "Cantal";
    config["departements"] = {"15"};
    config["structure_margin_km"] = 40;
    config["analysis"] = {{"types", {"HAD"}}, {"catchment_thresholds_min", {15, 30, 45}}};
    config.erase("web_map");
    const std::string path = dir.write("cantal.json", config.dump());
    load::AnalysisInputs inputs = load::load_analysis_inputs(path, test::data_root());
    const analysis::CoverageAnalysis analysis =
        analysis::analyze_coverage(inputs.territory, inputs.analysis);
    const analysis::TypeCoverage& had = analysis.types.front();
    std::size_t outside = 0;
    for (const auto s : had.located)
        outside += inputs.territory.structures[s].outside_distance_m > 0;
    ASSERT_GE(had.located.size(), 3u);
    EXPECT_EQ(outside, had.located.size()) << "the observation: no HAD in the Cantal itself";
    const output::RunProvenance prov =
        output::make_run_provenance(inputs.config, inputs.territory, analysis);
    const cartography::CoverageMapInputs in = map_inputs(inputs.territory, analysis, prov);
    const cartography::MapFrame frame = cartography::coverage_map_frame(in, had);
    for (const auto s : had.located) {
        const auto at = frame.to_page(*inputs.territory.structures[s].position);
        const cartography::Rect& f = frame.area();
        EXPECT_TRUE(at[0] - 4.5 >= f.x && at[0] + 4.5 <= f.right() && at[1] - 4.5 >= f.y &&
                    at[1] + 4.5 <= f.bottom())
            << inputs.territory.structures[s].name << " at " << at[0] << "," << at[1];
    }
    // The legend says so.
    cartography::write_pdf(dir.file("carte.pdf"), cartography::PaperSize::a4,
                           {[&](cairo_t* cr) { cartography::draw_coverage_map(cr, in, had); }});
    const std::string text =
        plain_nbsp(test::shell("pdftotext -raw " + dir.file("carte.pdf") + " -").out);
    EXPECT_NE(text.find("(dont " + std::to_string(outside) + " hors du territoire)"),
              std::string::npos)
        << text;
}

}  // namespace
}  // namespace palliacarte
