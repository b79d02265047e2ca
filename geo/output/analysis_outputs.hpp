#pragma once
// Everything `palliacarte analyze` writes into its output folder: coverage.gpkg (six layers,
// QGIS styles embedded), one RFC 7946 GeoJSON per layer, white_zones.csv and territories.csv,
// report.md and one PNG map per analysed type.

#include <string>
#include <vector>

#include "analysis/coverage_analysis.hpp"
#include "config/territory_config.hpp"
#include "core/progress.hpp"
#include "model/layer.hpp"

namespace palliacarte {

struct WrittenOutputs {
    std::vector<std::string> files;  ///< paths, in the order written
    std::vector<StepTiming> timings;
};

/// @param styles_dir where the QML files are (palliacarte's styles/ by default).
/// @throws DataError naming a file that cannot be written.
WrittenOutputs write_analysis_outputs(const std::string& dir, const TerritoryConfig& config,
                                      const Territory& territory, const CoverageAnalysis& analysis,
                                      const std::string& styles_dir,
                                      const ProgressFn& progress = {});

/// @brief The QML of `layer` from styles_dir, adapted to the analysis (only the first analysed
/// type checked in communes_coverage) and given the layer's French field aliases.
std::string layer_qml(const std::string& styles_dir, const Layer& layer,
                      const CoverageAnalysis& analysis);

}  // namespace palliacarte
