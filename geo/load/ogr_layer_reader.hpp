#pragma once
// Every vector layer of a dataset (an analysis GeoPackage, any OGR source, or one schema of a
// PostGIS database) as Layers in Lambert-93, so `palliacarte serve --gpkg` and `--from PG:`
// can serve what palliacarte (or anyone) wrote.
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "model/layer.hpp"

namespace palliacarte::load {

/// @brief Reads the layers (all but QGIS's `layer_styles` table), typed fields kept, points and
/// (multi)polygons reprojected to EPSG:2154. Features with another geometry type are rejected
/// into `report` with their layer and FID. @throws DataError when the file cannot be opened.
std::vector<model::Layer> read_ogr_layers(const std::string& path, core::LoadReport& report);

/// @brief The same for the tables of `schema` in a PostgreSQL/PostGIS database (`PG:…`), in
/// the order they were created (an `analyze --out PG:` run: the GeoPackage's order).
/// @throws DataError when the database cannot be reached, ConfigError when the schema has no
/// table; neither shows the password.
std::vector<model::Layer> read_database_layers(const std::string& connection,
                                               const std::string& schema, core::LoadReport& report);

}  // namespace palliacarte::load
