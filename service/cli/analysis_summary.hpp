#pragma once
// What `palliacarte analyze` prints when it is done, in French as the report: per type the
// share within the threshold and the white zones, every figure that needs a caution beside it
// (a type without structures, structures all outside, inhabitants off the map or off-road),
// what the load and the analysis rejected, and where the files went.
#include <ostream>

namespace palliacarte::model {
struct Territory;
}  // namespace palliacarte::model

namespace palliacarte::config {
struct TerritoryConfig;
}  // namespace palliacarte::config

namespace palliacarte::analysis {
struct CoverageAnalysis;
}  // namespace palliacarte::analysis

namespace palliacarte {}  // namespace palliacarte

namespace palliacarte::cli {

void print_analysis_summary(const config::TerritoryConfig& config,
                            const model::Territory& territory,
                            const analysis::CoverageAnalysis& analysis, std::ostream& out);

/// @brief Load and analysis diagnostics: counts per reason, the first few of each in full.
void print_diagnostics(const model::Territory& territory,
                       const analysis::CoverageAnalysis& analysis, std::ostream& out,
                       std::size_t per_reason = 5);

}  // namespace palliacarte::cli
