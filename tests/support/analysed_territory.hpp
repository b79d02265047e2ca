#pragma once
// A shipped territory loaded and analysed once per test binary, as `analyze` does it, and a
// GEOS measure, for the suites that check the analysis on real data.
#include <string>

#include "analysis/coverage_analysis.hpp"
#include "geos/geos_context.hpp"
#include "load/analysis_inputs.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

struct AnalysedTerritory {
    config::TerritoryConfig territory_config;
    model::Territory territory;
    config::AnalysisConfig config;
    analysis::CoverageAnalysis analysis;
};

/// @brief `config_name` (in data/) loaded and analysed; call once, keep the result.
inline AnalysedTerritory analysed_territory(const std::string& config_name) {
    load::AnalysisInputs in = load::load_analysis_inputs(test::config(config_name), std::nullopt);
    AnalysedTerritory x{std::move(in.config), std::move(in.territory), std::move(in.analysis), {}};
    x.analysis = analysis::analyze_coverage(x.territory, x.config);
    return x;
}

/// @brief Area of `inner` lying outside `outer` (GEOS overlay): catchments must lie within
/// the territory and nest across limits.
inline double area_outside(const model::MultiPolygon& inner, const model::MultiPolygon& outer) {
    const geos::GeosContext geos;
    const geos::GeosGeometry a = geos.to_geos(inner), b = geos.to_geos(outer);
    const geos::GeosGeometry d = geos.wrap(GEOSDifference_r(geos.handle(), a.get(), b.get()));
    double area = 0;
    if (d) GEOSArea_r(geos.handle(), d.get(), &area);
    return area;
}

}  // namespace palliacarte::test
