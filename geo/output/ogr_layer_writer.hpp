#pragma once
// Writes layers with GDAL/OGR into one GeoPackage (EPSG:2154), and QGIS's layer_styles table.
// (GeoJSON files: output/geojson_file_writer.hpp.)

#include <string>
#include <vector>

#include "model/layer.hpp"

namespace palliacarte::output {

/// @brief Creates (replaces) `path`. @throws DataError naming the file and GDAL's reason.
/// `provenance` (JSON, output/run_provenance.hpp) goes into the dataset metadata
/// (gpkg_metadata, item PALLIACARTE_PROVENANCE) and `sources_line` after each layer's
/// description (gpkg_contents), where QGIS shows it.
void write_geopackage(const std::string& path, const std::vector<model::Layer>& layers,
                      const std::string& provenance = {}, const std::string& sources_line = {});

/// @brief Adds QGIS's `layer_styles` table to a GeoPackage: one default style (QML, optional
/// SLD) per layer, so QGIS opens each layer already styled.
struct LayerStyle {
    std::string layer;
    std::string name;
    std::string qml;
    std::string sld;
    std::string description;
};
void write_layer_styles(const std::string& gpkg_path, const std::vector<LayerStyle>& styles);

}  // namespace palliacarte::output
