#include "analysis/white_zone_combinations.hpp"

#include <set>

#include "core/errors.hpp"

namespace palliacarte::analysis {

std::vector<WhiteZoneCombination> white_zone_combinations(
    const CoverageAnalysis& a, const model::Territory& territory,
    const std::vector<std::vector<std::string>>& configured) {
    std::vector<std::string> type_codes;
    for (const auto& tc : a.types) type_codes.push_back(tc.type);
    auto combinations = configured;
    if (combinations.empty()) {
        const std::set<std::string> have(type_codes.begin(), type_codes.end());
        if (have.count("EMSP") && have.count("HAD")) combinations.push_back({"EMSP", "HAD"});
        if (type_codes.size() > 1) combinations.push_back(type_codes);
    }
    std::vector<WhiteZoneCombination> out;
    for (const auto& combo : combinations) {
        WhiteZoneCombination w;
        std::vector<const TypeCoverage*> tcs;
        for (const auto& code : combo) {
            const TypeCoverage* tc = find_analysed_type(a, territory.types, code);
            if (!tc)
                throw core::ConfigError("analysis.white_zone_combinations : le type « " + code +
                                        " » n'est pas analysé");
            tcs.push_back(tc);
            w.types.push_back(tc->type);
        }
        for (std::size_t c = 0; c < territory.communes.size(); ++c) {
            bool all = !tcs.empty();
            for (const auto* t : tcs)
                all = all && t->communes[c].status == CoverageStatus::white_zone;
            if (!all) continue;
            w.communes.push_back(c);
            w.inhabitants += tcs.front()->communes[c].population;
        }
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace palliacarte::analysis
