#pragma once
// What every page of the maps and the atlas shares: the A4-landscape layout (header, map frame,
// legend panel, footer), palette colours, rings as Cairo paths, structure markers, hatching,
// the legend's entries, the header and the footer with the sources. Pages are drawn in points;
// map_documents scales them to A3 or to pixels.
#include <string>

#include <nlohmann/json.hpp>

#include "cartography/cairo_handles.hpp"
#include "cartography/map_frame.hpp"
#include "cartography/page_credits.hpp"
#include "model/geometry.hpp"

namespace palliacarte::cartography {

/// The page every map is drawn on: A4 landscape, in points.
constexpr double kPageWidth = 841.89, kPageHeight = 595.28;
constexpr double kPageMargin = 28;
/// Where the map goes, and the legend beside it.
constexpr Rect kMapFrame{kPageMargin, 90, kPageWidth - 2 * kPageMargin - 200 - 14,
                         kPageHeight - kPageMargin - 36 - 90};
constexpr Rect kLegendPanel{kMapFrame.x + kMapFrame.w + 14, kMapFrame.y, 200, kMapFrame.h};
/// Below the frame: the sources.
constexpr double kFooterTop = kMapFrame.y + kMapFrame.h + 6;

struct Rgb {
    double r = 0.5, g = 0.5, b = 0.5;
};
/// The colours every page shares: outside the territory, its outline, département limits.
constexpr Rgb kOutsideGrey{0.89, 0.89, 0.89};
constexpr Rgb kTerritoryLine{0.13, 0.26, 0.37};
constexpr Rgb kDepartementLine{0.33, 0.33, 0.33};

/// @brief "#4575b4" → its colour; grey when not of that form.
Rgb rgb(const std::string& hex);
/// @brief palette[group][key] (styles/palette.json), `fallback` when absent.
Rgb palette_colour(const nlohmann::json& palette, const char* group, const std::string& key,
                   const char* fallback);
void set_colour(cairo_t* cr, const Rgb& c, double alpha = 1);

/// @brief Adds the rings of `mp` to the current path (vertices closer than 0.3 point to the
/// previous one skipped: invisible on paper, and the national page's PDF stays small).
void append_rings(cairo_t* cr, const MapFrame& frame, const model::MultiPolygon& mp);

/// @brief A structure: a filled dot with a white rim, or hollow (too far from any road).
void draw_marker(cairo_t* cr, double x, double y, const Rgb& c, bool hollow, double radius = 3.4);

/// @brief Diagonal lines of `ink` every 6 points, to paint over a fill.
CairoPattern hatching(const Rgb& ink);

/// @brief Title (shrunk to stay on one line) and subtitle above the frame.
void draw_page_header(cairo_t* cr, const std::string& title, const std::string& subtitle);

/// @brief The sources line and attribution of the run, « Carte : palliacarte x.y »; `page` on
/// the right when not empty (« page 3 / 12 »).
void draw_page_footer(cairo_t* cr, const PageCredits& credits, const std::string& page = {});

/// The legend panel, filled top-down.
class Legend {
  public:
    Legend(cairo_t* cr, const Rect& panel) : cr_(cr), panel_(panel), y_(panel.y) {}
    void heading(const std::string& text);
    /// @brief A line of text after a symbol's room, an optional bold detail line below.
    void entry(const std::string& text, const std::string& detail = {});
    void swatch(const Rgb& fill, cairo_pattern_t* hatch, const std::string& text,
                const std::string& detail = {});
    void line(double width, const Rgb& colour, const std::string& text);
    void marker(const Rgb& colour, bool hollow, const std::string& text,
                const std::string& detail = {});
    void gap(double points) { y_ += points; }
    /// @brief Where the next entry starts (to draw a symbol of one's own beside it).
    double y() const { return y_; }

  private:
    cairo_t* cr_;
    Rect panel_;
    double y_;
};

/// @brief "2026-11-27…" → "27/11/2026".
std::string date_fr(const std::string& iso);
/// @brief 30 → "30", 7.5 → "7,5".
std::string minutes_fr(double minutes);
/// @brief The first letter in capitals (ASCII lower case only: the labels start so).
std::string capitalised(std::string text);

}  // namespace palliacarte::cartography
