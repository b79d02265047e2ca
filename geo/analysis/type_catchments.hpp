#pragma once
// The catchments of one type: one polygon per structure and limit (the configured limits plus
// the type's threshold), clipped to the territory outline, and their union per limit.
#include <vector>

#include "analysis/coverage_result.hpp"
#include "core/step_timing.hpp"

typedef struct GEOSGeom_t GEOSGeometry;

namespace palliacarte::analysis {

/// @brief Sets `tc.catchment_limits_min` and `tc.union_catchments` and appends the per-structure
/// polygons at the configured limits and at the threshold to `out`. `places` are the type's
/// located structures (parallel to `tc.located`). Sets `within_threshold` to the population
/// points within the type's threshold of each place, from the same searches as the polygons.
/// @return the index of the type's threshold in `tc.catchment_limits_min`.
std::size_t compute_type_catchments(TypeCoverage& tc, const std::vector<Place>& places,
                                    const TravelTimeModel& model,
                                    const config::AnalysisConfig& config,
                                    const TerritoryOutline& outline, int territory_epsg,
                                    std::vector<StructureCatchment>& out,
                                    std::vector<PointTimes>& within_threshold,
                                    std::vector<core::StepTiming>& timings);

}  // namespace palliacarte::analysis
