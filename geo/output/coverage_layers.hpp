#pragma once
// The analysis as six layers (communes_coverage, structures, catchments, white_zones,
// territories, candidate_sites): field names, types and French aliases are decided here, once,
// for every output format.

#include <vector>

#include "analysis/coverage_analysis.hpp"
#include "output/layer.hpp"

namespace palliacarte {

std::vector<Layer> coverage_layers(const Territory& territory, const CoverageAnalysis& analysis);

/// @brief French status label ("couvert", "partiel", "zone blanche").
const char* status_label_fr(CoverageStatus s);

}  // namespace palliacarte
