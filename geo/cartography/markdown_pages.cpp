#include "cartography/markdown_pages.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "cartography/map_page.hpp"
#include "cartography/page_text.hpp"
#include "core/xml_escape.hpp"

namespace palliacarte::cartography {

namespace {

constexpr double kTop = 58, kBottom = kPageHeight - 40;
constexpr double kWidth = kPageWidth - 2 * kPageMargin;
constexpr double kTableFont = 7.5, kCellPad = 3;

enum class BlockKind { heading, paragraph, bullet, quote, table };

struct Block {
    BlockKind kind = BlockKind::paragraph;
    int level = 0;                               // heading level, bullet depth
    std::string markup;                          // heading, paragraph, bullet, quote
    std::vector<std::vector<std::string>> rows;  // table: header first, cells as markup
};

TextStyle style_of(const Block& b) {
    switch (b.kind) {
        case BlockKind::heading:
            return {b.level <= 1 ? 16.0 : b.level == 2 ? 13.0 : 10.5,
                    true,
                    false,
                    {0.08, 0.16, 0.26},
                    false,
                    true};
        case BlockKind::quote:
            return {8, false, true, {0.3, 0.3, 0.3}, false, true};
        default:
            return {8.5, false, false, {0.1, 0.1, 0.1}, false, true};
    }
}

double indent_of(const Block& b) {
    return b.kind == BlockKind::bullet  ? 12.0 + 12.0 * b.level
           : b.kind == BlockKind::quote ? 10
                                        : 0;
}

std::vector<std::string> table_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    bool in_code = false;
    for (std::size_t i = 1; i < line.size(); ++i) {  // after the leading '|'
        const char c = line[i];
        if (c == '`') in_code = !in_code;
        if (c == '|' && !in_code) {
            while (!cell.empty() && cell.back() == ' ') cell.pop_back();
            const auto start = cell.find_first_not_of(' ');
            cells.push_back(inline_markup(start == std::string::npos ? "" : cell.substr(start)));
            cell.clear();
        } else {
            cell += c;
        }
    }
    return cells;
}

std::vector<Block> parse(const std::string& markdown) {
    std::vector<Block> blocks;
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty())
            blocks.push_back({BlockKind::paragraph, 0, inline_markup(paragraph), {}});
        paragraph.clear();
    };
    std::size_t pos = 0;
    bool in_table = false;  // the previous line was a table's
    while (pos <= markdown.size()) {
        const auto end = markdown.find('\n', pos);
        const std::string line =
            markdown.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? markdown.size() + 1 : end + 1;
        const auto first = line.find_first_not_of(' ');
        const bool was_table = in_table;
        in_table = first != std::string::npos && line[first] == '|';
        if (first == std::string::npos) {
            flush();
            continue;
        }
        const std::string body = line.substr(first);
        if (body[0] == '#') {
            flush();
            const auto level = body.find_first_not_of('#');
            blocks.push_back({BlockKind::heading,
                              int(level),
                              inline_markup(body.substr(body.find_first_not_of(' ', level))),
                              {}});
        } else if (body[0] == '|') {
            flush();
            if (body.find_first_not_of("|-: ") == std::string::npos) continue;  // |---|
            if (!was_table) blocks.push_back({BlockKind::table, 0, {}, {}});
            blocks.back().rows.push_back(table_cells(body));
        } else if (body.rfind("- ", 0) == 0) {
            flush();
            blocks.push_back(
                {BlockKind::bullet, int(first / 2), inline_markup(body.substr(2)), {}});
        } else if (body[0] == '>') {
            flush();
            blocks.push_back(
                {BlockKind::quote, 0, inline_markup(body.substr(body.size() > 1 ? 2 : 1)), {}});
        } else if (body.rfind("![", 0) == 0) {
            flush();
        } else {
            paragraph += (paragraph.empty() ? "" : " ") + body;
        }
    }
    flush();
    return blocks;
}

