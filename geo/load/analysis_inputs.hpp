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

namespace palliacarte::load {

struct AnalysisInputs {
    config::TerritoryConfig config;
    config::AnalysisConfig analysis;
    model::Territory territory;
};

/// @throws ConfigError (bad config, unknown type code) or DataError (a source cannot be read).
AnalysisInputs load_analysis_inputs(const std::string& config_path,
                                    const std::optional<std::string>& data_root,
                                    const core::ProgressFn& progress = {});

/// @brief The same from a config already read.
AnalysisInputs load_analysis_inputs(config::TerritoryConfig config,
                                    const core::ProgressFn& progress = {});

}  // namespace palliacarte::load
