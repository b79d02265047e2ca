#pragma once
// The analysis as six layers (communes_coverage, structures, catchments, white_zones,
// territories, candidate_sites): field names, types and French aliases are decided here, once,
// for every output format.

#include <vector>

#include "analysis/coverage_analysis.hpp"
#include "model/layer.hpp"

namespace palliacarte::output {

std::vector<model::Layer> coverage_layers(const model::Territory& territory,
                                          const analysis::CoverageAnalysis& analysis);

/// @brief One row per commune: population, area and, per analysed type, status, mean time
/// and share of the population within the threshold (`<type>_status`, … in lower case). The
/// HTTP service's `communes` collection.
model::Layer commune_summary_layer(const model::Territory& territory,
                                   const analysis::CoverageAnalysis& analysis);

/// @brief French status label ("couvert", "partiel", "zone blanche").
const char* status_label_fr(analysis::CoverageStatus s);

}  // namespace palliacarte::output
