#include "analysis/where_next.hpp"

#include <cmath>

#include "analysis/greedy_siting.hpp"
#include "core/errors.hpp"

namespace palliacarte::analysis {

namespace bg = boost::geometry;

std::vector<CandidateSite> where_next(const CoverageAnalysis& a, const model::Territory& territory,
                                      const config::SitingConfig& siting,
                                      const TravelTimeModel& model, const CommuneLocator& locator) {
    const auto& communes = territory.communes;
    const auto& structures = territory.structures;
    const auto& points = a.population().points;
    std::vector<CandidateSite> out;
    std::vector<std::string> siting_types = siting.types;
    if (siting_types.empty())
        for (const auto& tc : a.types) siting_types.push_back(tc.type);
    // Candidate positions, shared by every type.
    struct Candidate {
        std::string id, name, origin;
        model::Point position;
        int commune;
    };
    std::vector<Candidate> candidates;
    for (const auto& ct : siting.candidate_types) {
        const model::StructureType* st = territory.types.find(ct);
        if (!st)
            throw core::ConfigError("analysis.where_next.candidate_types : type « " + ct +
                                    " » inconnu");
        for (std::size_t s = 0; s < structures.size(); ++s)
            if (structures[s].type == st->code && structures[s].position)
                candidates.push_back({structures[s].id, structures[s].name, "structure " + st->code,
                                      *structures[s].position, a.structure_commune[s]});
    }
    if (siting.grid_step_m > 0) {
        model::Box extent = bg::make_inverse<model::Box>();
        for (const auto& c : communes)  // the grid lies in the territory's own CRS
            if (c.epsg == territory.epsg) bg::expand(extent, c.bbox);
        const double step = siting.grid_step_m;
        const std::string origin = "grille " + std::to_string(static_cast<int>(step)) + " m";
        for (double y = std::ceil(extent.min_corner().y / step) * step; y <= extent.max_corner().y;
             y += step)
            for (double x = std::ceil(extent.min_corner().x / step) * step;
                 x <= extent.max_corner().x; x += step) {
                const int c = locator.commune_at({x, y}, territory.epsg);
                if (c < 0) continue;
                const std::string id = "grille-" + std::to_string(static_cast<long>(x)) + "-" +
                                       std::to_string(static_cast<long>(y));
                candidates.push_back(
                    {id, "Point de grille " + communes[c].name, origin, {x, y}, c});
            }
    }
    if (!candidates.empty()) {
        std::vector<Place> places;
        for (const auto& c : candidates)
            places.push_back(model.place(
                c.position, c.commune >= 0 ? communes[c.commune].epsg : territory.epsg));
        for (const auto& code : siting_types) {
            const TypeCoverage* tc = find_analysed_type(a, territory.types, code);
            if (!tc)
                throw core::ConfigError("analysis.where_next.types : le type « " + code +
                                        " » n'est pas analysé");
            const double threshold_s = tc->threshold_min * 60;
            std::vector<double> uncovered(points.size(), 0.0);
            for (std::size_t i = 0; i < points.size(); ++i)
                if (!(tc->nearest.seconds[i] <= threshold_s)) uncovered[i] = points[i].population;
            const auto reach = model.within(places, tc->direction, threshold_s);
            const SitingOutcome outcome = greedy_max_cover(reach, uncovered, siting.k);
            std::vector<CandidateSite> sites(candidates.size());
            for (std::size_t c = 0; c < candidates.size(); ++c) {
                auto& site = sites[c];
                site.type = tc->type;
                site.id = candidates[c].id;
                site.name = candidates[c].name;
                site.origin = candidates[c].origin;
                site.position = candidates[c].position;
                site.epsg = places[c].epsg;
                if (candidates[c].commune >= 0)
                    site.commune = communes[candidates[c].commune].insee;
                site.potential = outcome.initial_gain[c];
            }
            int rank = 0;
            for (const auto& pick : outcome.picks) {
                auto& site = sites[pick.candidate];
                site.rank = ++rank;
                site.gain = pick.gain;
                site.cumulative = pick.cumulative;
            }
            for (auto& site : sites)
                if (site.rank > 0 || site.potential > 0) out.push_back(std::move(site));
        }
    }
    return out;
}

}  // namespace palliacarte::analysis
