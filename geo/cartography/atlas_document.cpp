#include "cartography/atlas_document.hpp"

#include <algorithm>

#include "cartography/catchment_map.hpp"
#include "cartography/coverage_map.hpp"
#include "cartography/map_documents.hpp"
#include "cartography/map_page.hpp"
#include "cartography/markdown_pages.hpp"
#include "cartography/page_text.hpp"
#include "core/french_format.hpp"

namespace palliacarte::cartography {

namespace {

// report.md cut at its "## " headings: the opening and the sections, by title.
std::vector<std::pair<std::string, std::string>> sections(const std::string& report) {
    std::vector<std::pair<std::string, std::string>> out{{"", ""}};
    std::size_t pos = 0;
    while (pos < report.size()) {
        const auto end = report.find('\n', pos);
        const std::string line =
            report.substr(pos, end == std::string::npos ? std::string::npos : end - pos + 1);
        pos = end == std::string::npos ? report.size() : end + 1;
        if (line.rfind("## ", 0) == 0) {
            std::string title = line.substr(3);
            while (!title.empty() && (title.back() == '\n' || title.back() == ' '))
                title.pop_back();
            out.emplace_back(title, "");
        }
        out.back().second += line;
    }
    return out;
}

void draw_cover(cairo_t* cr, const CoverageMapInputs& in) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_rectangle(cr, 0, 0, kPageWidth, 150);
    set_colour(cr, kTerritoryLine);
    cairo_fill(cr);
    const double x = 60, w = kPageWidth - 120;
    PageText(cr, "Atlas de l'accès aux soins palliatifs", {15, false, false, {0.85, 0.9, 0.95}}, w)
        .draw(x, 58);
    PageText(cr, print_typography(in.options.title_prefix + in.credits.territory),
             {30, true, false, {1, 1, 1}}, w)
        .draw(x, 82);
    double y = 190;
    auto para = [&](const std::string& text, const TextStyle& style) {
        const PageText t(cr, print_typography(text), style, w);
        t.draw(x, y);
        y += t.height() + 10;
    };
    const TextStyle body{11, false, false, {0.15, 0.15, 0.15}};
    para("Analyse du " + date_fr(in.credits.run_date), {13, true, false, {0.1, 0.1, 0.1}});
    std::string types;
    for (const auto& tc : in.analysis.types)
        types += (types.empty() ? "" : " ; ") + tc.type + " (" + tc.label + ", seuil " +
                 minutes_fr(tc.threshold_min) + " min)";
    para("Structures analysées : " + types + ".", body);
    para("Temps d'accès : " + in.analysis.method_label + ".", body);
    double inhabitants = 0;
    for (const auto& c : in.territory.communes) inhabitants += c.population.value_or(0);
    para("Territoire : " +
             core::counted(double(in.territory.communes.size()), "commune", "communes") + ", " +
             core::counted(inhabitants, "habitant", "habitants") + ".",
         body);
    y += 10;
    para(
        "Une commune est couverte quand la plupart de ses habitants sont à moins du seuil d'une "
        "structure du type (ou dans sa zone d'intervention déclarée), en zone blanche quand "
        "presque aucun ne l'est. Chaque carte dit ses sources et son modèle de temps ; la "
        "méthode et les millésimes sont en fin de document.",
        {10, false, true, {0.3, 0.3, 0.3}});
    PageText(cr, print_typography(in.credits.sources), {7.5, false, false, {0.35, 0.35, 0.35}}, w)
        .draw(x, kPageHeight - 90);
    PageText(cr, "Établi avec palliacarte " + in.credits.version,
             {8, false, true, {0.35, 0.35, 0.35}})
        .draw(x, kPageHeight - 50);
}

}  // namespace

AtlasContents write_atlas(const std::string& path, PaperSize paper, const CoverageMapInputs& in,
                          const std::string& report) {
    std::string summary, annexes;
    for (const auto& [title, text] : sections(report)) {
        if (title.empty() || title == "Synthèse par type" || title.rfind("Accessibilité", 0) == 0)
            summary += text;
        else if (title != "Cartes")
            annexes += text;
    }
    const std::string running = "Atlas — " + in.credits.territory;
    std::vector<NumberedPage> numbered;
    for (auto& p : markdown_pages(summary, running, in.credits)) numbered.push_back(std::move(p));
    AtlasContents contents;
    contents.first_map = numbered.size() + 2;  // after the cover
    for (const auto& tc : in.analysis.types) {
        numbered.push_back([&in, &tc](cairo_t* cr, const std::string& label) {
            draw_coverage_map(cr, in, tc, label);
        });
        // No catchment page for a type whose structures have no position (declared zones only).
        if (std::any_of(tc.union_catchments.begin(), tc.union_catchments.end(),
                        [](const model::MultiPolygon& mp) { return !mp.empty(); }))
            numbered.push_back([&in, &tc](cairo_t* cr, const std::string& label) {
                draw_catchment_map(cr, in, tc, label);
            });
    }
    contents.annexes = numbered.size() + 2;
    for (auto& p : markdown_pages(annexes, running, in.credits)) numbered.push_back(std::move(p));

    contents.pages = numbered.size() + 1;
    std::vector<DrawPage> pages{[&in](cairo_t* cr) { draw_cover(cr, in); }};
    for (std::size_t k = 0; k < numbered.size(); ++k) {
        const std::string label =
            "page " + std::to_string(k + 2) + " / " + std::to_string(contents.pages);
        pages.push_back([&numbered, k, label](cairo_t* cr) { numbered[k](cr, label); });
    }
    write_pdf(path, paper, pages);
    return contents;
}

}  // namespace palliacarte::cartography
