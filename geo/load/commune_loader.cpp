#include "load/commune_loader.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/connection_text.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "crs/crs_transform.hpp"
#include "crs/departement_crs.hpp"
#include "gdal/ogr_source.hpp"
#include "geos/polygon_ops.hpp"
#include "load/crosswalk.hpp"

namespace palliacarte::load {

namespace bg = boost::geometry;

namespace {

// One boundary feature as read, before reprojection.
struct RawFeature {
    std::size_t number = 0;  // 1-based position in the layer, for messages
    std::string code;
    std::string name;
    std::optional<std::int64_t> population;
    model::MultiPolygon geometry;  // source CRS
    int epsg = 2154;
    bool ok = true;
};

std::string where_of(const RawFeature& f) {
    return "objet " + std::to_string(f.number) + " (code " + f.code + ")";
}

void append_ring(const OGRLinearRing* ring, model::Ring& out) {
    const int n = ring->getNumPoints();
    out.resize(static_cast<std::size_t>(n));
    // Point is two contiguous doubles, so getPoints can fill it directly.
    if (n > 0) ring->getPoints(&out[0].x, sizeof(model::Point), &out[0].y, sizeof(model::Point));
}

bool append_polygon(const OGRPolygon* poly, model::MultiPolygon& out) {
    if (poly->IsEmpty()) return false;
    model::Polygon p;
    append_ring(poly->getExteriorRing(), p.outer());
    for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
        p.inners().emplace_back();
        append_ring(poly->getInteriorRing(i), p.inners().back());
    }
    out.push_back(std::move(p));
    return true;
}

// Polygon and MultiPolygon (and curved versions, linearised). Anything else is not an area.
bool read_polygonal(const OGRGeometry* g, model::MultiPolygon& out) {
    if (!g) return false;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) return append_polygon(g->toPolygon(), out);
    if (type == wkbMultiPolygon) {
        bool any = false;
        for (const auto* p : *g->toMultiPolygon()) any |= append_polygon(p, out);
        return any;
    }
    if (type == wkbCurvePolygon || type == wkbMultiSurface || type == wkbGeometryCollection) {
        std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
        if (!linear || wkbFlatten(linear->getGeometryType()) == wkbGeometryCollection) {
            bool any = false;
            if (linear)
                for (const auto* part : *linear->toGeometryCollection())
                    any |= read_polygonal(part, out);
            return any;
        }
        return read_polygonal(linear.get(), out);
    }
    return false;
}

std::string pad_code(std::string code, OGRFieldType type) {
    // Numeric INSEE fields lose the leading zero of départements 01–09.
    if ((type == OFTInteger || type == OFTInteger64 || type == OFTReal) && code.size() == 4)
        code = "0" + code;
    return code;
}

}  // namespace

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

