#pragma once
// Pages to files: a PDF (vector, fonts embedded) of one or several pages, or a PNG. Pages are
// drawn in A4-landscape points (coverage_map.hpp); an A3 PDF scales them up, a PNG renders
// them at a pixel density.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cartography/cairo_handles.hpp"
#include "cartography/paper_size.hpp"

namespace palliacarte::cartography {

using DrawPage = std::function<void(cairo_t*)>;

/// @brief Every page, in order, into one PDF. @throws DataError naming the file.
void write_pdf(const std::string& path, PaperSize paper, const std::vector<DrawPage>& pages);

/// @brief One page as a PNG `width_px` wide. @throws DataError naming the file.
void write_png(const std::string& path, const DrawPage& page, int width_px = 1684);

}  // namespace palliacarte::cartography
