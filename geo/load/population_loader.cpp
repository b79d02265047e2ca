#include "load/population_loader.hpp"
#include "core/bounded_json.hpp"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte::load {

PopulationTable load_etalab_communes_population(const std::string& path, core::LoadReport& report) {
    const std::string text = core::read_file(path);
    nlohmann::json doc;
    try {
        doc = core::parse_bounded_json(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw core::DataError(path, std::string("JSON invalide : ") + e.what());
    }
    if (!doc.is_array())
        throw core::DataError(
            path,
            "une liste JSON de communes était attendue (communes.json de decoupage-administratif)");
    PopulationTable table;
    std::size_t index = 0;
    for (const auto& c : doc) {
        ++index;
        if (!c.is_object() || !c.contains("code") || !c["code"].is_string()) {
            report.reject(path, "entrée " + std::to_string(index), "missing_code",
                          "entrée sans « code » (chaîne)");
            continue;
        }
        if (c.value("type", "commune-actuelle") != "commune-actuelle") continue;
        if (!c.contains("population") || !c["population"].is_number())
            continue;  // TAAF, Clipperton
        PopulationEntry e;
        e.name = c.value("nom", "");
        e.population = c["population"].get<std::int64_t>();
        const std::string code = c["code"].get<std::string>();
        e.departement = c.value("departement", crs::departement_of_insee(code));
        table[code] = std::move(e);
    }
    return table;
}

PopulationTable load_population_csv(const std::string& path, const config::PopulationConfig& config,
                                    core::LoadReport& report) {
    auto csv = core::CsvReader::open(path);
    const auto code =
        config.code_field.empty()
            ? csv.column({"code", "insee", "code_insee", "codgeo", "com", "commune_insee"})
            : csv.column(config.code_field);
    const auto pop = config.population_field.empty()
                         ? csv.column({"population", "pmun", "p_pop", "pop", "ptot"})
                         : csv.column(config.population_field);
    if (!code || !pop)
        throw core::DataError(path,
                              "il faut une colonne de code et une colonne de population "
                              "(population.code_field / population_field)");
    PopulationTable table;
    core::CsvRecord rec;
    while (csv.next(rec)) {
        const std::string where = "ligne " + std::to_string(rec.line);
        if (rec.fields.size() <= std::max(*code, *pop)) {
            report.reject(path, where, "missing_fields",
                          "ligne de " + std::to_string(rec.fields.size()) +
                              " champs, l'en-tête en a " + std::to_string(csv.header().size()));
            continue;
        }
        const std::string c(core::trim(rec.fields[*code]));
        const auto v = core::parse_number(rec.fields[*pop]);
        if (c.empty() || !v || *v < 0) {
            report.reject(path, where, "bad_population",
                          "code « " + c + " » : population « " + rec.fields[*pop] +
                              " » n'est pas un effectif");
            continue;
        }
        table[c] = {"", static_cast<std::int64_t>(std::llround(*v)), crs::departement_of_insee(c)};
    }
    return table;
}

PopulationJoinSummary join_population(std::vector<model::Commune>& communes,
                                      const PopulationTable& table,
                                      const std::vector<std::string>& departements,
                                      const std::string& source, core::LoadReport& report,
                                      const std::vector<std::string>& codes) {
    PopulationJoinSummary s;
    const std::set<std::string> only(codes.begin(), codes.end());
    std::set<std::string> seen;
    for (auto& c : communes) {
        const auto it = table.find(c.insee);
        if (it == table.end()) {
            c.population.reset();
            s.communes_without_population.push_back(c.insee);
            report.warn(source, "commune " + c.insee, "no_population",
                        "commune " + c.insee + " " + c.name + " sans population dans " + source);
            continue;
        }
        seen.insert(c.insee);
        c.population = it->second.population;
        if (!it->second.name.empty()) c.name = it->second.name;
        ++s.communes_with_population;
        s.total_population += it->second.population;
    }
    // Population of the départements under study: the configured ones, else those the boundary
    // file covers (a national population file also lists the COM, which have no polygon here).
    std::set<std::string> keep(departements.begin(), departements.end());
    if (keep.empty())
        for (const auto& c : communes) keep.insert(c.departement);
    for (const auto& [code, e] : table) {
        if (seen.count(code)) continue;
        if (!keep.count(e.departement)) continue;
        if (!only.empty() && !only.count(code)) continue;
        s.population_without_polygon.push_back(code);
        s.inhabitants_without_polygon += e.population;
        report.warn(source, "commune " + code, "population_without_polygon",
                    code + " " + e.name + " (" + std::to_string(e.population) +
                        " habitants) n'a pas de contour communal : hors carte");
    }
    return s;
}

PopulationJoinSummary summarize_boundary_population(const std::vector<model::Commune>& communes,
                                                    const std::string& source,
                                                    core::LoadReport& report) {
    PopulationJoinSummary s;
    for (const auto& c : communes) {
        if (c.population) {
            ++s.communes_with_population;
            s.total_population += *c.population;
        } else {
            s.communes_without_population.push_back(c.insee);
            report.warn(source, "commune " + c.insee, "no_population",
                        "commune " + c.insee + " sans valeur de population");
        }
    }
    return s;
}

}  // namespace palliacarte::load
