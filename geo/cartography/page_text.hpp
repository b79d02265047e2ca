#pragma once
// Text on a map page, laid out by Pango (wrapping, accents, kerning; the PDF embeds the font
// subset). Sizes are in page points whatever the output's resolution.
#include <array>
#include <string>

#include "cartography/cairo_handles.hpp"

namespace palliacarte::cartography {

/// The family every page uses: DejaVu Sans (fonts-dejavu-core) has every French glyph and the
/// narrow no-break space.
constexpr const char* kMapFont = "DejaVu Sans";

struct TextStyle {
    double size_pt = 9;
    bool bold = false;
    bool italic = false;
    std::array<double, 3> rgb{0.1, 0.1, 0.1};
    bool align_right = false;
    bool markup = false;  ///< the text is Pango markup (<b>, <i>, <tt>), escaped
};

class PageText {
  public:
    /// @param width wrap at this many points; 0: one line per paragraph, no wrapping.
    PageText(cairo_t* cr, const std::string& text, const TextStyle& style, double width = 0);

    double width() const { return width_; }
    double height() const { return height_; }
    /// @brief Drawn with its box's top-left at (x, y).
    void draw(double x, double y) const;
    /// @brief Drawn over a white outline `halo` points wide: readable on any fill.
    void draw_with_halo(double x, double y, double halo) const;

  private:
    cairo_t* cr_;
    PangoLayoutHandle layout_;
    TextStyle style_;
    double width_ = 0, height_ = 0;
};

/// @brief "1 654 712" with narrow no-break spaces, « : » with a no-break space before it: the
/// French print typography the pages use (plain text outputs keep plain spaces).
std::string print_typography(std::string text);

}  // namespace palliacarte::cartography
