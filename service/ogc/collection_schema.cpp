#include "ogc/collection_schema.hpp"

namespace palliacarte::ogc {

using nlohmann::json;

namespace {

// Each field type's name in a JSON Schema and in an XML Schema, side by side.
struct TypeNames {
    const char* json_schema;
    const char* xsd;
};

TypeNames type_names(model::FieldType type) {
    switch (type) {
        case model::FieldType::text:
            return {"string", "xs:string"};
        case model::FieldType::integer:
            return {"integer", "xs:long"};
        case model::FieldType::real:
            return {"number", "xs:double"};
        case model::FieldType::boolean:
            return {"boolean", "xs:boolean"};
    }
    return {"string", "xs:string"};
}

}  // namespace

const char* json_schema_type(model::FieldType type) {
    return type_names(type).json_schema;
}

json collection_schema(const FeatureCollection& c, const std::string& url) {
    json properties = json::object();
    properties["geometry"] = {
        {"x-ogc-role", "primary-geometry"},
        {"format", c.layer().kind == model::GeometryKind::point ? "geometry-point"
                                                                : "geometry-multipolygon"}};
    int seq = 1;
    for (const auto& field : c.layer().fields)
        properties[field.name] = {{"title", field.alias.empty() ? field.name : field.alias},
                                  {"type", json_schema_type(field.type)},
                                  {"x-ogc-propertySeq", seq++}};
    return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"$id", url},
            {"type", "object"},
            {"title", c.title()},
            {"description", c.description()},
            {"properties", properties}};
}

std::string collection_xml_schema(const FeatureCollection& c) {
    // Layer and field names are machine names ([a-z0-9_]): nothing to escape.
    const std::string& id = c.id();
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:gml=\"http://www.opengis.net/gml/3.2\" xmlns:pc=\"urn:palliacarte\" "
        "targetNamespace=\"urn:palliacarte\" elementFormDefault=\"qualified\" version=\"1.0\">\n"
        "  <xs:import namespace=\"http://www.opengis.net/gml/3.2\" "
        "schemaLocation=\"http://schemas.opengis.net/gml/3.2.1/gml.xsd\"/>\n";
    x += "  <xs:element name=\"" + id + "\" type=\"pc:" + id +
         "Type\" substitutionGroup=\"gml:AbstractFeature\"/>\n";
    x += "  <xs:complexType name=\"" + id +
         "Type\">\n    <xs:complexContent>\n"
         "      <xs:extension base=\"gml:AbstractFeatureType\">\n        <xs:sequence>\n";
    x += std::string("          <xs:element name=\"geometry\" type=\"gml:") +
         (c.layer().kind == model::GeometryKind::point ? "PointPropertyType"
                                                       : "MultiSurfacePropertyType") +
         "\" minOccurs=\"0\"/>\n";
    for (const auto& field : c.layer().fields)
        x += "          <xs:element name=\"" + field.name + "\" type=\"" +
             type_names(field.type).xsd + "\" minOccurs=\"0\" nillable=\"true\"/>\n";
    x += "        </xs:sequence>\n      </xs:extension>\n    </xs:complexContent>\n"
         "  </xs:complexType>\n</xs:schema>\n";
    return x;
}

}  // namespace palliacarte::ogc
