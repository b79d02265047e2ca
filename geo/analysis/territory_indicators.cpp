#include "analysis/territory_indicators.hpp"

#include <cmath>

#include <map>

#include "analysis/commune_coverage.hpp"
#include "analysis/declared_area.hpp"

namespace palliacarte::analysis {

std::vector<TerritoryIndicators> territory_indicators(const CoverageAnalysis& a,
                                                      const model::Territory& territory,
                                                      const config::CoverageRule& rule) {
    const auto& communes = territory.communes;
    const auto& structures = territory.structures;
    std::vector<TerritoryIndicators> out;
    for (const auto& g : territory.groupings) {
        // Each structure counts in one territory of the grouping: where it stands, else
        // where most of its declared communes are (a team declared for « Département » in
        // a four-département territory is one team, not four).
        std::vector<std::string> home(structures.size());
        for (std::size_t s = 0; s < structures.size(); ++s) {
            std::map<std::string, std::size_t> votes;
            if (a.structure_commune[s] >= 0) {
                votes[g.territory_of(communes[a.structure_commune[s]].insee)] = 1;
            } else {
                for (const auto& c : declared_communes(structures[s], territory))
                    ++votes[g.territory_of(c)];
            }
            votes.erase("");
            std::size_t best = 0;
            for (const auto& [name, n] : votes)
                if (n > best) best = n, home[s] = name;
        }
        for (const auto& name : g.territories) {
            TerritoryIndicators ti;
            ti.grouping = g.name;
            ti.grouping_label = g.label;
            ti.name = name;
            std::vector<std::size_t> members;
            for (std::size_t c = 0; c < communes.size(); ++c) {
                auto it = g.territory_of_commune.find(communes[c].insee);
                if (it == g.territory_of_commune.end() || it->second != name) continue;
                members.push_back(c);
            }
            ti.communes = members.size();
            const auto total = g.member_count.find(name);
            ti.communes_total = total == g.member_count.end() ? ti.communes : total->second;
            std::map<std::string, std::size_t> deps;
            for (const auto c : members) ++deps[communes[c].departement];
            std::size_t most = 0;
            for (const auto& [dep, n] : deps)
                if (n > most) most = n, ti.departement = dep;
            for (const auto& tc : a.types) {
                TerritoryTypeIndicators tt;
                tt.type = tc.type;
                for (const std::size_t c : members) {
                    const auto& cc = tc.communes[c];
                    if (tc.type == a.types.front().type) ti.population += cc.population;
                    const double covered = population_covered(cc, rule);
                    tt.population_covered += covered;
                    tt.uncovered_inhabitants += cc.population - covered;
                    if (cc.status == CoverageStatus::white_zone) {
                        ++tt.white_zone_communes;
                        tt.white_zone_inhabitants += cc.population;
                    }
                }
                for (std::size_t s = 0; s < structures.size(); ++s)
                    if (structures[s].type == tc.type && home[s] == name) {
                        ++tt.structures;
                        if (structures[s].capacity)
                            tt.capacity = (std::isnan(tt.capacity) ? 0 : tt.capacity) +
                                          *structures[s].capacity;
                    }
                ti.types.push_back(tt);
            }
            for (std::size_t k = 0; k < a.types.size(); ++k) {
                auto& tt = ti.types[k];
                if (ti.population > 0) {
                    tt.structures_per_100k = tt.structures / ti.population * 1e5;
                    tt.capacity_per_100k = tt.capacity / ti.population * 1e5;  // NaN if none
                    tt.share_covered = tt.population_covered / ti.population;
                    double w = 0;
                    for (const std::size_t c : members)
                        w +=
                            a.types[k].communes[c].fca_per_100k * a.types[k].communes[c].population;
                    tt.mean_fca_per_100k = w / ti.population;
                }
            }
            out.push_back(std::move(ti));
        }
    }
    return out;
}

}  // namespace palliacarte::analysis
