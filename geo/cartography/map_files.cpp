#include "cartography/map_files.hpp"

#include "cartography/coverage_map.hpp"
#include "cartography/map_documents.hpp"

namespace palliacarte::cartography {

void write_coverage_map_png(const std::string& path, const CoverageMapInputs& in,
                            const analysis::TypeCoverage& tc, int width_px) {
    write_png(
        path, [&](cairo_t* cr) { draw_coverage_map(cr, in, tc); }, width_px);
}

void write_coverage_map_pdf(const std::string& path, PaperSize paper, const CoverageMapInputs& in,
                            const analysis::TypeCoverage& tc) {
    write_pdf(path, paper, {[&](cairo_t* cr) { draw_coverage_map(cr, in, tc); }});
}

}  // namespace palliacarte::cartography
