#pragma once
// `palliacarte analyze --out PG:…`: the GeoPackage's layers, with their QGIS default styles, as
// one run of a PostGIS schema (output/postgis_run_writer.hpp), and its row in palliacarte.runs.
#include <functional>
#include <string>

#include "analysis/coverage_result.hpp"
#include "config/territory_config.hpp"
#include "model/territory.hpp"
#include "output/postgis_run_writer.hpp"

namespace palliacarte::output {

/// @brief Per analysed type: threshold, structures, inhabitants within the threshold and their
/// share, white-zone communes and their inhabitants (the `figures` of a run).
std::string run_figures_json(const analysis::CoverageAnalysis& analysis);

/// @param styles_dir where the QML and SLD files are (palliacarte's styles/ by default).
PostgisWriteReport write_analysis_database(const PostgisTarget& target,
                                           const config::TerritoryConfig& config,
                                           const model::Territory& territory,
                                           const analysis::CoverageAnalysis& analysis,
                                           const std::string& styles_dir,
                                           const std::function<void(const std::string&)>& notice);

}  // namespace palliacarte::output
