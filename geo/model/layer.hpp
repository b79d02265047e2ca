#pragma once
// A feature layer: typed fields with French aliases and features with a point or
// (multi)polygon geometry in the territory CRS. The analysis outputs are built as layers; the
// GeoPackage, GeoJSON and CSV writers, the GeoPackage reader and the HTTP service all use them.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::model {

enum class FieldType { text, integer, real, boolean };

struct FieldDef {
    std::string name;  ///< machine name, stable across versions
    FieldType type;
    std::string alias;  ///< French label shown by QGIS
};

/// Empty (monostate) is NULL.
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

enum class GeometryKind { point, multipolygon, none };

struct Feature {
    std::variant<std::monostate, Point, MultiPolygon> geometry;
    std::vector<FieldValue> values;  ///< one per field, in field order
};

struct Layer {
    std::string name;   ///< "communes_coverage"
    std::string title;  ///< French title
    GeometryKind kind = GeometryKind::multipolygon;
    int epsg = 2154;
    std::vector<FieldDef> fields;
    std::vector<Feature> features;

    std::size_t field(const std::string& name) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == name) return i;
        return fields.size();
    }
};

}  // namespace palliacarte::model
