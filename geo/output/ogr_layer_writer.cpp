#include "output/ogr_layer_writer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <filesystem>

#include "core/errors.hpp"
#include "gdal/ogr_source.hpp"

namespace palliacarte::output {

namespace {

OGRFieldType ogr_type(model::FieldType t) {
    switch (t) {
        case model::FieldType::text:
            return OFTString;
        case model::FieldType::integer:
            return OFTInteger64;
        case model::FieldType::real:
            return OFTReal;
        case model::FieldType::boolean:
            return OFTInteger;
    }
    return OFTString;
}

OGRLinearRing* ogr_ring(const model::Ring& ring) {
    auto* r = new OGRLinearRing();
    r->setNumPoints(static_cast<int>(ring.size()));
    for (std::size_t i = 0; i < ring.size(); ++i)
        r->setPoint(static_cast<int>(i), ring[i].x, ring[i].y);
    return r;
}

std::unique_ptr<OGRGeometry> ogr_geometry(const model::Feature& f) {
    if (const auto* p = std::get_if<model::Point>(&f.geometry))
        return std::make_unique<OGRPoint>(p->x, p->y);
    if (const auto* mp = std::get_if<model::MultiPolygon>(&f.geometry)) {
        auto out = std::make_unique<OGRMultiPolygon>();
        for (const auto& poly : *mp) {
            auto* op = new OGRPolygon();
            op->addRingDirectly(ogr_ring(poly.outer()));
            for (const auto& inner : poly.inners()) op->addRingDirectly(ogr_ring(inner));
            out->addGeometryDirectly(op);
        }
        return out;
    }
    return nullptr;
}

GDALDatasetUniquePtr create(const std::string& driver_name, const std::string& path) {
    gdal::register_gdal_drivers();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (!driver) throw core::DataError(path, "GDAL has no " + driver_name + " driver");
    std::error_code ec;
    std::filesystem::remove(path, ec);
    gdal::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        throw core::DataError(path,
                              "création impossible : " + gdal::QuietGdalErrors::last_message());
    return ds;
}

}  // namespace

void write_ogr_layer(GDALDataset& ds, const std::string& path, const model::Layer& layer,
                     const std::vector<std::string>& option_texts) {
    std::vector<char*> options;
    for (const auto& o : option_texts) options.push_back(const_cast<char*>(o.c_str()));
    options.push_back(nullptr);
    OGRSpatialReference srs;
    srs.importFromEPSG(layer.epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRwkbGeometryType gtype = layer.kind == model::GeometryKind::point ? wkbPoint
                                     : layer.kind == model::GeometryKind::multipolygon
                                         ? wkbMultiPolygon
                                         : wkbNone;
    gdal::QuietGdalErrors quiet;
    OGRLayer* l = ds.CreateLayer(layer.name.c_str(), gtype == wkbNone ? nullptr : &srs, gtype,
                                 options.data());
    if (!l)
        throw core::DataError(path, "cannot create layer " + layer.name + ": " +
                                        gdal::QuietGdalErrors::last_message());
    for (const auto& f : layer.fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f.type));
        if (f.type == model::FieldType::boolean) defn.SetSubType(OFSTBoolean);
        defn.SetAlternativeName(f.alias.c_str());
        if (l->CreateField(&defn) != OGRERR_NONE)
            throw core::DataError(path, "cannot create field " + layer.name + "." + f.name);
    }
    const bool transaction = ds.StartTransaction() == OGRERR_NONE;
    for (std::size_t n = 0; n < layer.features.size(); ++n) {
        const model::Feature& feature = layer.features[n];
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        for (std::size_t i = 0; i < layer.fields.size() && i < feature.values.size(); ++i) {
            const int k = static_cast<int>(i);
            std::visit(
                [&](const auto& v) {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::monostate>)
                        f->SetFieldNull(k);
                    else if constexpr (std::is_same_v<V, std::string>)
                        f->SetField(k, v.c_str());
                    else if constexpr (std::is_same_v<V, std::int64_t>)
                        f->SetField(k, static_cast<GIntBig>(v));
                    else if constexpr (std::is_same_v<V, double>)
                        f->SetField(k, v);
                    else
                        f->SetField(k, v ? 1 : 0);
                },
                feature.values[i]);
        }
        if (auto g = ogr_geometry(feature)) {
            g->assignSpatialReference(&srs);
            f->SetGeometryDirectly(g.release());
        }
        if (l->CreateFeature(f.get()) != OGRERR_NONE)
            throw core::DataError(path,
                                  layer.name + " feature " + std::to_string(n + 1) +
                                      ": cannot write: " + gdal::QuietGdalErrors::last_message());
    }
    if (transaction && ds.CommitTransaction() != OGRERR_NONE)
        throw core::DataError(
            path, layer.name + ": cannot commit: " + gdal::QuietGdalErrors::last_message());
}

