#pragma once
// Writes layers with GDAL/OGR into one GeoPackage (EPSG:2154), and QGIS's layer_styles table;
// write_ogr_layer() also serves the PostGIS run (output/postgis_run_writer.hpp).
// (GeoJSON files: output/geojson_file_writer.hpp.)

#include <string>
#include <vector>

#include "model/layer.hpp"

class GDALDataset;

namespace palliacarte::output {

/// @brief Creates `layer` in `ds` with GDAL layer creation `options` (NAME=VALUE), its typed
/// fields with their French aliases, and its features in one transaction.
/// @throws DataError naming `where` (the file or database, as it may be shown).
void write_ogr_layer(GDALDataset& ds, const std::string& where, const model::Layer& layer,
                     const std::vector<std::string>& options);

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
