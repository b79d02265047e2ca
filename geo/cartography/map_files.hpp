#pragma once
// A type's coverage map as files, for output/: the only cartography entry points besides the
// atlas, and free of Cairo, so that the layers above link Cairo and Pango only through this
// one (palliacarte::cartography keeps them private).
#include <string>

#include "analysis/coverage_result.hpp"
#include "cartography/coverage_map_inputs.hpp"
#include "cartography/paper_size.hpp"

namespace palliacarte::cartography {

/// @brief carte_<TYPE>.png: the page `width_px` wide. @throws DataError naming the file.
void write_coverage_map_png(const std::string& path, const CoverageMapInputs& in,
                            const analysis::TypeCoverage& tc, int width_px = 1684);

/// @brief carte_<TYPE>.pdf: the page, vector, on `paper`. @throws DataError naming the file.
void write_coverage_map_pdf(const std::string& path, PaperSize paper, const CoverageMapInputs& in,
                            const analysis::TypeCoverage& tc);

}  // namespace palliacarte::cartography
