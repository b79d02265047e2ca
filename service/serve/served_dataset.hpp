#pragma once
// What `palliacarte serve` holds in memory: the territory, its coverage analysis and the
// collections built from them, loaded once at start-up and read-only afterwards (every request
// thread reads it without locks).
#include <memory>
#include <optional>
#include <string>

#include "analysis/coverage_analysis.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "core/progress.hpp"
#include "model/territory.hpp"
#include "ogc/ogc_api.hpp"

namespace palliacarte::serve {

struct ServedDataset {
    config::TerritoryConfig config;
    config::AnalysisConfig analysis_config;
    model::Territory territory;
    analysis::CoverageAnalysis analysis;
    std::unique_ptr<ogc::OgcApi> ogc;
    std::vector<core::StepTiming> timings;
    std::string source;  ///< the config or GeoPackage served, for messages
};

/// @brief Loads the territory of `config_path`, runs its analysis, builds the collections.
/// @throws ConfigError, DataError as the loaders do.
std::unique_ptr<ServedDataset> load_served_dataset(const std::string& config_path,
                                                   const std::optional<std::string>& data_root,
                                                   const core::ProgressFn& progress = {});

/// @brief Serves the layers of a GeoPackage (e.g. an `analyze` output) as they are: no
/// territory and no analysis behind them, so the /analysis endpoints answer 404.
/// @throws DataError when the file cannot be read.
std::unique_ptr<ServedDataset> load_served_geopackage(const std::string& path);

/// @brief Serves an `analyze --out PG:` run, the tables of `schema`, as load_served_geopackage
/// serves its GeoPackage. @throws DataError (database unreachable), ConfigError (no such run).
std::unique_ptr<ServedDataset> load_served_database(const std::string& connection,
                                                    const std::string& schema);

}  // namespace palliacarte::serve
