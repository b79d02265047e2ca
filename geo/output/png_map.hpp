#pragma once
// One map image per structure type, drawn without a GUI: GDAL rasterizes the commune
// choropleth and boundaries into an in-memory raster, structures are drawn as markers, and the
// PNG driver writes it. (Headless QGIS would draw text and legends, but would make every run
// depend on a 400 MB desktop stack; the legend is in report.md beside each image.)

#include <array>
#include <string>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte {

struct MapArea {
    const MultiPolygon* geometry;
    std::array<unsigned char, 3> fill;
};

struct MapMarker {
    Point position;
    std::array<unsigned char, 3> colour;
    bool hollow = false;  ///< drawn as an outline (e.g. off-network structures)
};

/// @brief Renders areas (filled, grey outlines) and markers to a PNG `width_px` wide, the
/// height following the areas' extent. @throws DataError naming the file.
void write_png_map(const std::string& path, int epsg, const std::vector<MapArea>& areas,
                   const std::vector<MapMarker>& markers, int width_px = 1000);

}  // namespace palliacarte
