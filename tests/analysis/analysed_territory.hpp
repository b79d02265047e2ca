#pragma once
// A shipped territory loaded and analysed once per test binary, as `analyze` does it, for the
// suites that check the analysis on real data.
#include <string>

#include "analysis/coverage_analysis.hpp"
#include "load/analysis_inputs.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

struct AnalysedTerritory {
    TerritoryConfig territory_config;
    Territory territory;
    AnalysisConfig config;
    CoverageAnalysis analysis;
};

/// @brief `config_name` (in data/) loaded and analysed; call once, keep the result.
inline AnalysedTerritory analysed_territory(const std::string& config_name) {
    AnalysisInputs in = load_analysis_inputs(test::config(config_name), std::nullopt);
    AnalysedTerritory x{std::move(in.config), std::move(in.territory), std::move(in.analysis), {}};
    x.analysis = analyze_coverage(x.territory, x.config);
    return x;
}

}  // namespace palliacarte::test
