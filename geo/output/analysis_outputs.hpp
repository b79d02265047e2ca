#pragma once
// Everything `palliacarte analyze` writes into its output folder: coverage.gpkg (six layers,
// QGIS styles embedded), one RFC 7946 GeoJSON per layer, white_zones.csv and territories.csv,
// report.md and a map per analysed type (PNG for the report, PDF for print).

#include <string>
#include <vector>

#include "analysis/coverage_analysis.hpp"
#include "cartography/coverage_map_inputs.hpp"
#include "cartography/paper_size.hpp"
#include "config/territory_config.hpp"
#include "core/progress.hpp"
#include "model/layer.hpp"
#include "output/ogr_layer_writer.hpp"

namespace palliacarte::output {

struct WrittenOutputs {
    std::vector<std::string> files;  ///< paths, in the order written
    std::vector<core::StepTiming> timings;
};

/// Which maps `analyze` draws, and how.
struct MapOutputOptions {
    bool png = true;  ///< carte_<TYPE>.png, shown in report.md
    bool pdf = true;  ///< carte_<TYPE>.pdf, vector, for print
    cartography::PaperSize paper = cartography::PaperSize::a4;
    cartography::MapOptions map;
};

/// @param styles_dir where the QML files are (palliacarte's styles/ by default).
/// @throws DataError naming a file that cannot be written.
WrittenOutputs write_analysis_outputs(const std::string& dir, const config::TerritoryConfig& config,
                                      const model::Territory& territory,
                                      const analysis::CoverageAnalysis& analysis,
                                      const std::string& styles_dir,
                                      const core::ProgressFn& progress = {},
                                      const MapOutputOptions& map_options = {});

/// @brief The QML of `layer` from styles_dir, adapted to the analysis (only the first analysed
/// type checked in communes_coverage) and given the layer's French field aliases.
std::string layer_qml(const std::string& styles_dir, const model::Layer& layer,
                      const analysis::CoverageAnalysis& analysis);

/// @brief Each layer's QGIS default style: `qml` (layer_qml, same order) and the SLD of
/// styles_dir when there is one.
std::vector<LayerStyle> layer_styles(const std::vector<model::Layer>& layers,
                                     const std::vector<std::string>& qml,
                                     const std::string& styles_dir);

}  // namespace palliacarte::output
