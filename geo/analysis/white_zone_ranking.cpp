#include "analysis/white_zone_ranking.hpp"

#include <algorithm>

namespace palliacarte::analysis {

TypeTotals type_totals(const TypeCoverage& tc, const model::Territory& territory,
                       const config::CoverageRule& rule) {
    TypeTotals s;
    for (std::size_t c = 0; c < tc.communes.size(); ++c) {
        const CommuneCoverage& cc = tc.communes[c];
        s.population += cc.population;
        s.within += cc.population_within;
        s.covered += population_covered(cc, rule);
        s.elderly_out += cc.elderly - cc.elderly_within;
        s.area += territory.communes[c].area_m2;
        s.area_within += cc.area_within_m2;
        s.white_zone_communes += cc.status == CoverageStatus::white_zone;
    }
    return s;
}

double out_of_reach(const TypeCoverage& tc, const model::Territory& territory, std::size_t c,
                    bool area_only) {
    const CommuneCoverage& cc = tc.communes[c];
    return area_only ? territory.communes[c].area_m2 - cc.area_within_m2
                     : cc.population - cc.population_within;
}

std::vector<std::size_t> white_zone_ranking(const TypeCoverage& tc,
                                            const model::Territory& territory, bool area_only) {
    std::vector<std::size_t> order;
    for (std::size_t c = 0; c < territory.communes.size(); ++c)
        if (tc.communes[c].status != CoverageStatus::covered) order.push_back(c);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return out_of_reach(tc, territory, x, area_only) >
               out_of_reach(tc, territory, y, area_only);
    });
    return order;
}

}  // namespace palliacarte::analysis
