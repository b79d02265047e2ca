#include "cartography/map_page.hpp"

#include <cmath>

#include "cartography/page_text.hpp"
#include "core/french_format.hpp"

namespace palliacarte::cartography {

namespace {

constexpr double kMinStep = 0.3;    // points between kept vertices
constexpr double kSymbolRoom = 22;  // legend text starts after the symbol
const TextStyle kLegendText{7.5, false, false, {0.1, 0.1, 0.1}};

}  // namespace

Rgb rgb(const std::string& hex) {
    Rgb c;
    if (hex.size() == 7 && hex[0] == '#') {
        c.r = std::stoi(hex.substr(1, 2), nullptr, 16) / 255.0;
        c.g = std::stoi(hex.substr(3, 2), nullptr, 16) / 255.0;
        c.b = std::stoi(hex.substr(5, 2), nullptr, 16) / 255.0;
    }
    return c;
}

Rgb palette_colour(const nlohmann::json& palette, const char* group, const std::string& key,
                   const char* fallback) {
    const auto g = palette.find(group);
    if (g == palette.end() || !g->is_object()) return rgb(fallback);
    return rgb(g->value(key, std::string(fallback)));
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

void append_rings(cairo_t* cr, const MapFrame& frame, const model::MultiPolygon& mp) {
    auto ring = [&](const model::Ring& r) {
        std::size_t kept = 0;
        std::array<double, 2> last{};
        for (const auto& p : r) {
            const auto q = frame.to_page(p);
            if (kept && std::abs(q[0] - last[0]) < kMinStep && std::abs(q[1] - last[1]) < kMinStep)
                continue;
            if (kept == 0)
                cairo_move_to(cr, q[0], q[1]);
            else
                cairo_line_to(cr, q[0], q[1]);
            last = q;
            ++kept;
        }
        if (kept) cairo_close_path(cr);
    };
    for (const auto& poly : mp) {
        ring(poly.outer());
        for (const auto& inner : poly.inners()) ring(inner);
    }
}

void draw_marker(cairo_t* cr, double x, double y, const Rgb& c, bool hollow, double radius) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
    if (hollow) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        set_colour(cr, c);
        cairo_set_line_width(cr, 1.4);
        cairo_stroke(cr);
        return;
    }
    // A white halo, then the type's colour rimmed in dark grey: visible on every status
    // colour (an EMSP's blue on a covered commune's).
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 2.6);
    cairo_stroke(cr);
    cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
    set_colour(cr, c);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
}

CairoPattern hatching(const Rgb& ink) {
    CairoSurface tile(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 24, 24));
    {
        CairoContext t(cairo_create(tile.get()));
        cairo_set_source_rgba(t.get(), ink.r, ink.g, ink.b, 0.45);
        cairo_set_line_width(t.get(), 1.6);
        for (int k = -1; k <= 1; ++k) {
            cairo_move_to(t.get(), k * 24 - 2, 26);
            cairo_line_to(t.get(), k * 24 + 26, -2);
        }
        cairo_stroke(t.get());
    }
    CairoPattern p(cairo_pattern_create_for_surface(tile.get()));
    cairo_pattern_set_extend(p.get(), CAIRO_EXTEND_REPEAT);
    cairo_matrix_t m;
    cairo_matrix_init_scale(&m, 4, 4);  // the 24-pixel tile spans 6 points
    cairo_pattern_set_matrix(p.get(), &m);
    return p;
}

void draw_page_header(cairo_t* cr, const std::string& title, const std::string& subtitle) {
    const std::string t = print_typography(title);
    for (double size = 15;; size -= 1) {
        const PageText text(cr, t, {size, true, false, {0.08, 0.16, 0.26}});
        if (text.width() <= kPageWidth - 2 * kPageMargin || size <= 9) {
            text.draw(kPageMargin, kPageMargin);
            break;
        }
    }
    PageText(cr, print_typography(subtitle), {9, false, false, {0.3, 0.3, 0.3}},
             kPageWidth - 2 * kPageMargin)
        .draw(kPageMargin, kPageMargin + 24);
}

void draw_page_footer(cairo_t* cr, const PageCredits& credits, const std::string& page) {
    const std::string sources = print_typography(credits.sources);
    PageText(cr, sources, {6.5, false, false, {0.3, 0.3, 0.3}}, kPageWidth - 2 * kPageMargin - 130)
        .draw(kPageMargin, kFooterTop);
    const TextStyle right{6.5, false, true, {0.3, 0.3, 0.3}, true};
    const PageText credit(cr, "Carte : palliacarte " + credits.version, right, 125);
    credit.draw(kPageWidth - kPageMargin - 125, kFooterTop);
    if (!page.empty())
        PageText(cr, page, {7.5, true, false, {0.2, 0.2, 0.2}, true}, 125)
            .draw(kPageWidth - kPageMargin - 125, kFooterTop + credit.height() + 2);
}

void Legend::heading(const std::string& text) {
    const PageText t(cr_, print_typography(text), {9.5, true, false, {0.08, 0.16, 0.26}}, panel_.w);
    t.draw(panel_.x, y_);
    y_ += t.height() + 4;
}

void Legend::entry(const std::string& text, const std::string& detail) {
    const PageText t(cr_, print_typography(text), kLegendText, panel_.w - kSymbolRoom);
    t.draw(panel_.x + kSymbolRoom, y_);
    double h = t.height();
    if (!detail.empty()) {
        TextStyle bold = kLegendText;
        bold.bold = true;
        const PageText d(cr_, print_typography(detail), bold, panel_.w - kSymbolRoom);
        d.draw(panel_.x + kSymbolRoom, y_ + h);
        h += d.height();
    }
    y_ += h + 6;
}

void Legend::swatch(const Rgb& fill, cairo_pattern_t* hatch, const std::string& text,
                    const std::string& detail) {
    cairo_rectangle(cr_, panel_.x, y_ + 1, 16, 11);
    set_colour(cr_, fill);
    cairo_fill_preserve(cr_);
    if (hatch) {
        cairo_set_source(cr_, hatch);
        cairo_fill_preserve(cr_);
    }
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
    entry(text, detail);
}

void Legend::line(double width, const Rgb& colour, const std::string& text) {
    cairo_move_to(cr_, panel_.x, y_ + 6);
    cairo_line_to(cr_, panel_.x + 16, y_ + 6);
    set_colour(cr_, colour);
    cairo_set_line_width(cr_, width);
    cairo_stroke(cr_);
    entry(text);
}

void Legend::marker(const Rgb& colour, bool hollow, const std::string& text,
                    const std::string& detail) {
    draw_marker(cr_, panel_.x + 8, y_ + 6, colour, hollow);
    entry(text, detail);
}

std::string date_fr(const std::string& iso) {
    if (iso.size() < 10) return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string minutes_fr(double minutes) {
    return core::decimal_fr(minutes, minutes == std::floor(minutes) ? 0 : 1);
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = char(text[0] - 'a' + 'A');
    return text;
}

}  // namespace palliacarte::cartography
