#include "analysis/declared_area.hpp"

#include "core/text_encoding.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte::analysis {

std::set<std::string> declared_communes(const model::Structure& s,
                                        const model::Territory& territory, std::string* how) {
    std::set<std::string> out;
    if (!s.intervention_communes.empty()) {
        for (const auto& c : s.intervention_communes)
            if (territory.find_commune(c)) out.insert(c);
        if (how) *how = "communes d'intervention";
        return out;
    }
    if (s.territory.empty()) return out;
    const std::string key = core::fold_for_matching(s.territory);
    if (key == "REGION") {
        for (const auto& c : territory.communes) out.insert(c.insee);
        if (how) *how = "région";
        return out;
    }
    if (key == "DEPARTEMENT") {
        const std::string dep =
            !s.commune_insee.empty() ? crs::departement_of_insee(s.commune_insee) : "";
        for (const auto& c : territory.communes)
            if (dep.empty() || c.departement == dep) out.insert(c.insee);
        if (how) *how = "département";
        return out;
    }
    for (const auto& g : territory.groupings)
        for (const auto& [commune, name] : g.territory_of_commune)
            // Départements are named « 25 Doubs »: a structure may say « 25 » or « Doubs ».
            if (core::fold_for_matching(name) == key ||
                (g.name == "departement" &&
                 (core::fold_for_matching(name).rfind(key + " ", 0) == 0 ||
                  core::fold_for_matching(name).substr(core::fold_for_matching(name).find(' ') +
                                                       1) == key))) {
                out.insert(commune);
                if (how) *how = "territoire " + s.territory + " (" + g.label + ")";
            }
    return out;
}

}  // namespace palliacarte::analysis