// A table's column widths: as wide as their longest cell, shrunk to the page when needed
// (the widest columns give way first; their cells wrap).
std::vector<double> column_widths(cairo_t* cr, const std::vector<std::vector<std::string>>& rows) {
    std::size_t n = 0;
    for (const auto& r : rows) n = std::max(n, r.size());
    std::vector<double> natural(n, 20);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const PageText t(cr, rows[r][c], {kTableFont, r == 0, false, {0, 0, 0}, false, true});
            natural[c] = std::max(natural[c], std::min(t.width(), 360.0) + 2 * kCellPad + 1);
        }
    double total = 0;
    for (const double w : natural) total += w;
    if (total <= kWidth) return natural;
    // Columns narrower than a fair share keep their width; the others share the rest.
    std::vector<double> w = natural;
    double room = kWidth;
    std::vector<bool> fixed(n, false);
    for (bool changed = true; changed;) {
        changed = false;
        double wide = 0;
        std::size_t open = 0;
        for (std::size_t c = 0; c < n; ++c)
            if (!fixed[c]) wide += natural[c], ++open;
        for (std::size_t c = 0; c < n; ++c)
            if (!fixed[c] && natural[c] <= room / double(open)) {
                fixed[c] = true;
                room -= natural[c];
                changed = true;
            }
        if (!changed)
            for (std::size_t c = 0; c < n; ++c)
                if (!fixed[c]) w[c] = room * natural[c] / wide;
    }
    return w;
}

// A page's content: blocks (whole, or a table's rows from..to) at their heights.
struct Placed {
    std::size_t block;
    double y;
    std::size_t from = 0, to = 0;  // table rows (header drawn too)
};

// A table measured once: its columns' widths and alignment, its rows' heights.
struct TableLayout {
    std::vector<double> widths, heights;
    std::vector<bool> right_aligned;  // numbers
};

struct Laid {
    std::vector<Block> blocks;
    std::vector<TableLayout> tables;  // per block (tables only)
    std::vector<std::vector<Placed>> pages;
};

double row_height(cairo_t* cr, const std::vector<std::string>& row,
                  const std::vector<double>& widths, bool header) {
    double h = 0;
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
        const PageText t(cr, row[c], {kTableFont, header, false, {0, 0, 0}, false, true},
                         widths[c] - 2 * kCellPad);
        h = std::max(h, t.height());
    }
    return h + 2 * kCellPad;
}

bool numeric(const std::vector<std::vector<std::string>>& rows, std::size_t c) {
    std::size_t digits = 0, cells = 0;
    for (std::size_t r = 1; r < rows.size(); ++r)
        if (c < rows[r].size() && !rows[r][c].empty()) {
            ++cells;
            digits += std::isdigit((unsigned char)rows[r][c][0]) != 0;
        }
    return cells && digits * 2 > cells;
}

void draw_table_rows(cairo_t* cr, const Block& b, const TableLayout& table, double y,
                     std::size_t from, std::size_t to) {
    const std::vector<double>& widths = table.widths;
    double total = 0;
    for (const double w : widths) total += w;
    auto draw_row = [&](std::size_t r, bool header) {
        const double h = table.heights[r];
        if (header || r % 2 == 0) {
            cairo_rectangle(cr, kPageMargin, y, total, h);
            if (header)
                cairo_set_source_rgb(cr, 0.88, 0.91, 0.94);
            else
                cairo_set_source_rgb(cr, 0.96, 0.96, 0.96);
            cairo_fill(cr);
        }
        double x = kPageMargin;
        for (std::size_t c = 0; c < b.rows[r].size() && c < widths.size(); ++c) {
            TextStyle s{kTableFont, header, false, {0.1, 0.1, 0.1}, false, true};
            s.align_right = !header && table.right_aligned[c];
            const PageText t(cr, b.rows[r][c], s, widths[c] - 2 * kCellPad);
            t.draw(x + kCellPad, y + kCellPad);
            x += widths[c];
        }
        y += h;
    };
    draw_row(0, true);
    for (std::size_t r = std::max<std::size_t>(from, 1); r < to; ++r) draw_row(r, false);
}

