#include "gdal/ogr_source.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

#include "core/connection_text.hpp"
#include "core/errors.hpp"
#include "gdal/postgres_database.hpp"

namespace palliacarte::gdal {

std::string QuietGdalErrors::last_message() {
    const char* msg = CPLGetLastErrorMsg();
    return (msg && *msg) ? std::string(msg) : std::string("unknown GDAL error");
}

void register_gdal_drivers() {
    // A function-local static: initialised once, thread-safe. GDALAllRegister itself is not
    // (two output threads calling it at once crashed in GDALRegister_WMS).
    static const bool done = [] {
        GDALAllRegister();
        return true;
    }();
    (void)done;
}

std::string gdal_virtual_path(const std::string& path) {
    // GDAL opens compressed files only through its virtual file systems; official downloads
    // and the shipped demo network come compressed (.zip shapefiles, .fgb.gz).
    auto ends_with = [&](std::string_view suffix) {
        return path.size() > suffix.size() &&
               std::equal(suffix.rbegin(), suffix.rend(), path.rbegin(), [](char a, char b) {
                   return a == std::tolower(static_cast<unsigned char>(b));
               });
    };
    if (path.starts_with("/vsi")) return path;
    if (ends_with(".zip")) return "/vsizip/" + path;
    if (ends_with(".gz")) return "/vsigzip/" + path;
    return path;
}

namespace {

std::string layer_names(GDALDataset& ds) {
    std::string names;
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        names += std::string(i ? ", " : "") + ds.GetLayer(i)->GetName();
    return names;
}

GDALDatasetUniquePtr open_dataset(const std::string& path, bool database) {
    QuietGdalErrors quiet;
    CPLErrorReset();
    // No scan of every table of a large database: the config names its table or query.
    if (database) return open_postgres(path, false, {"LIST_ALL_TABLES=NO"});
    if (!std::filesystem::exists(path)) throw core::DataError(path, "fichier introuvable");
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(gdal_virtual_path(path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw core::DataError(
            path, "source vectorielle illisible (" + QuietGdalErrors::last_message() + ")");
    if (ds->GetLayerCount() == 0)
        throw core::DataError(path, "ne contient aucune couche vectorielle");
    return ds;
}

}  // namespace

OgrSource open_vector_layer(const std::string& path, const std::string& layer_name,
                            const std::string& sql) {
    register_gdal_drivers();
    const bool database = core::is_postgres_connection(path);
    OgrSource src;
    src.path = core::without_password(path);
    src.dataset = open_dataset(path, database);
    QuietGdalErrors quiet;
    CPLErrorReset();
    if (!sql.empty()) {
        src.query = std::unique_ptr<OGRLayer, ResultSetRelease>(
            src.dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr),
            ResultSetRelease{src.dataset.get()});
        if (!src.query)
            throw core::ConfigError(src.path + " : requête « sql » refusée : " +
                                    core::without_password(QuietGdalErrors::last_message()));
        src.layer = src.query.get();
    } else if (!layer_name.empty()) {
        src.layer = src.dataset->GetLayerByName(layer_name.c_str());
        if (!src.layer && database)
            throw core::ConfigError(src.path + " : pas de table ou vue « " + layer_name +
                                    " » dans la base");
        if (!src.layer)
            throw core::DataError(path, "pas de couche « " + layer_name +
                                            " » (couches : " + layer_names(*src.dataset) + ")");
    } else if (database) {
        throw core::ConfigError(src.path +
                                " : une base de données demande « layer » (une table, "
                                "schéma.table) ou « sql » (une requête)");
    } else {
        src.layer = src.dataset->GetLayer(0);
    }
    return src;
}

std::string layer_crs(OGRLayer* layer) {
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) return "";
    OGRSpatialReference copy(*srs);
    copy.AutoIdentifyEPSG();
    const char* auth = copy.GetAuthorityName(nullptr);
    const char* code = copy.GetAuthorityCode(nullptr);
    if (auth && code && std::string(auth) == "EPSG") return std::string("EPSG:") + code;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    copy.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

std::optional<int> find_field(OGRFeatureDefn* defn, std::initializer_list<const char*> candidates) {
    for (const char* name : candidates) {
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (EQUAL(defn->GetFieldDefn(i)->GetNameRef(), name)) return i;
    }
    return std::nullopt;
}

std::optional<int> find_field(OGRFeatureDefn* defn, const std::string& name) {
    return find_field(defn, {name.c_str()});
}

std::string field_text(OGRFeature& feature, int index) {
    if (!feature.IsFieldSetAndNotNull(index)) return "";
    return feature.GetFieldAsString(index);
}

}  // namespace palliacarte::gdal