void write_geopackage(const std::string& path, const std::vector<model::Layer>& layers,
                      const std::string& provenance, const std::string& sources_line) {
    GDALDatasetUniquePtr ds = create("GPKG", path);
    if (!provenance.empty()) ds->SetMetadataItem("PALLIACARTE_PROVENANCE", provenance.c_str());
    for (const auto& layer : layers) {
        const std::string description =
            "DESCRIPTION=" + layer.title + (sources_line.empty() ? "" : " — " + sources_line);
        write_ogr_layer(*ds, path, layer, {description, "SPATIAL_INDEX=YES"});
    }
}

void write_layer_styles(const std::string& gpkg_path, const std::vector<LayerStyle>& styles) {
    gdal::register_gdal_drivers();
    gdal::QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds)
        throw core::DataError(gpkg_path, "cannot reopen: " + gdal::QuietGdalErrors::last_message());
    // The table as QGIS itself creates it (through OGR, "id" primary key), so QGIS finds the
    // default style of each layer by table and geometry column and can edit it.
    const char* options[] = {"FID=id", nullptr};
    OGRLayer* table =
        ds->CreateLayer("layer_styles", nullptr, wkbNone, const_cast<char**>(options));
    if (!table)
        throw core::DataError(
            gpkg_path, "cannot create layer_styles: " + gdal::QuietGdalErrors::last_message());
    auto add = [&](const char* name, OGRFieldType type, int width = 0, bool boolean = false) {
        OGRFieldDefn f(name, type);
        f.SetWidth(width);
        if (boolean) f.SetSubType(OFSTBoolean);
        if (type == OFTDateTime) f.SetDefault("CURRENT_TIMESTAMP");
        table->CreateField(&f);
    };
    add("f_table_catalog", OFTString, 256);
    add("f_table_schema", OFTString, 256);
    add("f_table_name", OFTString, 256);
    add("f_geometry_column", OFTString, 256);
    add("styleName", OFTString, 30);
    add("styleQML", OFTString);
    add("styleSLD", OFTString);
    add("useAsDefault", OFTInteger, 0, true);
    add("description", OFTString);
    add("owner", OFTString, 30);
    add("ui", OFTString, 30);
    add("update_time", OFTDateTime);
    for (const auto& s : styles) {
        OGRLayer* l = ds->GetLayerByName(s.layer.c_str());
        if (!l) throw core::DataError(gpkg_path, "no layer " + s.layer + " to style");
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(table->GetLayerDefn()));
        f->SetField("f_table_catalog", "");
        f->SetField("f_table_schema", "");
        f->SetField("f_table_name", s.layer.c_str());
        f->SetField("f_geometry_column", l->GetGeometryColumn());
        f->SetField("styleName", s.name.c_str());
        f->SetField("styleQML", s.qml.c_str());
        f->SetField("styleSLD", s.sld.c_str());
        f->SetField("useAsDefault", 1);
        f->SetField("description", s.description.c_str());
        f->SetField("owner", "palliacarte");
        f->SetField("ui", "");
        if (table->CreateFeature(f.get()) != OGRERR_NONE)
            throw core::DataError(gpkg_path, "cannot store the style of " + s.layer + ": " +
                                                 gdal::QuietGdalErrors::last_message());
    }
}

}  // namespace palliacarte::output
