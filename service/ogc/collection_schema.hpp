#pragma once
// The schema of a collection's features (OGC API – Features Part 5, "returnables"): each
// property's JSON type and French title, in layer order, and the geometry type. Clients that
// would otherwise guess types from the first page (GDAL, QGIS) read it from the collection's
// describedby link, so an empty collection still has its fields and a real is never an integer.
#include <nlohmann/json.hpp>
#include <string>

#include "ogc/feature_collection.hpp"

namespace palliacarte::ogc {

constexpr const char* kSchemaMediaType = "application/schema+json";
constexpr const char* kSchemaRel = "http://www.opengis.net/def/rel/ogc/1.0/schema";

/// @brief JSON Schema (2020-12) of `c`'s features; `url` is the schema's own address.
nlohmann::json collection_schema(const FeatureCollection& c, const std::string& url);

/// @brief The JSON Schema type of a field ("string", "integer", "number", "boolean").
const char* json_schema_type(model::FieldType type);

/// @brief The same schema as a GML 3.2 application schema (XSD, Simple Features level 0): what
/// GDAL 3.6's OAPIF driver (Debian 12, QGIS 3.22's OGR) reads from a describedby link.
std::string collection_xml_schema(const FeatureCollection& c);

}  // namespace palliacarte::ogc
