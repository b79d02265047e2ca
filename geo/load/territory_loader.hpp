#pragma once
// Loads a whole territory from its config: communes, population, structures, groupings.
#include "config/territory_config.hpp"
#include "core/progress.hpp"
#include "model/territory.hpp"

namespace palliacarte::load {

/// @throws ConfigError (bad config) or DataError (a source cannot be read at all). Problems with
/// single records go to Territory::report and loading goes on.
model::Territory load_territory(const config::TerritoryConfig& config,
                                const core::ProgressFn& progress = {});

/// @brief The same with the structure type table already read (and checked by the caller).
model::Territory load_territory(const config::TerritoryConfig& config,
                                model::StructureTypeTable types,
                                const core::ProgressFn& progress = {});

}  // namespace palliacarte::load
