#pragma once
#include <nlohmann/json.hpp>
#include <ostream>

namespace palliacarte::cli {

/// @brief Human summary of summarize_territory()'s JSON. Lists up to `per_reason` diagnostics
/// for each reason.
void print_summary_text(const nlohmann::json& summary, std::ostream& out, std::size_t per_reason);

}  // namespace palliacarte::cli
