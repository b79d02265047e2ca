#pragma once
// report.md: what a planner reads in a minute, in French — per type the people out of reach
// and the white-zone communes, per territory the Atlas-style indicators, the communes to look
// at first, where one more structure would help most, and how the numbers were made.

#include <string>
#include <vector>

#include "analysis/coverage_analysis.hpp"

namespace palliacarte::output {

struct RunProvenance;

/// @param maps per analysed type, the PNG file name (relative to the report) or "".
/// @param provenance sources, vintages and parameters, closing the report.
std::string markdown_report(const model::Territory& territory,
                            const analysis::CoverageAnalysis& analysis,
                            const std::vector<std::string>& maps, const RunProvenance& provenance);

}  // namespace palliacarte::output
