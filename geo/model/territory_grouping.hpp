#pragma once
#include <map>
#include <string>
#include <vector>

namespace palliacarte::model {

/// @brief A way of grouping communes into named territories: coordination territories of the
/// filière, EPT, EPCI, départements.
struct TerritoryGrouping {
    std::string name;                                         ///< "coordination", "EPT"
    std::string label;                                        ///< French label for reports
    std::map<std::string, std::string> territory_of_commune;  ///< INSEE → territory name
    std::vector<std::string> territories;                     ///< names, in first-seen order
    std::vector<std::string> unassigned_communes;  ///< communes of the territory in no group
    /// Communes each territory has in its source, inside the analysed territory or not.
    std::map<std::string, std::size_t> member_count;

    /// @brief The territory holding `insee`, or "" when none does.
    std::string territory_of(const std::string& insee) const {
        const auto it = territory_of_commune.find(insee);
        return it == territory_of_commune.end() ? std::string() : it->second;
    }
};

}  // namespace palliacarte::model
