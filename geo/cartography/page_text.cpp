#include "cartography/page_text.hpp"

#include <cctype>
#include <cstddef>

namespace palliacarte::cartography {

PageText::PageText(cairo_t* cr, const std::string& text, const TextStyle& style, double width)
    : cr_(cr), layout_(pango_cairo_create_layout(cr)), style_(style) {
    PangoFont font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kMapFont);
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font.get(),
                                     style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout_.get(), font.get());
    if (width > 0) {
        pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    }
    if (style.align_right) pango_layout_set_alignment(layout_.get(), PANGO_ALIGN_RIGHT);
    if (style.markup)
        pango_layout_set_markup(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    else
        pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    PangoRectangle ink, logical;
    pango_layout_get_extents(layout_.get(), &ink, &logical);
    width_ = width > 0 && style.align_right ? width : double(logical.width) / PANGO_SCALE;
    height_ = double(logical.height) / PANGO_SCALE;
}

void PageText::draw(double x, double y) const {
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, style_.rgb[0], style_.rgb[1], style_.rgb[2]);
    cairo_move_to(cr_, x, y);
    pango_cairo_update_layout(cr_, layout_.get());
    pango_cairo_show_layout(cr_, layout_.get());
    cairo_new_path(cr_);  // the move_to above would join whatever is drawn next
    cairo_restore(cr_);
}

void PageText::draw_with_halo(double x, double y, double halo) const {
    cairo_save(cr_);
    cairo_move_to(cr_, x, y);
    pango_cairo_update_layout(cr_, layout_.get());
    pango_cairo_layout_path(cr_, layout_.get());
    cairo_set_source_rgba(cr_, 1, 1, 1, 0.9);
    cairo_set_line_width(cr_, halo);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    draw(x, y);
}

std::string print_typography(std::string text) {
    static const std::string nbsp = "\u00a0", narrow = "\u202f";
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // A space between two digits is a thousands separator: narrow and unbreakable.
        if (c == ' ' && i > 0 && i + 1 < text.size() && std::isdigit((unsigned char)text[i - 1]) &&
            std::isdigit((unsigned char)text[i + 1])) {
            out += narrow;
            continue;
        }
        // « : », « ; », « ? », « ! », « % » and « » » keep their space on the same line.
        if (c == ' ' && i + 1 < text.size() &&
            (text[i + 1] == ':' || text[i + 1] == ';' || text[i + 1] == '?' || text[i + 1] == '!' ||
             text[i + 1] == '%' || text.compare(i + 1, 2, "»") == 0)) {
            out += nbsp;
            continue;
        }
        if (c == ' ' && i >= 2 && text.compare(i - 2, 2, "«") == 0) {
            out += nbsp;
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace palliacarte::cartography
