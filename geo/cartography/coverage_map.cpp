#include "cartography/coverage_map.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/territory_outline.hpp"
#include "cartography/label_placer.hpp"
#include "cartography/map_frame.hpp"
#include "cartography/map_furniture.hpp"
#include "cartography/page_text.hpp"
#include "core/french_format.hpp"
#include "geos/geos_context.hpp"

namespace palliacarte::cartography {

namespace bg = boost::geometry;

namespace {

// Beyond this many communes in view their outlines would only grey the map.
constexpr std::size_t kMaxOutlinedCommunes = 1500;

// Label anchors: a point inside the commune's largest part (a centroid can fall outside).
model::Point inside_point(const geos::GeosContext& geos, const model::MultiPolygon& mp) {
    std::size_t best = 0;
    double best_area = -1;
    for (std::size_t i = 0; i < mp.size(); ++i) {
        const double a = std::abs(bg::area(mp[i]));
        if (a > best_area) best = i, best_area = a;
    }
    model::MultiPolygon one{mp[best]};
    const geos::GeosGeometry g = geos.to_geos(one);
    const geos::GeosGeometry p = geos.wrap(GEOSPointOnSurface_r(geos.handle(), g.get()));
    model::Point out = mp[best].outer().front();
    if (p) {
        GEOSGeomGetX_r(geos.handle(), p.get(), &out.x);
        GEOSGeomGetY_r(geos.handle(), p.get(), &out.y);
    }
    return out;
}

std::vector<std::size_t> structures_drawn(const CoverageMapInputs& in,
                                          const analysis::TypeCoverage& tc) {
    std::vector<std::size_t> out;
    for (const auto* list : {&tc.located, &tc.off_network})
        for (const auto s : *list)
            if (in.territory.structures[s].position && in.territory.structures[s].epsg == in.epsg)
                out.push_back(s);
    return out;
}

}  // namespace

CoverageMapInputs coverage_map_inputs(const model::Territory& territory,
                                      const analysis::CoverageAnalysis& analysis,
                                      const PageCredits& credits, const nlohmann::json& palette,
                                      const MapOptions& options) {
    return {territory, analysis,       credits,
            palette,   territory.epsg, analysis::departement_outlines(territory, territory.epsg),
            options};
}

std::vector<LegendClass> legend_classes(const analysis::CoverageAnalysis& analysis,
                                        const analysis::TypeCoverage& tc) {
    const std::string t = minutes_fr(tc.threshold_min) + " min";
    const std::string hi = core::percent_fr(analysis.rule.covered_min_share, 0);
    const std::string lo = core::percent_fr(analysis.rule.white_zone_max_share, 0);
    std::vector<LegendClass> out{
        {analysis::CoverageStatus::covered,
         "Couverte : " + hi + " des habitants ou plus à " + t + " ou moins"},
        {analysis::CoverageStatus::partial,
         "Partielle : entre " + lo + " et " + hi + " des habitants"},
        {analysis::CoverageStatus::white_zone,
         "Zone blanche : " + lo + " ou moins des habitants à " + t},
    };
    if (analysis.rule.declared_area_covers)
        out[0].label += ", ou dans une zone d'intervention déclarée";
    for (const auto& cc : tc.communes) {
        auto& c = out[static_cast<std::size_t>(cc.status)];
        ++c.communes;
        c.inhabitants += cc.population;
    }
    return out;
}

std::string coverage_map_title(const CoverageMapInputs& in, const analysis::TypeCoverage& tc) {
    const model::StructureType* st = in.territory.types.find(tc.type);
    const std::string what = st && !st->map_noun.empty()
                                 ? "Accès à " + st->map_noun
                                 : "Accès : " + tc.label + " (" + tc.type + ")";
    return in.options.title_prefix + what + " en moins de " + minutes_fr(tc.threshold_min) +
           " minutes — " + in.credits.territory;
}

model::Box coverage_map_extent(const CoverageMapInputs& in, const analysis::TypeCoverage& tc) {
    model::Box box;
    bg::assign_inverse(box);
    if (const model::MultiPolygon* outline = in.analysis.outline.in(in.epsg)) {
        bg::expand(box, bg::return_envelope<model::Box>(*outline));
    } else {
        for (const auto& c : in.territory.communes)
            if (c.epsg == in.epsg) bg::expand(box, c.bbox);
    }
    for (const auto s : structures_drawn(in, tc))
        bg::expand(box, *in.territory.structures[s].position);
    // A margin of 3 %, and room for a whole marker at the edge (9 points at the page's scale).
    auto padded = [&](double pad) {
        return model::Box({box.min_corner().x - pad, box.min_corner().y - pad},
                          {box.max_corner().x + pad, box.max_corner().y + pad});
    };
    const double pad = 0.03 * std::max(box.max_corner().x - box.min_corner().x,
                                       box.max_corner().y - box.min_corner().y);
    return padded(pad + 9 / MapFrame(padded(pad), kMapFrame).points_per_metre());
}

MapFrame coverage_map_frame(const CoverageMapInputs& in, const analysis::TypeCoverage& tc) {
    return MapFrame(coverage_map_extent(in, tc), kMapFrame);
}

void draw_limits(cairo_t* cr, const CoverageMapInputs& in, const MapFrame& frame) {
    cairo_new_path(cr);
    for (const auto& [code, mp] : in.departements) append_rings(cr, frame, mp);
    set_colour(cr, kDepartementLine);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    if (const model::MultiPolygon* outline = in.analysis.outline.in(in.epsg)) {
        cairo_new_path(cr);
        append_rings(cr, frame, *outline);
        set_colour(cr, kTerritoryLine);
        cairo_set_line_width(cr, 1.6);
        cairo_stroke(cr);
    }
}

void limits_legend(Legend& legend) {
    legend.heading("Limites");
    legend.line(1.6, kTerritoryLine, "territoire analysé");
    legend.line(0.8, kDepartementLine, "département");
    legend.swatch(kOutsideGrey, nullptr, "hors du territoire analysé");
}

StructureCounts draw_structures(cairo_t* cr, const CoverageMapInputs& in,
                                const analysis::TypeCoverage& tc, const MapFrame& frame,
                                LabelPlacer& labels) {
    const Rgb colour = palette_colour(in.palette, "types", tc.type, "#333333");
    StructureCounts n;
    for (const auto s : structures_drawn(in, tc)) {
        const model::Structure& st = in.territory.structures[s];
        const bool hollow =
            std::find(tc.off_network.begin(), tc.off_network.end(), s) != tc.off_network.end();
        const auto at = frame.to_page(*st.position);
        draw_marker(cr, at[0], at[1], colour, hollow);
        labels.block({at[0] - 4, at[1] - 4, 8, 8});
        ++n.drawn;
        n.off_network += hollow;
        n.outside_territory += st.outside_distance_m > 0;
    }
    return n;
}

void label_structures(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                      const MapFrame& frame, LabelPlacer& labels) {
    const Rgb c = palette_colour(in.palette, "types", tc.type, "#333333");
    const TextStyle style{7, true, false, {c.r * 0.6, c.g * 0.6, c.b * 0.6}};
    for (const auto s : structures_drawn(in, tc)) {
        const auto at = frame.to_page(*in.territory.structures[s].position);
        const PageText text(cr, in.territory.structures[s].name, style);
        if (const auto box = labels.place(at[0], at[1], text.width(), text.height(), 4.5))
            text.draw_with_halo(box->x, box->y, 2.2);
    }
}

void structures_legend(Legend& legend, const analysis::TypeCoverage& tc, const Rgb& colour,
                       const StructureCounts& n) {
    legend.heading("Structures : " + tc.type);
    legend.marker(colour, false, tc.label,
                  core::counted(double(n.drawn - n.off_network), "structure", "structures") +
                      (n.outside_territory ? " (dont " + core::thousands(n.outside_territory) +
                                                 " hors du territoire)"
                                           : ""));
    if (n.off_network)
        legend.marker(colour, true, "loin de toute route : comptée à vol d'oiseau",
                      core::counted(double(n.off_network), "structure", "structures"));
}

void begin_map_page(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                    const std::string& title) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    draw_page_header(cr, title,
                     capitalised(in.analysis.method_label) +
                         " · seuil : " + minutes_fr(tc.threshold_min) + " minutes · " + tc.label +
                         " · calcul du " + date_fr(in.credits.run_date));
    cairo_save(cr);
    cairo_rectangle(cr, kMapFrame.x, kMapFrame.y, kMapFrame.w, kMapFrame.h);
    cairo_clip(cr);
    set_colour(cr, kOutsideGrey);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
}

