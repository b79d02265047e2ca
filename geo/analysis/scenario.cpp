#include "analysis/scenario.hpp"

#include <map>
#include <set>

#include "analysis/declared_area.hpp"
#include "core/errors.hpp"

namespace palliacarte::analysis {

std::vector<ScenarioTypeResult> run_scenario(const model::Territory& territory,
                                             const CoverageAnalysis& analysis,
                                             const Scenario& scenario) {
    const TravelTimeModel& model = *analysis.model;
    std::map<std::string, std::size_t> by_id;
    for (std::size_t s = 0; s < territory.structures.size(); ++s)
        by_id[territory.structures[s].id] = s;
    const std::set<std::string> removed(scenario.removed.begin(), scenario.removed.end());
    std::set<std::string> touched;
    for (const auto& id : removed) {
        auto it = by_id.find(id);
        if (it == by_id.end())
            throw core::ConfigError("removed : identifiant de structure inconnu « " + id + " »");
        touched.insert(territory.structures[it->second].type);
    }
    for (const auto& a : scenario.added) touched.insert(a.type);

    std::vector<ScenarioTypeResult> out;
    for (const auto& asked : touched) {
        const TypeCoverage* tc = find_analysed_type(analysis, territory.types, asked);
        if (!tc)
            throw core::ConfigError("le type « " + asked +
                                    " » n'est pas analysé pour ce territoire");
        const std::string& code = tc->type;  // an alias asked for names the table's code
        ScenarioTypeResult r;
        r.type = code;
        r.threshold_min = tc->threshold_min;
        const double threshold_s = tc->threshold_min * 60;

        std::vector<Place> places;
        std::map<std::string, bool> declared;  // commune → declared by a remaining structure
        for (std::size_t s = 0; s < territory.structures.size(); ++s) {
            const model::Structure& str = territory.structures[s];
            if (str.type != code) continue;
            ++r.structures_before;
            if (removed.count(str.id)) continue;
            ++r.structures_after;
            for (const auto& c : declared_communes(str, territory)) declared[c] = true;
        }
        for (const std::size_t s : tc->located)
            if (!removed.count(territory.structures[s].id))
                places.push_back(
                    model.place(*territory.structures[s].position, territory.structures[s].epsg));
        for (const auto& a : scenario.added)
            if (a.type == code) {
                ++r.structures_after;
                Place p = model.place(a.position, a.epsg);
                if (p.usable) places.push_back(std::move(p));
            }
        const NearestPlaces nearest = model.nearest(places, tc->direction);

        const auto& pop = analysis.population();
        for (std::size_t c = 0; c < territory.communes.size(); ++c) {
            const CommuneCoverage& before = tc->communes[c];
            double population = 0, within = 0;
            for (std::uint32_t i = pop.first_of_commune[c]; i < pop.first_of_commune[c + 1]; ++i) {
                population += pop.points[i].population;
                if (nearest.seconds[i] <= threshold_s) within += pop.points[i].population;
            }
            const double share = share_within(population, within, before.share_area_within);
            const CoverageStatus after = coverage_status(
                share, declared.count(territory.communes[c].insee) > 0, analysis.rule);
            r.population += before.population;
            r.population_within_before += before.population_within;
            r.population_within_after += within;
            const bool white_before = before.status == CoverageStatus::white_zone;
            const bool white_after = after == CoverageStatus::white_zone;
            if (white_before) {
                ++r.white_zone_communes_before;
                r.white_zone_inhabitants_before += before.population;
            }
            if (white_after) {
                ++r.white_zone_communes_after;
                r.white_zone_inhabitants_after += population;
            }
            if (white_before && !white_after)
                r.leaving_white_zone.push_back(territory.communes[c].insee);
            if (!white_before && white_after)
                r.entering_white_zone.push_back(territory.communes[c].insee);
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace palliacarte::analysis
