#pragma once
// Population per commune (INSEE population municipale) and its join onto the commune polygons.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "model/commune.hpp"

namespace palliacarte::load {

struct PopulationEntry {
    std::string name;
    std::int64_t population = 0;
    std::string departement;
};

/// @brief Current INSEE code → population.
using PopulationTable = std::map<std::string, PopulationEntry>;

/// @brief decoupage-administratif communes.json: only `commune-actuelle` entries that have a
/// population (delegated/associated communes would count people twice).
PopulationTable load_etalab_communes_population(const std::string& path, core::LoadReport& report);

/// @brief A CSV with a code and a population column (names auto-detected or configured).
PopulationTable load_population_csv(const std::string& path, const config::PopulationConfig& config,
                                    core::LoadReport& report);

/// @brief What the join found, for the summary.
struct PopulationJoinSummary {
    std::size_t communes_with_population = 0;
    std::int64_t total_population = 0;
    std::vector<std::string> communes_without_population;  ///< INSEE codes
    std::vector<std::string> population_without_polygon;   ///< INSEE codes
    std::int64_t inhabitants_without_polygon = 0;
};

/// @brief Sets population (and the COG name) on each commune. Population entries of the kept
/// départements that match no polygon are reported with their inhabitants.
PopulationJoinSummary join_population(std::vector<model::Commune>& communes,
                                      const PopulationTable& table,
                                      const std::vector<std::string>& departements,
                                      const std::string& source, core::LoadReport& report,
                                      const std::vector<std::string>& codes = {});

/// @brief Summary when population comes from the boundary file itself (ADMIN EXPRESS).
PopulationJoinSummary summarize_boundary_population(const std::vector<model::Commune>& communes,
                                                    const std::string& source,
                                                    core::LoadReport& report);

}  // namespace palliacarte::load