LabelPlacer draw_furniture(cairo_t* cr, const MapFrame& frame) {
    LabelPlacer labels(Rect{kMapFrame.x + 2, kMapFrame.y + 2, kMapFrame.w - 4, kMapFrame.h - 4});
    labels.block(draw_scale_bar(cr, frame, kMapFrame.x + 10, kMapFrame.bottom() - 8));
    labels.block(draw_north_arrow(cr, kMapFrame.right() - 8, kMapFrame.y + 8, 30));
    return labels;
}

void draw_frame_border(cairo_t* cr) {
    cairo_rectangle(cr, kMapFrame.x, kMapFrame.y, kMapFrame.w, kMapFrame.h);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
}

void draw_coverage_map(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                       const std::string& page) {
    const model::Territory& territory = in.territory;
    // The map: outside the territory grey, communes by status, limits.
    begin_map_page(cr, in, tc, coverage_map_title(in, tc));
    const MapFrame frame = coverage_map_frame(in, tc);
    const CairoPattern hatch = hatching(rgb("#4a0000"));
    std::size_t in_view = 0;
    for (const analysis::CoverageStatus status :
         {analysis::CoverageStatus::covered, analysis::CoverageStatus::partial,
          analysis::CoverageStatus::white_zone}) {
        cairo_new_path(cr);
        for (std::size_t c = 0; c < territory.communes.size(); ++c)
            if (territory.communes[c].epsg == in.epsg && tc.communes[c].status == status) {
                append_rings(cr, frame, territory.communes[c].geometry);
                ++in_view;
            }
        set_colour(cr, palette_colour(in.palette, "status", to_string(status), "#cccccc"));
        if (status != analysis::CoverageStatus::white_zone) {
            cairo_fill(cr);
            continue;
        }
        cairo_fill_preserve(cr);
        cairo_set_source(cr, hatch.get());
        cairo_fill(cr);
    }
    if (in_view <= kMaxOutlinedCommunes) {
        cairo_new_path(cr);
        for (const auto& c : territory.communes)
            if (c.epsg == in.epsg) append_rings(cr, frame, c.geometry);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
        cairo_set_line_width(cr, 0.3);
        cairo_stroke(cr);
    }
    draw_limits(cr, in, frame);

    // Structures, then the furniture, then labels around what is already drawn.
    LabelPlacer labels = draw_furniture(cr, frame);
    const StructureCounts drawn = draw_structures(cr, in, tc, frame, labels);

    // The white-zone communes where most people are uncovered, named while room remains.
    std::vector<std::size_t> white;
    for (std::size_t c = 0; c < territory.communes.size(); ++c)
        if (territory.communes[c].epsg == in.epsg &&
            tc.communes[c].status == analysis::CoverageStatus::white_zone &&
            tc.communes[c].population > 0)
            white.push_back(c);
    auto uncovered = [&](std::size_t c) {
        return tc.communes[c].population - tc.communes[c].population_within;
    };
    std::sort(white.begin(), white.end(),
              [&](std::size_t a, std::size_t b) { return uncovered(a) > uncovered(b); });
    const geos::GeosContext geos;
    const TextStyle label_style{7.5, false, false, {0.1, 0.1, 0.1}};
    std::size_t named = 0;
    for (std::size_t k = 0; k < white.size() && k < 60 && named < 15; ++k) {
        const auto& commune = territory.communes[white[k]];
        const auto at = frame.to_page(inside_point(geos, commune.geometry));
        const PageText text(cr, commune.name, label_style);
        if (const auto box = labels.place(at[0], at[1], text.width(), text.height(), 2)) {
            cairo_arc(cr, at[0], at[1], 1.2, 0, 2 * M_PI);
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            cairo_fill(cr);
            text.draw_with_halo(box->x, box->y, 2.2);
            ++named;
        }
    }
    if (in.options.structure_labels) label_structures(cr, in, tc, frame, labels);
    cairo_restore(cr);
    draw_frame_border(cr);

    Legend legend(cr, kLegendPanel);
    legend.heading("Communes");
    for (const auto& cls : legend_classes(in.analysis, tc))
        legend.swatch(palette_colour(in.palette, "status", to_string(cls.status), "#cccccc"),
                      cls.status == analysis::CoverageStatus::white_zone ? hatch.get() : nullptr,
                      cls.label,
                      core::counted(double(cls.communes), "commune", "communes") + " · " +
                          core::counted(cls.inhabitants, "habitant", "habitants"));
    std::size_t not_drawn = 0;
    for (const auto& c : territory.communes) not_drawn += c.epsg != in.epsg;
    if (not_drawn)
        legend.entry(core::counted(double(not_drawn), "commune", "communes") + " d'outre-mer " +
                     core::agree(double(not_drawn), "comptée", "comptées") +
                     ", hors de cette carte");
    legend.gap(4);
    structures_legend(legend, tc, palette_colour(in.palette, "types", tc.type, "#333333"), drawn);
    legend.gap(4);
    limits_legend(legend);
    if (named) {
        cairo_arc(cr, kLegendPanel.x + 8, legend.y() + 6, 1.2, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_fill(cr);
        legend.entry("commune en zone blanche nommée (les plus peuplées)");
    }
    draw_page_footer(cr, in.credits, page);
}

}  // namespace palliacarte::cartography