Laid lay_out(const std::string& markdown) {
    Laid laid;
    laid.blocks = parse(markdown);
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1));
    CairoContext cr(cairo_create(surface.get()));
    laid.tables.resize(laid.blocks.size());
    laid.pages.emplace_back();
    double y = kTop;
    auto new_page = [&] {
        laid.pages.emplace_back();
        y = kTop;
    };
    for (std::size_t i = 0; i < laid.blocks.size(); ++i) {
        const Block& b = laid.blocks[i];
        if (b.kind == BlockKind::table) {
            TableLayout& table = laid.tables[i];
            table.widths = column_widths(cr.get(), b.rows);
            for (std::size_t r = 0; r < b.rows.size(); ++r)
                table.heights.push_back(row_height(cr.get(), b.rows[r], table.widths, r == 0));
            for (std::size_t c = 0; c < table.widths.size(); ++c)
                table.right_aligned.push_back(numeric(b.rows, c));
            const double header = table.heights[0];
            std::size_t from = 1;
            while (from < b.rows.size() || b.rows.size() == 1) {
                double h = header;
                std::size_t to = from;
                while (to < b.rows.size()) {
                    const double rh = table.heights[to];
                    if (y + h + rh > kBottom) break;
                    h += rh;
                    ++to;
                }
                if (to == from && to < b.rows.size() && y > kTop) {  // not even one row: next page
                    new_page();
                    continue;
                }
                if (to == from && to < b.rows.size()) ++to;  // a row taller than a page
                laid.pages.back().push_back({i, y, from, to});
                y += h + 8;
                if (to >= b.rows.size()) break;
                new_page();
                from = to;
            }
            continue;
        }
        const TextStyle style = style_of(b);
        const double indent = indent_of(b);
        const PageText t(cr.get(), b.markup, style, kWidth - indent - 10);
        const double before = b.kind == BlockKind::heading ? (b.level <= 2 ? 10 : 6) : 0;
        const double after = 4;
        // A heading keeps some of what follows on its page.
        const double keep = b.kind == BlockKind::heading ? 60 : 0;
        if (y + before + t.height() + keep > kBottom && y > kTop) new_page();
        if (y > kTop) y += before;
        laid.pages.back().push_back({i, y});
        y += t.height() + after;
    }
    if (laid.pages.back().empty()) laid.pages.pop_back();
    return laid;
}

}  // namespace

std::string inline_markup(const std::string& text) {
    std::string out;
    bool bold = false, italic = false, code = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '`') {
            out += code ? "</tt>" : "<tt>";
            code = !code;
        } else if (!code && c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
            out += bold ? "</b>" : "<b>";
            bold = !bold;
            ++i;
        } else if (!code && c == '*' && (italic || (i + 1 < text.size() && text[i + 1] != ' '))) {
            out += italic ? "</i>" : "<i>";
            italic = !italic;
        } else {
            out += core::xml_escaped(std::string(1, c));
        }
    }
    // Unbalanced marks (a lone * in a formula): closed, so Pango accepts the markup.
    if (code) out += "</tt>";
    if (italic) out += "</i>";
    if (bold) out += "</b>";
    return print_typography(out);
}

std::vector<NumberedPage> markdown_pages(const std::string& markdown,
                                         const std::string& running_title,
                                         const PageCredits& credits) {
    auto laid = std::make_shared<const Laid>(lay_out(markdown));
    std::vector<NumberedPage> pages;
    for (std::size_t p = 0; p < laid->pages.size(); ++p)
        pages.push_back([laid, p, running_title, credits](cairo_t* cr, const std::string& label) {
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_paint(cr);
            PageText(cr, print_typography(running_title), {8, false, true, {0.4, 0.4, 0.4}})
                .draw(kPageMargin, kPageMargin);
            cairo_move_to(cr, kPageMargin, kPageMargin + 14);
            cairo_line_to(cr, kPageWidth - kPageMargin, kPageMargin + 14);
            cairo_set_source_rgb(cr, 0.75, 0.78, 0.82);
            cairo_set_line_width(cr, 0.6);
            cairo_stroke(cr);
            for (const Placed& at : laid->pages[p]) {
                const Block& b = laid->blocks[at.block];
                if (b.kind == BlockKind::table) {
                    draw_table_rows(cr, b, laid->tables[at.block], at.y, at.from, at.to);
                    continue;
                }
                const double indent = indent_of(b);
                const PageText t(cr, b.markup, style_of(b), kWidth - indent - 10);
                if (b.kind == BlockKind::bullet) {
                    cairo_arc(cr, kPageMargin + indent - 6, at.y + 5.5, 1.4, 0, 2 * M_PI);
                    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
                    cairo_fill(cr);
                }
                if (b.kind == BlockKind::quote) {
                    cairo_rectangle(cr, kPageMargin + 2, at.y, 2.5, t.height());
                    cairo_set_source_rgb(cr, 0.8, 0.3, 0.2);
                    cairo_fill(cr);
                }
                t.draw(kPageMargin + indent, at.y);
            }
            PageText(cr, print_typography("palliacarte " + credits.version),
                     {6.5, false, true, {0.4, 0.4, 0.4}})
                .draw(kPageMargin, kPageHeight - kPageMargin - 8);
            PageText(cr, label, {7.5, true, false, {0.2, 0.2, 0.2}, true}, 125)
                .draw(kPageWidth - kPageMargin - 125, kPageHeight - kPageMargin - 8);
        });
    return pages;
}

}  // namespace palliacarte::cartography
