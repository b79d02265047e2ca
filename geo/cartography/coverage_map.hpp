#pragma once
// One structure type's coverage map, as a page a committee can read on its own: title and
// subtitle (time model, threshold, date), the communes by status (white zones hatched, so the
// page survives a greyscale printer), département and territory limits, the type's
// structures (those outside the territory that serve it included: the extent holds them),
// the main white-zone communes named, legend with communes and inhabitants per class, scale
// bar, north arrow, sources. Drawn with Cairo on an A4-landscape page in points; the writers
// (map_documents) scale it to A3 or to pixels.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/coverage_result.hpp"
#include "cartography/cairo_handles.hpp"
#include "cartography/coverage_map_inputs.hpp"
#include "cartography/label_placer.hpp"
#include "cartography/map_frame.hpp"
#include "cartography/map_page.hpp"

namespace palliacarte::cartography {

/// One legend line: a status, how many communes and inhabitants have it.
struct LegendClass {
    analysis::CoverageStatus status;
    std::string label;  ///< « Couverte : 95 % des habitants ou plus à 30 min ou moins »
    std::size_t communes = 0;
    double inhabitants = 0;
};

/// @brief Per status (covered, partial, white zone), over every commune of the analysis.
std::vector<LegendClass> legend_classes(const analysis::CoverageAnalysis& analysis,
                                        const analysis::TypeCoverage& tc);

/// @brief What the map must show, in metres: the territory in `in.epsg` and every structure
/// of the type positioned in it, a margin around.
model::Box coverage_map_extent(const CoverageMapInputs& in, const analysis::TypeCoverage& tc);

/// @brief Where the map of `tc` lies on the page (its frame and scale): every structure of the
/// type falls inside it.
MapFrame coverage_map_frame(const CoverageMapInputs& in, const analysis::TypeCoverage& tc);

/// @brief Draws the page of `tc` on `cr` (A4 landscape, points); `page` in the footer
/// (« page 3 / 12 » in the atlas).
void draw_coverage_map(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                       const std::string& page = {});

// The pieces the catchment map shares with it.
/// @brief A white page, the header (`title`; time model, threshold, type and date below), the
/// map frame clipped and grey outside the territory: the map is drawn next, then
/// cairo_restore() ends the clip.
void begin_map_page(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                    const std::string& title);
/// @brief Scale bar and north arrow in the frame; the label placer they leave room in.
LabelPlacer draw_furniture(cairo_t* cr, const MapFrame& frame);
struct StructureCounts {
    std::size_t drawn = 0, off_network = 0, outside_territory = 0;
};
/// @brief Département limits, then the territory's outline over them.
void draw_limits(cairo_t* cr, const CoverageMapInputs& in, const MapFrame& frame);
void limits_legend(Legend& legend);
/// @brief The type's structures as markers, each blocked for the labels.
StructureCounts draw_structures(cairo_t* cr, const CoverageMapInputs& in,
                                const analysis::TypeCoverage& tc, const MapFrame& frame,
                                LabelPlacer& labels);
/// @brief Their names where room remains (MapOptions::structure_labels).
void label_structures(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                      const MapFrame& frame, LabelPlacer& labels);
void structures_legend(Legend& legend, const analysis::TypeCoverage& tc, const Rgb& colour,
                       const StructureCounts& n);
void draw_frame_border(cairo_t* cr);

}  // namespace palliacarte::cartography
