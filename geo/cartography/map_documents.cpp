#include "cartography/map_documents.hpp"

#include <cairo-pdf.h>
#include <cmath>

#include "cartography/coverage_map.hpp"
#include "core/errors.hpp"

namespace palliacarte::cartography {

namespace {

void check(cairo_status_t status, const std::string& path) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw core::DataError(
            path, std::string("écriture impossible : ") + cairo_status_to_string(status));
}

}  // namespace

void write_pdf(const std::string& path, PaperSize paper, const std::vector<DrawPage>& pages) {
    // ISO 216 in points; an A3 page is the A4 one scaled by √2 (its map twice the area).
    const bool a3 = paper == PaperSize::a3;
    const double width = a3 ? 1190.55 : kPageWidth, height = a3 ? 841.89 : kPageHeight;
    const double scale = width / kPageWidth;
    CairoSurface surface(cairo_pdf_surface_create(path.c_str(), width, height));
    check(cairo_surface_status(surface.get()), path);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "palliacarte");
    {
        CairoContext cr(cairo_create(surface.get()));
        for (const auto& page : pages) {
            cairo_save(cr.get());
            cairo_scale(cr.get(), scale, scale);
            page(cr.get());
            cairo_restore(cr.get());
            cairo_show_page(cr.get());
        }
        check(cairo_status(cr.get()), path);
    }
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), path);
}

void write_png(const std::string& path, const DrawPage& page, int width_px) {
    const double scale = width_px / kPageWidth;
    CairoSurface surface(cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, width_px, static_cast<int>(std::lround(kPageHeight * scale))));
    check(cairo_surface_status(surface.get()), path);
    {
        CairoContext cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), scale, scale);
        page(cr.get());
        check(cairo_status(cr.get()), path);
    }
    check(cairo_surface_write_to_png(surface.get(), path.c_str()), path);
}

}  // namespace palliacarte::cartography
