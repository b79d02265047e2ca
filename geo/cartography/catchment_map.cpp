#include "cartography/catchment_map.hpp"

#include "core/french_format.hpp"

namespace palliacarte::cartography {

namespace {

// Nested bands: within the threshold blues, the nearest darkest; beyond it a light orange
// (ColorBrewer; in greyscale the lightness still orders them).
const char* band_colour(const analysis::TypeCoverage& tc, std::size_t k) {
    static const char* const blues[] = {"#08519c", "#3182bd", "#6baed6", "#9ecae1"};
    static const char* const beyond[] = {"#fdae6b", "#fdd0a2", "#feedde"};
    std::size_t within = 0;
    for (const double limit : tc.catchment_limits_min) within += limit <= tc.threshold_min;
    if (k < within) return blues[std::min<std::size_t>(4 - within + k, 3)];
    return beyond[std::min<std::size_t>(k - within, 2)];
}

std::string limits_list(const std::vector<double>& limits) {
    std::string out;
    for (std::size_t k = 0; k < limits.size(); ++k)
        out += (k == 0 ? "" : k + 1 == limits.size() ? " et " : ", ") + minutes_fr(limits[k]);
    return out;
}

}  // namespace

std::string catchment_map_title(const CoverageMapInputs& in, const analysis::TypeCoverage& tc) {
    const model::StructureType* st = in.territory.types.find(tc.type);
    const std::string what = st && !st->map_noun.empty() ? st->map_noun : tc.type;
    return in.options.title_prefix + "Zones desservies par " + what + " : " +
           limits_list(tc.catchment_limits_min) + " minutes — " + in.credits.territory;
}

void draw_catchment_map(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                        const std::string& page) {
    begin_map_page(cr, in, tc, catchment_map_title(in, tc));
    const MapFrame frame = coverage_map_frame(in, tc);
    const Rgb land{0.98, 0.97, 0.95};
    if (const model::MultiPolygon* outline = in.analysis.outline.in(in.epsg)) {
        cairo_new_path(cr);
        append_rings(cr, frame, *outline);
        set_colour(cr, land);
        cairo_fill(cr);
    }
    // Widest first: each nearer band is painted over the one containing it. Outlined in its
    // own colour too: road bands a few hundred metres wide stay visible on paper.
    const std::size_t n = std::min(tc.union_catchments.size(), tc.catchment_limits_min.size());
    for (std::size_t k = n; k-- > 0;) {
        cairo_new_path(cr);
        append_rings(cr, frame, tc.union_catchments[k]);
        set_colour(cr, rgb(band_colour(tc, k)));
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    draw_limits(cr, in, frame);
    LabelPlacer labels = draw_furniture(cr, frame);
    const StructureCounts drawn = draw_structures(cr, in, tc, frame, labels);
    if (in.options.structure_labels) label_structures(cr, in, tc, frame, labels);
    cairo_restore(cr);
    draw_frame_border(cr);

    Legend legend(cr, kLegendPanel);
    legend.heading("Temps d'accès");
    double from = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double to = tc.catchment_limits_min[k];
        legend.swatch(rgb(band_colour(tc, k)), nullptr,
                      (from == 0 ? "moins de " + minutes_fr(to) + " min"
                                 : "de " + minutes_fr(from) + " à " + minutes_fr(to) + " min") +
                          (to <= tc.threshold_min ? " (dans le seuil)" : ""));
        from = to;
    }
    legend.swatch(land, nullptr, "au-delà de " + minutes_fr(from) + " min");
    legend.gap(4);
    structures_legend(legend, tc, palette_colour(in.palette, "types", tc.type, "#333333"), drawn);
    legend.gap(4);
    limits_legend(legend);
    draw_page_footer(cr, in.credits, page);
}

}  // namespace palliacarte::cartography
