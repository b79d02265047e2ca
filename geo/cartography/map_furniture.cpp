#include "cartography/map_furniture.hpp"

#include <cmath>
#include <string>

#include "cartography/page_text.hpp"
#include "core/french_format.hpp"

namespace palliacarte::cartography {

Rect draw_scale_bar(cairo_t* cr, const MapFrame& frame, double x, double bottom) {
    const double metres = round_scale_length(frame.area().w / 5 / frame.points_per_metre());
    const double length = metres * frame.points_per_metre();
    const std::string unit =
        metres >= 1000
            ? core::decimal_fr(metres / 1000, std::fmod(metres, 1000) == 0 ? 0 : 1) + " km"
            : core::thousands(metres) + " m";
    const TextStyle style{7, false, false, {0.1, 0.1, 0.1}};
    const PageText zero(cr, "0", style), end(cr, print_typography(unit), style);
    const double bar_h = 3.5, top = bottom - end.height() - 2 - bar_h;
    const Rect box{x - 3, top - 3, length + end.width() / 2 + 6, bottom - top + 4};
    cairo_save(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_fill(cr);
    for (int i = 0; i < 4; ++i) {
        cairo_rectangle(cr, x + i * length / 4, top, length / 4, bar_h);
        if (i % 2 == 0)
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    zero.draw(x - zero.width() / 2, top + bar_h + 1);
    end.draw(x + length - end.width() / 2, top + bar_h + 1);
    return box;
}

Rect draw_north_arrow(cairo_t* cr, double right, double top, double height) {
    const TextStyle style{8, true, false, {0.1, 0.1, 0.1}};
    const PageText n(cr, "N", style);
    const double w = height * 0.45, cx = right - w / 2 - 2;
    const double tip = top + n.height() + 1, base = top + height;
    const Rect box{right - w - 4, top, w + 4, height + 2};
    cairo_save(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_fill(cr);
    // Two halves, one dark: the classic arrow, readable in greyscale.
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, cx - w / 2, base);
    cairo_line_to(cr, cx, base - (base - tip) * 0.3);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_stroke(cr);
    cairo_move_to(cr, cx, tip);
    cairo_line_to(cr, cx + w / 2, base);
    cairo_line_to(cr, cx, base - (base - tip) * 0.3);
    cairo_close_path(cr);
    cairo_fill_preserve(cr);
    cairo_stroke(cr);
    cairo_restore(cr);
    n.draw(cx - n.width() / 2, top);
    return box;
}

}  // namespace palliacarte::cartography
