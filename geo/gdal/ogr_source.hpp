#pragma once
// Opening vector data with GDAL/OGR: RAII dataset handle, layer choice, CRS and field lookup,
// and GDAL's error messages captured for our own reports instead of printed on stderr.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

namespace palliacarte::gdal {

/// @brief Registers GDAL's drivers once per process; safe to call from any thread.
void register_gdal_drivers();

/// @brief While alive, GDAL/CPL errors are not printed; the last one can be read back.
class QuietGdalErrors {
  public:
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
    static std::string last_message();
};

/// Gives a query's result layer back to its dataset (GDALDataset::ReleaseResultSet).
struct ResultSetRelease {
    GDALDataset* dataset = nullptr;
    void operator()(OGRLayer* layer) const {
        if (dataset && layer) dataset->ReleaseResultSet(layer);
    }
};

/// @brief An open vector dataset and the layer we read from it.
struct OgrSource {
    GDALDatasetUniquePtr dataset;
    OGRLayer* layer = nullptr;  ///< owned by dataset (or by `query`)
    std::string path;           ///< as it may be shown: a database's password hidden
    /// With `sql`: the result layer, released before the dataset closes (declared after it).
    std::unique_ptr<OGRLayer, ResultSetRelease> query;
};

/// @brief `path` as GDAL must open it: `.zip` through /vsizip/, `.gz` through /vsigzip/.
std::string gdal_virtual_path(const std::string& path);

/// @brief Opens `path` with any OGR driver and picks `layer_name` (or the only/first layer),
/// or the features `sql` returns. `path` may be a PostgreSQL/PostGIS database (`PG:…`): it then
/// needs `layer_name` (a table or view, "schema.table") or `sql`.
/// @throws DataError when the file or database cannot be read or reached (exit code 3),
/// ConfigError when it has no such layer or the query is refused (2), naming the source
/// without its password.
OgrSource open_vector_layer(const std::string& path, const std::string& layer_name = "",
                            const std::string& sql = "");

/// @brief The layer's CRS as "EPSG:n" when it has an EPSG code, else WKT; empty if none.
std::string layer_crs(OGRLayer* layer);

/// @brief Index of the first field whose name matches one of `candidates` (case-insensitive).
std::optional<int> find_field(OGRFeatureDefn* defn, std::initializer_list<const char*> candidates);
std::optional<int> find_field(OGRFeatureDefn* defn, const std::string& name);

/// @brief A field as text; integer fields of codes keep their leading zeros only if the
/// source stored them as text, so the caller pads codes it knows the width of.
std::string field_text(OGRFeature& feature, int index);

}  // namespace palliacarte::gdal