namespace {

// Which columns hold the code, name and population: as configured, else found by their usual
// names (ADMIN EXPRESS: INSEE_COM, NOM, POPULATION; france-geojson: code, nom).
struct CommuneFields {
    int code = 0;
    std::optional<int> name, population;
    OGRFieldType code_type = OFTString;
};

CommuneFields find_commune_fields(OGRFeatureDefn* defn, const CommuneLoadOptions& options,
                                  CommuneLoadResult& result) {
    const std::string& path = options.source.path;
    auto pick = [&](const std::string& configured, std::initializer_list<const char*> auto_names,
                    const char* what, bool required) -> std::optional<int> {
        if (!configured.empty()) {
            auto idx = gdal::find_field(defn, configured);
            if (!idx)
                throw core::ConfigError(core::without_password(path) + " : pas de champ « " +
                                        configured + " » pour communes." + what + "_field");
            return idx;
        }
        auto idx = gdal::find_field(defn, auto_names);
        if (!idx && required)
            throw core::DataError(
                path, std::string("impossible de trouver le champ ") + what +
                          " (essayés : INSEE_COM, code, …) ; renseignez communes." + what +
                          "_field dans la config");
        return idx;
    };
    CommuneFields f;
    f.code = *pick(options.source.code_field,
                   {"INSEE_COM", "code", "code_insee", "insee", "CODGEO", "com"}, "code", true);
    f.name = pick(options.source.name_field, {"NOM", "nom", "NOM_COM", "libelle", "LIBGEO"}, "name",
                  false);
    f.population = pick(options.source.population_field, {"POPULATION", "population", "PMUN"},
                        "population", false);
    result.code_field = defn->GetFieldDefn(f.code)->GetNameRef();
    if (f.name) result.name_field = defn->GetFieldDefn(*f.name)->GetNameRef();
    if (f.population) result.population_field = defn->GetFieldDefn(*f.population)->GetNameRef();
    f.code_type = defn->GetFieldDefn(f.code)->GetType();
    return f;
}

// 1. Read. GDAL's drivers are not thread-safe per dataset: this part is sequential.
std::vector<RawFeature> read_commune_features(gdal::OgrSource& src, const CommuneFields& fields,
                                              const CommuneLoadOptions& options,
                                              CommuneLoadResult& result, core::LoadReport& report) {
    const std::string& path = options.source.path;
    const std::set<std::string> keep(options.departements.begin(), options.departements.end());
    std::vector<RawFeature> raw;
    const GIntBig total = src.layer->GetFeatureCount(FALSE);
    core::ProgressTicker read_progress(options.progress, "communes : lecture des polygones",
                                       total > 0 ? total : 0, 2000);
    std::size_t number = 0;
    src.layer->ResetReading();
    for (OGRFeatureUniquePtr f(src.layer->GetNextFeature()); f;
         f.reset(src.layer->GetNextFeature())) {
        ++number;
        read_progress.tick(number);
        RawFeature rf;
        rf.number = number;
        rf.code =
            pad_code(std::string(core::trim(gdal::field_text(*f, fields.code))), fields.code_type);
        if (rf.code.empty()) {
            ++result.features_rejected;
            report.reject(path, "objet " + std::to_string(number), "missing_code",
                          "objet sans code INSEE dans le champ " + result.code_field);
            continue;
        }
        const std::string dep = crs::departement_of_insee(rf.code);
        if (!keep.empty() && !keep.count(dep)) continue;
        ++result.features_read;
        if (fields.name) rf.name = gdal::field_text(*f, *fields.name);
        if (fields.population && f->IsFieldSetAndNotNull(*fields.population))
            rf.population = f->GetFieldAsInteger64(*fields.population);
        if (!read_polygonal(f->GetGeometryRef(), rf.geometry)) {
            ++result.features_rejected;
            report.reject(path, where_of(rf), "not_polygon",
                          f->GetGeometryRef()
                              ? std::string("la géométrie est un ") +
                                    OGRGeometryTypeToName(f->GetGeometryRef()->getGeometryType()) +
                                    ", pas un polygone"
                              : "objet sans géométrie");
            continue;
        }
        rf.epsg =
            options.epsg_per_departement ? crs::natural_epsg_for_departement(dep) : options.epsg;
        raw.push_back(std::move(rf));
    }
    read_progress.finish(number);
    return raw;
}

// Each worker owns its PROJ and GEOS contexts (neither is thread-safe).
struct GeometryWorker {
    std::unique_ptr<geos::GeosContext> geos = std::make_unique<geos::GeosContext>();
    std::map<int, crs::CrsTransform> transforms;
};

// One feature into its CRS, made valid (repaired when GEOS can); false when rejected.
bool reproject_and_validate(RawFeature& rf, GeometryWorker& wk, const std::string& source_crs,
                            const std::string& path, geos::ValidityOutcome& validity,
                            core::LoadReport& report) {
    auto it = wk.transforms.find(rf.epsg);
    if (it == wk.transforms.end())
        it =
            wk.transforms.emplace(rf.epsg, crs::CrsTransform(source_crs, crs::epsg_string(rf.epsg)))
                .first;
    if (const std::size_t failed = it->second.transform(rf.geometry); failed > 0) {
        report.reject(path, where_of(rf), "reprojection_failed",
                      std::to_string(failed) + " sommets impossibles à reprojeter en EPSG:" +
                          std::to_string(rf.epsg) + " (coordonnées hors du CRS ?)");
        return false;
    }
    geos::GeosGeometry g = wk.geos->to_geos(rf.geometry);
    if (!g) {
        report.reject(path, where_of(rf), "bad_geometry",
                      "GEOS ne peut construire le polygone : " + wk.geos->last_error());
        return false;
    }
    validity = geos::make_valid(*wk.geos, g);
    if (validity.was_valid) {
        bg::correct(rf.geometry);
    } else if (validity.repaired) {
        rf.geometry = wk.geos->to_multipolygon(g.get());
        report.warn(path, where_of(rf), "invalid_geometry_repaired",
                    "polygone invalide (" + validity.reason + ") réparé par GEOS MakeValid");
    } else {
        report.reject(path, where_of(rf), "invalid_geometry",
                      "polygone invalide que GEOS ne sait pas réparer : " + validity.reason);
        return false;
    }
    return true;
}

// 2. Reproject and validate, in parallel.
void reproject_and_validate_all(std::vector<RawFeature>& raw, std::vector<GeometryWorker>& ctx,
                                const CommuneLoadOptions& options, CommuneLoadResult& result,
                                core::LoadReport& report) {
    std::vector<geos::ValidityOutcome> validity(raw.size());
    core::ProgressTicker geom_progress(options.progress, "communes : reprojection et validation",
                                       raw.size(), 4000);
    std::atomic<std::size_t> done{0};
    core::parallel_for(raw.size(), ctx.size(), [&](std::size_t i, std::size_t w) {
        raw[i].ok = reproject_and_validate(raw[i], ctx[w], result.source_crs, options.source.path,
                                           validity[i], report);
        const std::size_t finished = ++done;
        if (w == 0) geom_progress.tick(finished);  // the printer is not thread-safe
    });
    geom_progress.finish(raw.size());
    for (const auto& v : validity) result.invalid_repaired += (!v.was_valid && v.repaired);
}

// One commune from its source features: the chef-lieu's name, the parts' population summed,
// their polygons united.
void dissolve_commune(model::Commune& c, const std::vector<std::size_t>& members,
                      std::vector<RawFeature>& raw, geos::GeosContext& geos,
                      const std::string& path, core::LoadReport& report) {
    c.departement = crs::departement_of_insee(c.insee);
    c.epsg = raw[members.front()].epsg;
    c.source_features = members.size();
    std::int64_t pop = 0;
    bool has_pop = true;
    for (std::size_t i : members) {
        c.source_codes.push_back(raw[i].code);
        if (raw[i].population)
            pop += *raw[i].population;
        else
            has_pop = false;
        // Keep the name of the feature whose code is the current one (the chef-lieu).
        if (raw[i].code == c.insee || c.name.empty()) c.name = raw[i].name;
    }
    if (has_pop) c.population = pop;
    if (members.size() == 1) {
        c.geometry = std::move(raw[members.front()].geometry);
    } else {
        std::vector<geos::GeosGeometry> parts;
        for (std::size_t i : members) parts.push_back(geos.to_geos(raw[i].geometry));
        if (geos::GeosGeometry u = geos::union_all(geos, std::move(parts))) {
            c.geometry = geos.to_multipolygon(u.get());
        } else {
            // Union failed (should not happen on valid input): keep the parts side by side.
            report.warn(
                path, "commune " + c.insee, "union_failed",
                "l'union GEOS a échoué (" + geos.last_error() + ") ; parties gardées côte à côte");
            for (std::size_t i : members)
                for (auto& p : raw[i].geometry) c.geometry.push_back(std::move(p));
        }
    }
    c.area_m2 = bg::area(c.geometry);
    c.bbox = bg::return_envelope<model::Box>(c.geometry);
}

// 3. Group by current code (through the crosswalk) and dissolve groups of several parts.
void dissolve_all(std::vector<RawFeature>& raw, std::vector<GeometryWorker>& ctx,
                  const CommuneLoadOptions& options, CommuneLoadResult& result,
                  core::LoadReport& report) {
    std::map<std::string, std::vector<std::size_t>> groups;
    const std::set<std::string> keep_codes(options.codes.begin(), options.codes.end());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (!raw[i].ok) {
            ++result.features_rejected;
            continue;
        }
        const std::string code =
            options.crosswalk ? options.crosswalk->current(raw[i].code) : raw[i].code;
        if (!keep_codes.empty() && !keep_codes.count(code)) continue;
        groups[code].push_back(i);
    }
    result.communes.resize(groups.size());
    std::vector<std::pair<const std::string*, const std::vector<std::size_t>*>> order;
    order.reserve(groups.size());
    for (const auto& [code, members] : groups) order.emplace_back(&code, &members);
    core::parallel_for(order.size(), ctx.size(), [&](std::size_t k, std::size_t w) {
        result.communes[k].insee = *order[k].first;
        dissolve_commune(result.communes[k], *order[k].second, raw, *ctx[w].geos,
                         options.source.path, report);
    });
    for (const auto& c : result.communes) result.merged_communes += c.source_features > 1;
}

}  // namespace

