#include "model/territory.hpp"

#include <algorithm>

namespace palliacarte::model {

const Commune* Territory::find_commune(const std::string& insee) const {
    const auto it =
        std::lower_bound(communes.begin(), communes.end(), insee,
                         [](const Commune& c, const std::string& code) { return c.insee < code; });
    return it != communes.end() && it->insee == insee ? &*it : nullptr;
}

}  // namespace palliacarte::model
