#pragma once
// Groupings of communes into territories: a CSV (commune, territory) or the official EPT/EPCI
// lists of decoupage-administratif (ept.json, epci.json).
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "model/commune.hpp"
#include "model/territory_grouping.hpp"

namespace palliacarte::load {

/// @brief Loads one grouping, restricted to `communes`: groups with no commune of the territory
/// are left out; communes of the territory in no group are listed and reported.
model::TerritoryGrouping load_territory_grouping(const config::TerritorySourceConfig& config,
                                                 const std::string& path,
                                                 const std::vector<model::Commune>& communes,
                                                 core::LoadReport& report);

/// @brief The département grouping, derived from the INSEE codes.
model::TerritoryGrouping departement_grouping(const std::vector<model::Commune>& communes);

}  // namespace palliacarte::load
