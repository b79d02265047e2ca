#include "output/png_map.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "gdal/ogr_source.hpp"

namespace palliacarte {

namespace bg = boost::geometry;

namespace {

std::unique_ptr<OGRGeometry> to_ogr(const MultiPolygon& mp, bool outline) {
    auto ring = [](const Ring& r) {
        auto* l = new OGRLinearRing();
        for (const auto& p : r) l->addPoint(p.x, p.y);
        return l;
    };
    if (outline) {
        auto lines = std::make_unique<OGRMultiLineString>();
        for (const auto& poly : mp) {
            std::unique_ptr<OGRLinearRing> r(ring(poly.outer()));
            lines->addGeometryDirectly(new OGRLineString(*r));
        }
        return lines;
    }
    auto out = std::make_unique<OGRMultiPolygon>();
    for (const auto& poly : mp) {
        auto* p = new OGRPolygon();
        p->addRingDirectly(ring(poly.outer()));
        for (const auto& in : poly.inners()) p->addRingDirectly(ring(in));
        out->addGeometryDirectly(p);
    }
    return out;
}

}  // namespace

void write_png_map(const std::string& path, int epsg, const std::vector<MapArea>& areas,
                   const std::vector<MapMarker>& markers, int width_px) {
    (void)epsg;
    register_gdal_drivers();
    Box extent = bg::make_inverse<Box>();
    for (const auto& a : areas) bg::expand(extent, bg::return_envelope<Box>(*a.geometry));
    // Structures outside the territory (a regional HAD based next door) stay on the map.
    for (const auto& m : markers) bg::expand(extent, m.position);
    if (areas.empty()) return;
    const double margin = 0.03 * (extent.max_corner().x - extent.min_corner().x);
    const double x0 = extent.min_corner().x - margin, y1 = extent.max_corner().y + margin;
    const double w = extent.max_corner().x - extent.min_corner().x + 2 * margin;
    const double h = extent.max_corner().y - extent.min_corner().y + 2 * margin;
    const double pixel = w / width_px;
    const int height_px = std::max(1, static_cast<int>(std::ceil(h / pixel)));

    QuietGdalErrors quiet;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (!mem || !png) throw DataError(path, "GDAL lacks the MEM or PNG driver");
    GDALDatasetUniquePtr ds(mem->Create("", width_px, height_px, 3, GDT_Byte, nullptr));
    double gt[6] = {x0, pixel, 0, y1, 0, -pixel};
    ds->SetGeoTransform(gt);
    for (int b = 1; b <= 3; ++b) ds->GetRasterBand(b)->Fill(255);
    int bands[3] = {1, 2, 3};

    // Fills, then outlines, each in one GDAL call.
    std::vector<std::unique_ptr<OGRGeometry>> keep;
    std::vector<OGRGeometryH> geoms;
    std::vector<double> burn;
    for (const auto& a : areas) {
        keep.push_back(to_ogr(*a.geometry, false));
        geoms.push_back(OGRGeometry::ToHandle(keep.back().get()));
        for (int k = 0; k < 3; ++k) burn.push_back(a.fill[k]);
    }
    GDALRasterizeGeometries(ds.get(), 3, bands, static_cast<int>(geoms.size()), geoms.data(),
                            nullptr, nullptr, burn.data(), nullptr, nullptr, nullptr);
    geoms.clear();
    burn.clear();
    for (const auto& a : areas) {
        keep.push_back(to_ogr(*a.geometry, true));
        geoms.push_back(OGRGeometry::ToHandle(keep.back().get()));
        for (int k = 0; k < 3; ++k) burn.push_back(110);
    }
    GDALRasterizeGeometries(ds.get(), 3, bands, static_cast<int>(geoms.size()), geoms.data(),
                            nullptr, nullptr, burn.data(), nullptr, nullptr, nullptr);

    // Markers: a dark-rimmed disc of 7 px radius.
    std::vector<unsigned char> rgb(static_cast<std::size_t>(width_px) * height_px * 3);
    if (ds->RasterIO(GF_Read, 0, 0, width_px, height_px, rgb.data(), width_px, height_px, GDT_Byte,
                     3, bands, 3, 3 * width_px, 1, nullptr) != CE_None)
        throw DataError(path, "cannot read back the map raster");
    constexpr int r = 7;
    for (const auto& m : markers) {
        const int cx = static_cast<int>((m.position.x - x0) / pixel);
        const int cy = static_cast<int>((y1 - m.position.y) / pixel);
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx) {
                const int x = cx + dx, y = cy + dy;
                const double d = std::hypot(dx, dy);
                if (x < 0 || y < 0 || x >= width_px || y >= height_px || d > r) continue;
                const bool rim = d > r - 2;
                if (m.hollow && !rim) continue;
                unsigned char* px = &rgb[(static_cast<std::size_t>(y) * width_px + x) * 3];
                for (int k = 0; k < 3; ++k) px[k] = rim ? 20 : m.colour[k];
            }
    }
    if (ds->RasterIO(GF_Write, 0, 0, width_px, height_px, rgb.data(), width_px, height_px, GDT_Byte,
                     3, bands, 3, 3 * width_px, 1, nullptr) != CE_None)
        throw DataError(path, "cannot draw the markers");
    // A plain image: no .aux.xml sidecar with the georeferencing.
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
    GDALDatasetUniquePtr out(
        png->CreateCopy(path.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
    if (!out) throw DataError(path, "cannot write PNG: " + QuietGdalErrors::last_message());
}

}  // namespace palliacarte
