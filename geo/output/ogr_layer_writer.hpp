#pragma once
// Writes layers with GDAL/OGR: all of them into one GeoPackage (EPSG:2154, field aliases in
// gpkg_data_columns), or one layer as RFC 7946 GeoJSON (WGS84, right-hand rings).

#include <string>
#include <vector>

#include "output/layer.hpp"

namespace palliacarte {

/// @brief Creates (replaces) `path`. @throws DataError naming the file and GDAL's reason.
void write_geopackage(const std::string& path, const std::vector<Layer>& layers);

/// @brief Creates (replaces) `path` as an RFC 7946 FeatureCollection.
void write_geojson(const std::string& path, const Layer& layer);

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

}  // namespace palliacarte
