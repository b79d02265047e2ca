#include "fetch/territory_config_writer.hpp"
#include "core/bounded_json.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "core/errors.hpp"
#include "fetch/fetch_record.hpp"

namespace palliacarte::fetch {

namespace fs = std::filesystem;
using nlohmann::json;
using ordered = nlohmann::ordered_json;

namespace {

// Hospitals (possible hosts of EMSP, LISP, USP), EHPAD and SSIAD: candidate sites.
ordered candidate_rules() {
    return ordered::array({{{"type", "HOPITAL"},
                            {"categories", {"101", "106", "355", "365", "128", "129"}},
                            {"exclude_pattern", "SMUR|ECOLE|FORMATION"}},
                           {{"type", "EHPAD"}, {"categories", {"500"}}},
                           {{"type", "SSIAD"}, {"categories", {"354"}}}});
}

// FINESS categories (categetab) of each structure a fetched territory starts with.
ordered finess_rules() {
    ordered rules = ordered::array();
    rules.push_back({{"type", "HAD"},
                     {"categories", {"127"}},
                     {"name_pattern", "\\bHAD\\b|H\\.A\\.D|HOSPITALISATION A DOMICILE"}});
    for (auto& r : candidate_rules()) rules.push_back(r);
    return rules;
}

// With the FINESS+ files: the mapping's rules (EMSP, USP, LISP, HAD with zones), then the
// candidate sites by category, all read from those two files.
ordered finess_plus_rules(const std::string& mapping) {
    std::ifstream in(mapping);
    if (!in) throw ConfigError(mapping + " : correspondance FINESS+ introuvable");
    ordered rules;
    try {
        rules = ordered::parse(in).at("select");
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(mapping + " : " + e.what());
    }
    for (auto& r : candidate_rules()) rules.push_back(r);
    return rules;
}
std::string departement_names(const fs::path& file, const std::vector<std::string>& codes) {
    std::map<std::string, std::string> names;
    std::ifstream in(file);
    if (in) {
        try {
            const std::string text{std::istreambuf_iterator<char>(in), {}};
            for (const auto& d : parse_bounded_json(text))
                names[d.value("code", "")] = d.value("nom", "");
        } catch (const json::exception&) {
        }
    }
    std::string out;
    for (const auto& c : codes)
        out += (out.empty() ? "" : ", ") + (names.count(c) ? names[c] + " (" + c + ")" : c);
    return out;
}

}  // namespace

WrittenConfig make_territory_config(const InitChoice& choice) {
    const fs::path dir(choice.data_dir);
    const FetchRecord record = FetchRecord::load(dir.string());
    if (record.files().empty())
        throw ConfigError(dir.string() +
                          " : aucun fetch-record.json — lancez d'abord palliacarte "
                          "fetch --departements … --into " +
                          dir.string());
    std::vector<std::string> deps =
        choice.departements.empty() ? record.departements : choice.departements;
    const std::set<std::string> fetched(record.departements.begin(), record.departements.end());
    for (const auto& d : deps)
        if (!fetched.count(d))
            throw ConfigError("le département " + d + " n'a pas été téléchargé dans " +
                              dir.string() + " (palliacarte fetch --departements …)");
    auto need = [&](const std::string& file) {
        if (!record.find(file) || !fs::exists(dir / file))
            throw ConfigError(dir.string() + " : il manque " + file +
                              " — relancez palliacarte fetch");
        return file;
    };
    auto provenance = [&](const std::string& file) {
        const FetchedFile* f = record.find(file);
        return f ? f->publisher + " ; " + f->vintage + " ; " + f->licence : std::string();
    };

    WrittenConfig out;
    const std::string names = departement_names(dir / "communes/departements.json", deps);
    fs::path config_dir = fs::path(choice.config_path).parent_path();
    if (config_dir.empty()) config_dir = ".";
    const std::string data_root =
        fs::relative(fs::absolute(dir), fs::absolute(config_dir)).lexically_normal().string();

    ordered c = ordered::object();
    c["name"] = names;
    c["about"] = "Écrit par palliacarte init le " + utc_now().substr(0, 10) +
                 " à partir des "
                 "fichiers officiels que palliacarte fetch a téléchargés dans " +
                 dir.string() +
                 " (sources, millésimes, licences et SHA-256 : fetch-record.json). Relisez les "
                 "sections, ajustez les seuils et les types, puis : palliacarte inspect, "
                 "palliacarte analyze.";
    c["data_root"] = data_root;
    c["departements"] = deps;
    c["crs"] = "auto";
    c["structure_margin_km"] = record.margin_km;
    // Vintages every output will print (publisher ; vintage, from the fetch record).
    auto vintage = [&](const std::string& file) {
        const FetchedFile* f = record.find(file);
        return f ? f->publisher + ", " + f->vintage : std::string("non renseigné");
    };
    const std::string plus_activities = "structures/finess-plus/finess-activites.json.gz",
                      plus_structures = "structures/finess-plus/finess-structures.json.gz";
    const bool with_finess_plus = record.find(plus_activities) && record.find(plus_structures) &&
                                  fs::exists(dir / plus_activities) &&
                                  fs::exists(dir / plus_structures);
    std::vector<std::string> types = choice.types;
    if (types.empty())
        types = with_finess_plus ? std::vector<std::string>{"EMSP", "USP", "LISP", "HAD", "HOPITAL"}
                                 : std::vector<std::string>{"HAD", "HOPITAL"};
    ordered sources = {{"communes", vintage("communes/communes.geojson")},
                       {"population", vintage("communes/communes.json")},
                       {"structures", with_finess_plus ? vintage(plus_activities) + " ; " +
                                                             vintage(plus_structures)
                                                       : vintage("structures/finess-etalab.csv")}};
    if (!record.population_grid.is_null() && record.population_grid.contains("path"))
        sources["population_grid"] = vintage(record.population_grid["path"].get<std::string>());
    c["sources"] = sources;
    c["communes"] = {
        {"about", "Contours des communes : " + provenance("communes/communes.geojson")},
        {"path", need("communes/communes.geojson")}};
    c["population"] = {{"about", "Populations légales (population municipale) : " +
                                     provenance("communes/communes.json")},
                       {"format", "etalab-communes-json"},
                       {"path", need("communes/communes.json")}};
    ordered structures = ordered::array();
    if (with_finess_plus) {
        structures.push_back(
            {{"about", "FINESS+ (activités autorisées en vigueur et établissements) : " +
                           provenance(plus_activities) +
                           ". Soins palliatifs (activité R4) : USP, LISP adultes et "
                           "pédiatriques, EMSP, avec leurs lits ; HAD (catégorie 127 et unités "
                           "nommées HAD) avec leur zone d'intervention autorisée — règles de "
                           "finess-plus-activities.json ; puis les établissements hospitaliers "
                           "(hôtes possibles d'EMSP, LISP, USP), EHPAD et SSIAD, sites candidats "
                           "d'une antenne."},
             {"format", "finess-plus"},
             {"path", plus_activities},
             {"structures_path", plus_structures},
             {"select", finess_plus_rules(choice.finess_plus_mapping)}});
    } else {
        structures.push_back(
            {{"about", "FINESS : " + provenance("structures/finess-etalab.csv") +
                           ". HAD (catégorie 127 et unités d'HAD nommées dans les hôpitaux), "
                           "établissements hospitaliers (hôtes possibles d'EMSP, LISP, USP), "
                           "EHPAD et SSIAD (sites candidats d'une antenne). Les EMSP, LISP et "
                           "USP n'y sont pas : téléchargez les fichiers FINESS+ (palliacarte "
                           "fetch) ou ajoutez l'annuaire de la filière (filiere-csv)."},
             {"format", "finess-etalab"},
             {"path", need("structures/finess-etalab.csv")},
             {"select", finess_rules()}});
    }
    c["structures"] = structures;
    ordered territories = ordered::array();
    if (record.find("communes/epci.json"))
        territories.push_back({{"name", "EPCI"},
                               {"label", "Intercommunalités (EPCI)"},
                               {"format", "etalab-groupings"},
                               {"path", "communes/epci.json"}});
    static const std::set<std::string> grand_paris = {"75", "92", "93", "94"};
    bool in_grand_paris = false;
    for (const auto& d : deps) in_grand_paris |= grand_paris.count(d) > 0;
    if (in_grand_paris && record.find("communes/ept.json"))
        territories.push_back({{"name", "EPT"},
                               {"label", "Établissements publics territoriaux"},
                               {"format", "etalab-groupings"},
                               {"path", "communes/ept.json"}});
    c["territories"] = territories;

    std::vector<std::string> roads;
    for (const auto& [file, f] : record.files())
        if (f.source_id == "roads") roads.push_back(file);
    if (!roads.empty()) {
        // Every extract the territory and its structure margin touch, in one graph: ways and
        // junctions on a border are merged by their OSM ids.
        std::string about;
        for (const auto& r : roads) about += (about.empty() ? "" : " ; ") + provenance(r);
        c["sources"]["roads"] = vintage(roads[0]);
        c["roads"] = {
            {"about", "Réseau routier : " + about +
                          (roads.size() > 1 ? ". " + std::to_string(roads.size()) +
                                                  " extraits réunis en un réseau (voies communes "
                                                  "fusionnées par identifiant OSM)"
                                            : std::string()) +
                          ". Routes carrossables, profil voiture français."},
            {"format", "osm"}};
        if (roads.size() == 1)
            c["roads"]["path"] = roads[0];
        else
            c["roads"]["path"] = roads;
    } else {
        c["crow_fly"] = {
            {"about",
             "Pas de réseau routier téléchargé (palliacarte fetch --with-roads l'apporte) : "
             "les temps sont à vol d'oiseau, distance × 1,3 à 50 km/h — une vitesse de "
             "territoire rural (routes départementales), plus juste hors des villes que les "
             "30 km/h urbains par défaut. Chaque sortie le signale."},
            {"detour_factor", 1.3},
            {"speed_kmh", 50}};
    }

    ordered analysis = {{"about",
                         "Types analysés et seuils de zone blanche du tableau des types "
                         "(30 min HAD, 45 min hôpitaux) ; population carroyée ; où "
                         "implanter une antenne d'HAD parmi les hôpitaux, EHPAD et SSIAD."},
                        {"types", types},
                        {"catchment_thresholds_min", {15, 30, 45}}};
    if (!record.population_grid.is_null() && record.population_grid.contains("path") &&
        record.find(record.population_grid["path"].get<std::string>())) {
        ordered grid = ordered::parse(record.population_grid.dump());
        grid["about"] = "Population carroyée : " +
                        provenance(record.population_grid["path"].get<std::string>()) +
                        ". Chaque carreau est découpé par les communes puis recalé sur la "
                        "population légale.";
        analysis["population_grid"] = grid;
    } else {
        out.notes.push_back("pas de grille de population : un point par commune");
    }
    std::set<std::string> from_finess = {"HAD", "HOPITAL", "EHPAD", "SSIAD"};
    if (with_finess_plus)
        from_finess.insert({"EMSP", "USP", "LISP", "LISPP"});
    else
        out.notes.push_back(
            "pas de fichiers FINESS+ : ni EMSP, ni LISP, ni USP, et les HAD "
            "sans leur zone d'intervention");
    for (const auto& t : types)
        if (!from_finess.count(t))
            out.notes.push_back(t +
                                " : aucune source dans les fichiers téléchargés (ce n'est pas "
                                "une entité FINESS) — ajoutez l'annuaire de la filière "
                                "(structures, format filiere-csv), sinon tout le territoire "
                                "sera en zone blanche");
    if (std::find(types.begin(), types.end(), "HAD") != types.end())
        analysis["where_next"] = {
            {"types", {"HAD"}}, {"k", 5}, {"candidate_types", {"HOPITAL", "EHPAD", "SSIAD"}}};
    c["analysis"] = analysis;
    out.config = c;
    return out;
}

}  // namespace palliacarte::fetch
