#include "load/territory_grouping_loader.hpp"
#include "core/bounded_json.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "model/departement_names.hpp"

namespace palliacarte::load {

namespace {

void assign(model::TerritoryGrouping& g, const std::set<std::string>& known,
            const std::string& commune, const std::string& territory, const std::string& path,
            const std::string& where, core::LoadReport& report) {
    if (!known.count(commune)) return;  // another part of the country
    const auto [it, inserted] = g.territory_of_commune.emplace(commune, territory);
    if (!inserted && it->second != territory) {
        report.warn(path, where, "commune_in_two_territories",
                    "commune " + commune + " dans « " + it->second + " » et « " + territory +
                        " » ; la première est gardée");
        return;
    }
    if (std::find(g.territories.begin(), g.territories.end(), territory) == g.territories.end())
        g.territories.push_back(territory);
}

}  // namespace

model::TerritoryGrouping load_territory_grouping(const config::TerritorySourceConfig& config,
                                                 const std::string& path,
                                                 const std::vector<model::Commune>& communes,
                                                 core::LoadReport& report) {
    model::TerritoryGrouping g;
    g.name = config.name;
    g.label = config.label;
    std::set<std::string> known;
    for (const auto& c : communes) known.insert(c.insee);

    if (config.format == config::GroupingFormat::csv) {
        auto csv = core::CsvReader::open(path);
        const auto cc = config.commune_field.empty()
                            ? csv.column({"commune_insee", "insee", "code", "codgeo", "commune"})
                            : csv.column(config.commune_field);
        const auto tc = config.territory_field.empty()
                            ? csv.column({"territory", "territoire", "groupe"})
                            : csv.column(config.territory_field);
        if (!cc || !tc)
            throw core::DataError(
                path, "il faut une colonne de code commune et une colonne de territoire");
        core::CsvRecord r;
        while (csv.next(r)) {
            const std::string where = "ligne " + std::to_string(r.line);
            if (r.fields.size() <= std::max(*cc, *tc)) {
                report.reject(path, where, "missing_fields", "ligne incomplète");
                continue;
            }
            const std::string commune(core::trim(r.fields[*cc])),
                territory(core::trim(r.fields[*tc]));
            if (commune.empty() || territory.empty()) {
                report.reject(path, where, "missing_fields", "commune ou territoire vide");
                continue;
            }
            ++g.member_count[territory];
            if (!known.count(commune))
                report.warn(path, where, "unknown_commune",
                            "la commune " + commune + " n'est pas dans le territoire");
            assign(g, known, commune, territory, path, where, report);
        }
    } else {
        nlohmann::json doc;
        try {
            doc = core::parse_bounded_json(core::read_file(path));
        } catch (const nlohmann::json::parse_error& e) {
            throw core::DataError(path, std::string("JSON invalide : ") + e.what());
        }
        if (!doc.is_array())
            throw core::DataError(path,
                                  "une liste de groupements était attendue (ept.json / epci.json)");
        std::size_t index = 0;
        for (const auto& group : doc) {
            ++index;
            const std::string where = "entrée " + std::to_string(index);
            if (!group.contains("membres") || !group["membres"].is_array()) {
                report.reject(path, where, "missing_fields", "groupement sans « membres »");
                continue;
            }
            const std::string name = group.value("nom", group.value("code", where));
            // Members in the whole grouping, in the territory or not: an EPCI straddling the
            // territory's edge is flagged (« 3 communes sur 63 »).
            g.member_count[name] += group["membres"].size();
            for (const auto& m : group["membres"])
                if (m.contains("code") && m["code"].is_string())
                    assign(g, known, m["code"].get<std::string>(), name, path, where, report);
        }
    }
    for (const auto& c : communes) {
        if (!g.territory_of_commune.count(c.insee)) {
            g.unassigned_communes.push_back(c.insee);
            report.warn(path, "commune " + c.insee, "commune_without_territory",
                        "la commune " + c.insee + " " + c.name +
                            " n'appartient à aucun territoire « " + g.name + " »");
        }
    }
    return g;
}

model::TerritoryGrouping departement_grouping(const std::vector<model::Commune>& communes) {
    model::TerritoryGrouping g;
    g.name = "departement";
    g.label = "Départements";
    for (const auto& c : communes) {
        const std::string name = model::departement_label(c.departement);  // « 25 Doubs »
        g.territory_of_commune[c.insee] = name;
        if (std::find(g.territories.begin(), g.territories.end(), name) == g.territories.end())
            g.territories.push_back(name);
        ++g.member_count[name];
    }
    return g;
}

}  // namespace palliacarte::load
