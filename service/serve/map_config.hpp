#pragma once
// What the web map needs to start, in one small document (/carte/config.json): the title, the
// structure types analysed with their labels, thresholds and catchment limits, the time model,
// the extent and the number of communes (GeoJSON or vector tiles), read from the served
// collections — so it works as well for a GeoPackage served as it is.
#include <nlohmann/json.hpp>
#include <string>

#include "config/territory_config.hpp"
#include "ogc/ogc_api.hpp"

namespace palliacarte::serve {

/// @brief The map's start-up document for the collections of `ogc`, titled `title`.
/// `basemap.basemap`, when not empty, is an XYZ raster URL template or a MapLibre style URL
/// shown under the layers, credited with `basemap.basemap_attribution`.
nlohmann::json map_config(const ogc::OgcApi& ogc, const std::string& title,
                          const config::WebMapConfig& basemap = {});

}  // namespace palliacarte::serve
