#pragma once
// The analysis as six layers (communes_coverage, structures, catchments, white_zones,
// territories, candidate_sites): field names, types and French aliases are decided here, once,
// for every output format.

#include <vector>

#include "analysis/coverage_analysis.hpp"
#include "model/layer.hpp"

namespace palliacarte {

std::vector<Layer> coverage_layers(const Territory& territory, const CoverageAnalysis& analysis);

/// @brief One row per commune: population, area and, per analysed type, status, mean time
/// and share of the population within the threshold (`<type>_status`, … in lower case). The
/// HTTP service's `communes` collection.
Layer commune_summary_layer(const Territory& territory, const CoverageAnalysis& analysis);

/// @brief French status label ("couvert", "partiel", "zone blanche").
const char* status_label_fr(CoverageStatus s);

}  // namespace palliacarte
