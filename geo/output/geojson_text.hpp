#pragma once
// GeoJSON text for one feature's parts, written directly (no DOM): the HTTP service encodes every
// feature once at start-up and serves pages by concatenation. Numbers use the shortest exact
// decimal form at a fixed precision (7 decimals for degrees ≈ 1 cm, 2 for metres).
#include <string>
#include <vector>

#include "model/layer.hpp"

namespace palliacarte::output {

/// @brief Appends `text` as a JSON string literal (quoted, escaped; UTF-8 passes through).
void append_json_string(std::string& out, std::string_view text);

/// @brief Appends a number with at most `decimals` decimals, without trailing zeros.
void append_json_number(std::string& out, double value, int decimals);

/// @brief Appends one value of a field of type `type` as JSON (null, string, integer, number,
/// true/false). A real is always written with a decimal point ("100.0", not "100"): clients
/// that guess a field's type from the values they see (GDAL, QGIS) must never take a real
/// field for an integer one.
void append_json_value(std::string& out, const model::FieldValue& value, model::FieldType type);

/// @brief Appends the geometry object of a point or (multi)polygon whose coordinates are already
/// in the output CRS; `swap_axes` writes y before x (EPSG:4326 is latitude first).
void append_geojson_geometry(std::string& out, const model::Point& p, int decimals, bool swap_axes);
void append_geojson_geometry(std::string& out, const model::MultiPolygon& mp, int decimals,
                             bool swap_axes);

/// @brief Appends the properties object: every field, or only those whose index is listed.
void append_properties(std::string& out, const model::Layer& layer, const model::Feature& feature,
                       const std::vector<std::size_t>* only = nullptr);

}  // namespace palliacarte::output
