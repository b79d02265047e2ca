#pragma once
// What `palliacarte inspect` shows: a structured summary of a loaded territory. JSON is the
// one representation; the text view and the HTTP service render from it.
#include <nlohmann/json.hpp>

#include "config/territory_config.hpp"
#include "model/territory.hpp"

namespace palliacarte::inspect {

/// @param max_diagnostics how many diagnostic entries to include in full (counts are complete).
nlohmann::json summarize_territory(const config::TerritoryConfig& config,
                                   const model::Territory& territory,
                                   std::size_t max_diagnostics = 100000);

}  // namespace palliacarte::inspect
