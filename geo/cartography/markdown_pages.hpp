#pragma once
// report.md's text as printed pages, for the atlas: headings, paragraphs, bullet lists, quotes
// and tables (a table running onto the next page repeats its header), with inline bold,
// italics and code. The subset of Markdown palliacarte's report writes; images are left out
// (the atlas has the maps themselves).
#include <functional>
#include <string>
#include <vector>

#include "cartography/cairo_handles.hpp"
#include "cartography/map_page.hpp"

namespace palliacarte::cartography {

/// A page that draws itself with its label (« page 4 / 17 ») in the footer.
using NumberedPage = std::function<void(cairo_t*, const std::string& page_label)>;

/// @brief `markdown` laid out on as many A4-landscape pages as it takes, each headed by
/// `running_title`.
std::vector<NumberedPage> markdown_pages(const std::string& markdown,
                                         const std::string& running_title,
                                         const PageCredits& credits);

/// @brief Inline Markdown (**bold**, *italics*, `code`) as Pango markup, the rest escaped.
std::string inline_markup(const std::string& text);

}  // namespace palliacarte::cartography
