#include "analysis/commune_locator.hpp"

#include <map>
#include <set>

#include "core/text_encoding.hpp"

namespace palliacarte::analysis {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

std::vector<std::pair<model::Box, std::uint32_t>> boxes_of(
    const std::vector<model::Commune>& communes) {
    std::vector<std::pair<model::Box, std::uint32_t>> boxes;
    for (std::uint32_t c = 0; c < communes.size(); ++c) boxes.emplace_back(communes[c].bbox, c);
    return boxes;
}

}  // namespace

CommuneLocator::CommuneLocator(const std::vector<model::Commune>& communes)
    : communes_(communes), tree_(boxes_of(communes)) {}

int CommuneLocator::commune_at(const model::Point& p, int epsg) const {
    for (auto it = tree_.qbegin(bgi::contains(p)); it != tree_.qend(); ++it)
        if (communes_[it->second].epsg == epsg && bg::covered_by(p, communes_[it->second].geometry))
            return static_cast<int>(it->second);
    return -1;
}

std::vector<int> structure_communes(const model::Territory& territory,
                                    const CommuneLocator& locator) {
    const auto& communes = territory.communes;
    const auto& structures = territory.structures;
    std::map<std::string, std::size_t> commune_index;
    for (std::size_t c = 0; c < communes.size(); ++c) commune_index[communes[c].insee] = c;
    std::vector<int> out(structures.size(), -1);
    for (std::size_t s = 0; s < structures.size(); ++s) {
        if (structures[s].position)
            out[s] = locator.commune_at(*structures[s].position, structures[s].epsg);
        if (out[s] < 0 && !structures[s].commune_insee.empty())
            if (auto it = commune_index.find(structures[s].commune_insee);
                it != commune_index.end())
                out[s] = static_cast<int>(it->second);
    }
    return out;
}

void warn_ambiguous_departements(const model::Territory& territory,
                                 const std::vector<std::string>& analysed_types,
                                 const std::vector<int>& structure_commune,
                                 core::LoadReport& report) {
    const auto& communes = territory.communes;
    const auto& structures = territory.structures;
    std::set<std::string> deps;
    for (const auto& c : communes) deps.insert(c.departement);
    const std::set<std::string> analysed(analysed_types.begin(), analysed_types.end());
    for (std::size_t s = 0; s < structures.size(); ++s) {
        const model::Structure& st = structures[s];
        if (deps.size() < 2 || !analysed.count(st.type) || structure_commune[s] >= 0 ||
            !st.intervention_communes.empty() || !st.commune_insee.empty() ||
            core::fold_for_matching(st.territory) != "DEPARTEMENT")
            continue;
        std::string list;
        for (const auto& d : deps) list += (list.empty() ? "" : ", ") + d;
        const auto colon = st.source.rfind(':');
        report.warn(st.source.substr(0, colon),
                    colon == std::string::npos ? "" : "ligne " + st.source.substr(colon + 1),
                    "ambiguous_departement",
                    st.id + " (" + st.name + ") est déclaré pour « " + st.territory +
                        " » sans commune, dans un territoire de " + std::to_string(deps.size()) +
                        " départements (" + list +
                        ") : zone comprise comme tout le territoire, structure comptée "
                        "une fois. Précisez sa commune ou ses intervention_communes.");
    }
}

}  // namespace palliacarte::analysis
