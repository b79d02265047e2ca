#pragma once
// Everything an analysis reads, each file once: the territory config and its analysis section,
// the structure type table (the section's type codes checked against it before anything else
// is read), the territory, and the population grid when the section names one. `analyze` and
// `serve` start here; the analysis itself reads no file.
#include <optional>
#include <string>

#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "core/progress.hpp"
#include "model/territory.hpp"

namespace palliacarte {

struct AnalysisInputs {
    TerritoryConfig config;
    AnalysisConfig analysis;
    Territory territory;
};

/// @throws ConfigError (bad config, unknown type code) or DataError (a source cannot be read).
AnalysisInputs load_analysis_inputs(const std::string& config_path,
                                    const std::optional<std::string>& data_root,
                                    const ProgressFn& progress = {});

/// @brief The same from a config already read.
AnalysisInputs load_analysis_inputs(TerritoryConfig config, const ProgressFn& progress = {});

}  // namespace palliacarte
