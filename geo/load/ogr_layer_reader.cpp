#include "load/ogr_layer_reader.hpp"

#include <filesystem>
#include <memory>

#include "core/connection_text.hpp"
#include "core/errors.hpp"
#include "gdal/ogr_source.hpp"
#include "gdal/postgres_database.hpp"

namespace palliacarte::load {

namespace {

model::FieldType field_type(const OGRFieldDefn& f) {
    switch (f.GetType()) {
        case OFTInteger:
            return f.GetSubType() == OFSTBoolean ? model::FieldType::boolean
                                                 : model::FieldType::integer;
        case OFTInteger64:
            return model::FieldType::integer;
        case OFTReal:
            return model::FieldType::real;
        default:
            return model::FieldType::text;
    }
}

model::FieldValue value(const OGRFeature& f, int i, model::FieldType t) {
    if (!f.IsFieldSetAndNotNull(i)) return std::monostate{};
    switch (t) {
        case model::FieldType::integer:
            return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
        case model::FieldType::real:
            return f.GetFieldAsDouble(i);
        case model::FieldType::boolean:
            return f.GetFieldAsInteger(i) != 0;
        case model::FieldType::text:
            return std::string(f.GetFieldAsString(i));
    }
    return std::monostate{};
}

model::Ring ring(const OGRLinearRing& r) {
    model::Ring out;
    for (int i = 0; i < r.getNumPoints(); ++i) out.push_back({r.getX(i), r.getY(i)});
    return out;
}

void add_polygon(model::MultiPolygon& mp, const OGRPolygon& p) {
    if (p.IsEmpty()) return;
    model::Polygon poly;
    poly.outer() = ring(*p.getExteriorRing());
    for (int i = 0; i < p.getNumInteriorRings(); ++i)
        poly.inners().push_back(ring(*p.getInteriorRing(i)));
    mp.push_back(std::move(poly));
}

// Each OGR layer (but QGIS's layer_styles) as a Layer in Lambert-93. `path`: for messages.
std::vector<model::Layer> read_layers(const auto& source_layers, const std::string& path,
                                      core::LoadReport& report) {
    OGRSpatialReference l93;
    l93.importFromEPSG(2154);
    l93.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<model::Layer> out;
    for (OGRLayer* ol : source_layers) {
        const std::string name = ol->GetName();
        if (name == "layer_styles") continue;
        model::Layer layer;
        layer.name = name;
        const char* title = ol->GetMetadataItem("IDENTIFIER");
        layer.title = title && *title ? title : name;
        layer.epsg = 2154;
        layer.kind = model::GeometryKind::none;
        OGRFeatureDefn* defn = ol->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const OGRFieldDefn* f = defn->GetFieldDefn(i);
            const char* alias = f->GetAlternativeNameRef();
            layer.fields.push_back({f->GetNameRef(), field_type(*f), alias ? alias : ""});
        }
        std::unique_ptr<OGRCoordinateTransformation> to_l93;
        if (const OGRSpatialReference* srs = ol->GetSpatialRef()) {
            OGRSpatialReference src(*srs);
            src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            if (!src.IsSame(&l93)) to_l93.reset(OGRCreateCoordinateTransformation(&src, &l93));
        }
        std::size_t rejected = 0;
        for (auto& f : *ol) {
            model::Feature feature;
            for (int i = 0; i < defn->GetFieldCount(); ++i)
                feature.values.push_back(value(*f, i, layer.fields[i].type));
            if (OGRGeometry* g = f->GetGeometryRef()) {
                if (to_l93) g->transform(to_l93.get());
                const auto t = wkbFlatten(g->getGeometryType());
                if (t == wkbPoint) {
                    const auto* p = g->toPoint();
                    feature.geometry = model::Point{p->getX(), p->getY()};
                } else if (t == wkbPolygon || t == wkbMultiPolygon) {
                    model::MultiPolygon mp;
                    if (t == wkbPolygon)
                        add_polygon(mp, *g->toPolygon());
                    else
                        for (const OGRPolygon* p : *g->toMultiPolygon()) add_polygon(mp, *p);
                    boost::geometry::correct(mp);  // Boost's ring order, whatever the file's
                    feature.geometry = std::move(mp);
                } else {
                    ++rejected;
                    report.reject(path, name + " FID " + std::to_string(f->GetFID()),
                                  "unsupported_geometry",
                                  std::string("geometry type ") + OGRGeometryTypeToName(t) +
                                      " is not served (points and polygons only)");
                    continue;
                }
            }
            layer.features.push_back(std::move(feature));
        }
        // The declared type may be generic (GEOMETRY): the features say.
        bool points = false, polygons = false;
        for (const auto& ft : layer.features) {
            points |= std::holds_alternative<model::Point>(ft.geometry);
            polygons |= std::holds_alternative<model::MultiPolygon>(ft.geometry);
        }
        if (points || polygons)
            layer.kind = points && !polygons ? model::GeometryKind::point
                                             : model::GeometryKind::multipolygon;
        if (points && polygons)
            report.warn(
                path, name, "mixed_geometries",
                "layer mixes points and polygons; clients expecting one type may skip some");
        if (rejected > 0)
            report.warn(path, name, "features_rejected",
                        std::to_string(rejected) + " feature(s) of " + name +
                            " not served (unsupported geometry)");
        out.push_back(std::move(layer));
    }
    if (out.empty()) throw core::DataError(path, "aucune couche vectorielle");
    return out;
}

}  // namespace

std::vector<model::Layer> read_ogr_layers(const std::string& path, core::LoadReport& report) {
    gdal::register_gdal_drivers();
    if (!std::filesystem::exists(path)) throw core::DataError(path, "fichier introuvable");
    gdal::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw core::DataError(path,
                              "ouverture impossible : " + gdal::QuietGdalErrors::last_message());
    return read_layers(ds->GetLayers(), path, report);
}

std::vector<model::Layer> read_database_layers(const std::string& connection,
                                               const std::string& schema,
                                               core::LoadReport& report) {
    const std::string shown = core::without_password(connection);
    GDALDatasetUniquePtr ds = gdal::open_postgres(connection, false, {"SCHEMAS=" + schema});
    gdal::QuietGdalErrors quiet;
    // The tables in the order they were made: pg_class's oids grow as tables are created.
    std::vector<OGRLayer*> layers;
    const std::string sql =
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
        "n.nspname = " +
        gdal::sql_literal(schema) + " AND c.relkind IN ('r', 'v') ORDER BY c.oid";
    if (OGRLayer* names = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
        for (auto& row : *names)
            if (OGRLayer* l = ds->GetLayerByName(row->GetFieldAsString(0))) layers.push_back(l);
        ds->ReleaseResultSet(names);
    }
    if (layers.empty())
        throw core::ConfigError(shown + " : aucune table dans le schéma « " + schema +
                                " » (palliacarte.runs liste les exécutions et leurs schémas)");
    return read_layers(layers, shown, report);
}

}  // namespace palliacarte::load
