#pragma once
// Owners for the Cairo and Pango handles the map pages use: each is freed by its library's own
// function when it goes out of scope, error paths included.
#include <memory>

#include <cairo.h>
#include <pango/pangocairo.h>

namespace palliacarte::cartography {

struct CairoSurfaceFree {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct CairoPatternFree {
    void operator()(cairo_pattern_t* p) const { cairo_pattern_destroy(p); }
};
struct GObjectUnref {
    void operator()(void* o) const { g_object_unref(o); }
};
struct PangoFontFree {
    void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

using CairoSurface = std::unique_ptr<cairo_surface_t, CairoSurfaceFree>;
using CairoContext = std::unique_ptr<cairo_t, CairoFree>;
using CairoPattern = std::unique_ptr<cairo_pattern_t, CairoPatternFree>;
using PangoLayoutHandle = std::unique_ptr<PangoLayout, GObjectUnref>;
using PangoFont = std::unique_ptr<PangoFontDescription, PangoFontFree>;

}  // namespace palliacarte::cartography
