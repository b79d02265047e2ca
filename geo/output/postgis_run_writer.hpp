#pragma once
// One analysis run written into a PostgreSQL/PostGIS schema, atomically: the layers go into a
// staging schema, then one transaction puts it in the place of the previous run (dropped, or
// kept under a dated name with --keep-history). A reader never sees half a run, and a run that
// fails or is killed leaves the previous one whole. An advisory lock per schema makes a second
// run on the same schema wait for the first.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/step_timing.hpp"
#include "model/layer.hpp"
#include "output/ogr_layer_writer.hpp"

namespace palliacarte::output {

struct PostgisTarget {
    std::string connection;  ///< `PG:dbname=… host=… user=…` (GDAL's PostgreSQL driver)
    std::string schema;      ///< e.g. palliacarte_corse
    bool keep_history = false;
};

/// What the `runs` table (schema `palliacarte`) records of a run.
struct PostgisRunRecord {
    std::string territory;
    std::string config_path;
    std::string config_json;
    std::string run_date;  ///< UTC, ISO 8601
    std::string version;
    std::string provenance_json;
    std::string figures_json;  ///< per analysed type
};

struct PostgisWriteReport {
    std::string schema;
    std::string history_schema;  ///< where the previous run went (--keep-history), else empty
    bool waited = false;         ///< another run held the schema's lock
    std::size_t features = 0;
    std::vector<core::StepTiming> timings;  ///< lock, staging layers, swap
};

/// @brief A schema name PostgreSQL takes unquoted and leaves room for the history suffix:
/// [a-z_][a-z0-9_]*, at most 40 bytes. @throws ConfigError saying why.
void check_schema_name(const std::string& schema);

/// @brief palliacarte_<territory>: lower case, accents folded, other characters as '_'.
std::string default_schema_name(const std::string& territory_name);

/// @brief Writes `layers` (Lambert-93, spatial indexes) and their QGIS default styles
/// (public.layer_styles), and adds the run to palliacarte.runs, all or nothing.
/// `notice` hears of waits. @throws DataError (unreachable database, refused SQL) without the
/// password, ConfigError for a wrong schema name.
PostgisWriteReport write_postgis_run(const PostgisTarget& target,
                                     const std::vector<model::Layer>& layers,
                                     const std::vector<LayerStyle>& styles,
                                     const PostgisRunRecord& run,
                                     const std::function<void(const std::string&)>& notice = {});

/// @brief The id in palliacarte.runs of the run `schema` holds (0: none, or no runs table).
/// @throws DataError when the database cannot be reached.
std::int64_t latest_run_id(const std::string& connection, const std::string& schema);

}  // namespace palliacarte::output