CommuneLoadResult load_communes(const CommuneLoadOptions& options, core::LoadReport& report) {
    auto t0 = std::chrono::steady_clock::now();
    const std::string& path = options.source.path;
    CommuneLoadResult result;
    if (options.progress)
        options.progress("communes : ouverture de " + core::without_password(path), 0, 0);
    gdal::OgrSource src = gdal::open_vector_layer(path, options.source.layer, options.source.sql);
    const CommuneFields fields = find_commune_fields(src.layer->GetLayerDefn(), options, result);
    result.source_crs =
        options.source.source_crs.empty() ? gdal::layer_crs(src.layer) : options.source.source_crs;
    if (result.source_crs.empty())
        throw core::DataError(
            path, "la couche n'a pas de CRS : renseignez communes.source_crs dans la config");

    std::vector<RawFeature> raw = read_commune_features(src, fields, options, result, report);
    src.dataset.reset();  // free GDAL's copy of the file before the heavy phase
    result.read_seconds = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    std::vector<GeometryWorker> ctx(core::worker_count(raw.size() / 64 + 1));
    reproject_and_validate_all(raw, ctx, options, result, report);
    result.reproject_validate_seconds = seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    dissolve_all(raw, ctx, options, result, report);
    result.dissolve_seconds = seconds_since(t0);
    return result;
}

}  // namespace palliacarte::load
