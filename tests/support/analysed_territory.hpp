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

/// @brief Area of `inner` lying outside `outer` (GEOS overlay): catchments must lie within
/// the territory and nest across limits.
inline double area_outside(const MultiPolygon& inner, const MultiPolygon& outer) {
    const GeosContext geos;
    const GeosGeometry a = geos.to_geos(inner), b = geos.to_geos(outer);
    const GeosGeometry d = geos.wrap(GEOSDifference_r(geos.handle(), a.get(), b.get()));
    double area = 0;
    if (d) GEOSArea_r(geos.handle(), d.get(), &area);
    return area;
}

}  // namespace palliacarte::test
