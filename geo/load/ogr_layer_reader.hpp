#pragma once
// Every vector layer of a dataset (an analysis GeoPackage, or any OGR source) as Layers in
// Lambert-93, so `palliacarte serve --gpkg` can serve files palliacarte (or anyone) wrote.
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "model/layer.hpp"

namespace palliacarte::load {

/// @brief Reads the layers (all but QGIS's `layer_styles` table), typed fields kept, points and
/// (multi)polygons reprojected to EPSG:2154. Features with another geometry type are rejected
/// into `report` with their layer and FID. @throws DataError when the file cannot be opened.
std::vector<model::Layer> read_ogr_layers(const std::string& path, core::LoadReport& report);

}  // namespace palliacarte::load
