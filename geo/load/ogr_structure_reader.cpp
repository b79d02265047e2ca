#include "load/ogr_structure_reader.hpp"

#include "core/connection_text.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "gdal/ogr_source.hpp"
#include "load/structure_placement.hpp"

namespace palliacarte::load {

void read_ogr_structures(const config::StructureSourceConfig& config, const std::string& path,
                         const model::StructureTypeTable& types, StructurePlacer& placer,
                         std::vector<model::Structure>& out, core::LoadReport& report) {
    gdal::OgrSource src = gdal::open_vector_layer(path, config.layer, config.sql);
    OGRFeatureDefn* defn = src.layer->GetLayerDefn();
    const std::string crs =
        config.source_crs.empty() ? gdal::layer_crs(src.layer) : config.source_crs;
    if (crs.empty())
        throw core::DataError(path,
                              "la couche n'a pas de CRS : renseignez source_crs dans la config");

    // Our field name → layer field index, from the mapping or the usual names.
    auto field = [&](const char* ours,
                     std::initializer_list<const char*> usual) -> std::optional<int> {
        const auto it = config.fields.find(ours);
        if (it != config.fields.end()) {
            auto idx = gdal::find_field(defn, it->second);
            if (!idx)
                throw core::ConfigError(core::without_password(path) + " : pas de champ « " +
                                        it->second + " » (associé à " + ours + ")");
            return idx;
        }
        return gdal::find_field(defn, usual);
    };
    const auto f_id = field("id", {"id", "identifiant"});
    const auto f_name = field("name", {"name", "nom", "rs"});
    const auto f_type = field("type", {"type"});
    const auto f_territory = field("territory", {"territory", "territoire"});
    const auto f_finess = field("finess_et", {"finess_et", "nofinesset", "finess"});
    const auto f_commune = field("commune_insee", {"commune_insee", "insee"});
    const auto f_area = field("intervention_communes", {"intervention_communes"});
    const auto f_setting = field("setting", {"setting"});

    const model::StructureType* fixed = nullptr;
    if (!config.type.empty()) {
        fixed = types.find(config.type);
        if (!fixed)
            throw core::ConfigError(path + ": unknown structure type '" + config.type + "'");
    }
    auto text = [](OGRFeature& f, const std::optional<int>& idx) {
        return idx ? std::string(core::trim(gdal::field_text(f, *idx))) : std::string();
    };
    std::size_t number = 0;
    for (OGRFeatureUniquePtr f(src.layer->GetNextFeature()); f;
         f.reset(src.layer->GetNextFeature())) {
        ++number;
        const std::string where = "objet " + std::to_string(number);
        model::Structure s;
        s.id = f_id ? text(*f, f_id) : "";
        if (s.id.empty())
            s.id = std::string(src.layer->GetName()) + "-" + std::to_string(f->GetFID());
        const model::StructureType* t = fixed;
        if (!t) {
            const std::string code = text(*f, f_type);
            t = types.find(code);
            if (!t) {
                report.reject(path, where, "unknown_type",
                              s.id + " : type de structure « " + code +
                                  " » inconnu (voir structure-types.json)");
                continue;
            }
        }
        s.type = t->code;
        s.name = text(*f, f_name);
        if (s.name.empty()) s.name = s.id;
        s.territory = text(*f, f_territory);
        s.finess_et = text(*f, f_finess);
        s.commune_insee = text(*f, f_commune);
        s.setting = text(*f, f_setting);
        s.intervention_communes = split_codes(text(*f, f_area));
        s.source = path + ":" + where;
        const OGRGeometry* g = f->GetGeometryRef();
        if (g && !g->IsEmpty()) {
            if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
                const OGRPoint* p = g->toPoint();
                placer.place(s, p->getX(), p->getY(), crs, report, path, where);
                if (s.position) s.position_source = "geometry";
            } else {
                s.position_problem = "geometry is not a point";
                report.warn(path, where, "position_rejected",
                            s.id + " : la géométrie est un " +
                                std::string(OGRGeometryTypeToName(g->getGeometryType())) +
                                ", pas un point ; structure gardée sans position");
            }
        }
        placer.add(std::move(s), out, report, path, where);
    }
}

}  // namespace palliacarte::load
