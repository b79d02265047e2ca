#pragma once
#include <map>
#include <string>
#include <vector>

namespace palliacarte {

/// @brief A way of grouping communes into named territories: coordination territories of the
/// filière, EPT, EPCI, départements.
struct TerritoryGrouping {
    std::string name;                                         ///< "coordination", "EPT"
    std::string label;                                        ///< French label for reports
    std::map<std::string, std::string> territory_of_commune;  ///< INSEE → territory name
    std::vector<std::string> territories;                     ///< names, in first-seen order
    std::vector<std::string> unassigned_communes;  ///< communes of the territory in no group
};

}  // namespace palliacarte
