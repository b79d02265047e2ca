#include "fetch/init_config.hpp"
#include "core/bounded_json.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "config/territory_config.hpp"
#include "config/territory_config_writer.hpp"
#include "core/errors.hpp"
#include "core/utc_time.hpp"
#include "fetch/fetch_record.hpp"

namespace palliacarte::fetch {

namespace fs = std::filesystem;
using nlohmann::json;
using ordered = nlohmann::ordered_json;

namespace {

config::FinessRule by_category(const std::string& type, std::vector<std::string> categories,
                               const std::string& name_pattern = "",
                               const std::string& exclude_pattern = "") {
    config::FinessRule r;
    r.type = type;
    r.categories = std::move(categories);
    r.name_pattern = name_pattern;
    r.exclude_pattern = exclude_pattern;
    return r;
}

// Hospitals (possible hosts of EMSP, LISP, USP), EHPAD and SSIAD: candidate sites.
std::vector<config::FinessRule> candidate_rules() {
    return {by_category("HOPITAL", {"101", "106", "355", "365", "128", "129"}, "",
                        "SMUR|ECOLE|FORMATION"),
            by_category("EHPAD", {"500"}), by_category("SSIAD", {"354"})};
}

// FINESS categories (categetab) of each structure a fetched territory starts with.
std::vector<config::FinessRule> finess_rules() {
    std::vector<config::FinessRule> rules = {
        by_category("HAD", {"127"}, "\\bHAD\\b|H\\.A\\.D|HOSPITALISATION A DOMICILE")};
    for (auto& r : candidate_rules()) rules.push_back(r);
    return rules;
}

// With the FINESS+ files: the mapping's rules (EMSP, USP, LISP, HAD with zones), then the
// candidate sites by category, all read from those two files.
std::vector<config::FinessRule> finess_plus_rules(const std::string& mapping) {
    std::vector<config::FinessRule> rules = config::read_finess_rules(mapping);
    for (auto& r : candidate_rules()) rules.push_back(r);
    return rules;
}

std::string departement_names(const fs::path& file, const std::vector<std::string>& codes) {
    std::map<std::string, std::string> names;
    std::ifstream in(file);
    if (in) {
        try {
            const std::string text{std::istreambuf_iterator<char>(in), {}};
            for (const auto& d : core::parse_bounded_json(text))
                names[d.value("code", "")] = d.value("nom", "");
        } catch (const json::exception&) {
        }
    }
    std::string out;
    for (const auto& c : codes)
        out += (out.empty() ? "" : ", ") + (names.count(c) ? names[c] + " (" + c + ")" : c);
    return out;
}

const std::string kPlusActivities = "structures/finess-plus/finess-activites.json.gz",
                  kPlusStructures = "structures/finess-plus/finess-structures.json.gz";

// What `fetch` left in the folder, checked against what init was asked for.
struct Fetched {
    fs::path dir;
    FetchRecord record;
    std::vector<std::string> departements;
    bool finess_plus = false;  ///< both FINESS+ files are there

    /// @throws ConfigError when the record does not list `file` or it is not on disk.
    std::string need(const std::string& file) const {
        if (!record.find(file) || !fs::exists(dir / file))
            throw core::ConfigError(dir.string() + " : il manque " + file +
                                    " — relancez palliacarte fetch");
        return file;
    }
    /// « publisher ; vintage ; licence » of a fetched file, for the `about` notes.
    std::string provenance(const std::string& file) const {
        const FetchedFile* f = record.find(file);
        return f ? f->publisher + " ; " + f->vintage + " ; " + f->licence : std::string();
    }
    /// « publisher, vintage », for the `sources` every output prints.
    std::string vintage(const std::string& file) const {
        const FetchedFile* f = record.find(file);
        return f ? f->publisher + ", " + f->vintage : std::string("non renseigné");
    }
};

Fetched open_fetched(const InitChoice& choice) {
    Fetched f{fs::path(choice.data_dir), FetchRecord::load(choice.data_dir), {}, false};
    if (f.record.files().empty())
        throw core::ConfigError(f.dir.string() +
                                " : aucun fetch-record.json — lancez d'abord palliacarte "
                                "fetch --departements … --into " +
                                f.dir.string());
    f.departements = choice.departements.empty() ? f.record.departements : choice.departements;
    const std::set<std::string> fetched(f.record.departements.begin(), f.record.departements.end());
    for (const auto& d : f.departements)
        if (!fetched.count(d))
            throw core::ConfigError("le département " + d + " n'a pas été téléchargé dans " +
                                    f.dir.string() + " (palliacarte fetch --departements …)");
    f.finess_plus = f.record.find(kPlusActivities) && f.record.find(kPlusStructures) &&
                    fs::exists(f.dir / kPlusActivities) && fs::exists(f.dir / kPlusStructures);
    return f;
}

// Name, data root, départements, CRS, margin, the sources' vintages; communes and population.
void add_header_and_communes(config::TerritoryConfig& c, json& doc, const Fetched& f,
                             const std::string& config_path) {
    c.name = departement_names(f.dir / "communes/departements.json", f.departements);
    doc["about"] = "Écrit par palliacarte init le " + core::utc_now().substr(0, 10) +
                   " à partir des fichiers officiels que palliacarte fetch a téléchargés dans " +
                   f.dir.string() +
                   " (sources, millésimes, licences et SHA-256 : fetch-record.json). Relisez les "
                   "sections, ajustez les seuils et les types, puis : palliacarte inspect, "
                   "palliacarte analyze.";
    c.data_root = fs::absolute(f.dir).lexically_normal().string();
    c.departements = f.departements;
    c.crs_auto = true;
    c.structure_margin_km = f.record.margin_km;
    c.structure_types_path =
        config::beside_config_or_shipped(config_path, config::kDefaultStructureTypes);
    c.source_vintages = {{"communes", f.vintage("communes/communes.geojson")},
                         {"population", f.vintage("communes/communes.json")},
                         {"structures", f.finess_plus ? f.vintage(kPlusActivities) + " ; " +
                                                            f.vintage(kPlusStructures)
                                                      : f.vintage("structures/finess-etalab.csv")}};
    if (!f.record.population_grid.is_null() && f.record.population_grid.contains("path"))
        c.source_vintages["population_grid"] =
            f.vintage(f.record.population_grid["path"].get<std::string>());
    c.communes.path = c.resolve(f.need("communes/communes.geojson"));
    doc["communes"]["about"] =
        "Contours des communes : " + f.provenance("communes/communes.geojson");
    c.population =
        config::PopulationConfig{.format = config::PopulationFormat::etalab_communes_json,
                                 .path = c.resolve(f.need("communes/communes.json"))};
    doc["population"]["about"] =
        "Populations légales (population municipale) : " + f.provenance("communes/communes.json");
}

// FINESS+ when fetched (EMSP, USP, LISP, HAD with their zones), else the etalab FINESS file.
void add_structures(config::TerritoryConfig& c, json& doc, const Fetched& f,
                    const InitChoice& choice) {
    config::StructureSourceConfig s;
    s.outside = config::OutsidePolicy::skip;
    if (f.finess_plus) {
        s.format = config::StructureFormat::finess_plus;
        s.path = c.resolve(kPlusActivities);
        s.structures_path = c.resolve(kPlusStructures);
        s.rules = finess_plus_rules(choice.finess_plus_mapping);
        doc["structures"][0]["about"] =
            "FINESS+ (activités autorisées en vigueur et établissements) : " +
            f.provenance(kPlusActivities) +
            ". Soins palliatifs (activité R4) : USP, LISP adultes et pédiatriques, EMSP, avec "
            "leurs lits ; HAD (catégorie 127 et unités nommées HAD) avec leur zone "
            "d'intervention autorisée — règles de finess-plus-activities.json ; puis les "
            "établissements hospitaliers (hôtes possibles d'EMSP, LISP, USP), EHPAD et SSIAD, "
            "sites candidats d'une antenne.";
    } else {
        s.format = config::StructureFormat::finess_etalab;
        s.path = c.resolve(f.need("structures/finess-etalab.csv"));
        s.rules = finess_rules();
        doc["structures"][0]["about"] =
            "FINESS : " + f.provenance("structures/finess-etalab.csv") +
            ". HAD (catégorie 127 et unités d'HAD nommées dans les hôpitaux), établissements "
            "hospitaliers (hôtes possibles d'EMSP, LISP, USP), EHPAD et SSIAD (sites candidats "
            "d'une antenne). Les EMSP, LISP et USP n'y sont pas : téléchargez les fichiers "
            "FINESS+ (palliacarte fetch) ou ajoutez l'annuaire de la filière (filiere-csv).";
    }
    c.structures = {s};
}

// EPCI everywhere; the EPT of the Grand Paris métropole where it applies.
void add_groupings(config::TerritoryConfig& c, const Fetched& f) {
    auto grouping = [&](const std::string& name, const std::string& label,
                        const std::string& file) {
        return config::TerritorySourceConfig{.name = name,
                                             .label = label,
                                             .format = config::GroupingFormat::etalab_groupings,
                                             .path = c.resolve(file)};
    };
    if (f.record.find("communes/epci.json"))
        c.territories.push_back(grouping("EPCI", "Intercommunalités (EPCI)", "communes/epci.json"));
    static const std::set<std::string> grand_paris = {"75", "92", "93", "94"};
    bool in_grand_paris = false;
    for (const auto& d : f.departements) in_grand_paris |= grand_paris.count(d) > 0;
    if (in_grand_paris && f.record.find("communes/ept.json"))
        c.territories.push_back(
            grouping("EPT", "Établissements publics territoriaux", "communes/ept.json"));
}

// Every extract the territory and its structure margin touch, in one graph (ways and
// junctions on a border merged by their OSM ids); without any, crow-fly times.
void add_roads_or_crow_fly(config::TerritoryConfig& c, json& doc, const Fetched& f,
                           const std::string& config_path) {
    std::vector<std::string> extracts;
    for (const auto& [file, fetched] : f.record.files())
        if (fetched.source_id == "roads") extracts.push_back(file);
    if (extracts.empty()) {
        c.crow_fly = model::CrowFlyModel{.detour_factor = 1.3, .speed_kmh = 50};
        doc["crow_fly"]["about"] =
            "Pas de réseau routier téléchargé (palliacarte fetch --with-roads l'apporte) : les "
            "temps sont à vol d'oiseau, distance × 1,3 à 50 km/h — une vitesse de territoire "
            "rural (routes départementales), plus juste hors des villes que les 30 km/h urbains "
            "par défaut. Chaque sortie le signale.";
        return;
    }
    config::RoadSourceConfig roads;
    roads.format = config::RoadFormat::osm;
    std::string about;
    for (const auto& e : extracts) {
        roads.paths.push_back(c.resolve(e));
        about += (about.empty() ? "" : " ; ") + f.provenance(e);
    }
    roads.profile_path = config::beside_config_or_shipped(config_path, config::kDefaultRoadProfile);
    c.roads = roads;
    c.source_vintages["roads"] = f.vintage(extracts[0]);
    doc["roads"]["about"] =
        "Réseau routier : " + about +
        (extracts.size() > 1 ? ". " + std::to_string(extracts.size()) +
                                   " extraits réunis en un réseau (voies communes fusionnées "
                                   "par identifiant OSM)"
                             : std::string()) +
        ". Routes carrossables, profil voiture français.";
}

// The analysed types (by default those the fetched files have), the population grid when
// fetched, where to site an HAD antenna; notes for what the files cannot give.
json analysis_section(const Fetched& f, const InitChoice& choice, std::vector<std::string>& notes) {
    std::vector<std::string> types = choice.types;
    if (types.empty())
        types = f.finess_plus ? std::vector<std::string>{"EMSP", "USP", "LISP", "HAD", "HOPITAL"}
                              : std::vector<std::string>{"HAD", "HOPITAL"};
    json analysis = {{"about",
                      "Types analysés et seuils de zone blanche du tableau des types (30 min HAD, "
                      "45 min hôpitaux) ; population carroyée ; où implanter une antenne d'HAD "
                      "parmi les hôpitaux, EHPAD et SSIAD."},
                     {"types", types},
                     {"catchment_thresholds_min", {15, 30, 45}}};
    const json& grid = f.record.population_grid;
    if (!grid.is_null() && grid.contains("path") && f.record.find(grid["path"])) {
        analysis["population_grid"] = grid;
        analysis["population_grid"]["about"] =
            "Population carroyée : " + f.provenance(grid["path"]) +
            ". Chaque carreau est découpé par les communes puis recalé sur la population légale.";
    } else {
        notes.push_back("pas de grille de population : un point par commune");
    }
    std::set<std::string> from_finess = {"HAD", "HOPITAL", "EHPAD", "SSIAD"};
    if (f.finess_plus)
        from_finess.insert({"EMSP", "USP", "LISP", "LISPP"});
    else
        notes.push_back(
            "pas de fichiers FINESS+ : ni EMSP, ni LISP, ni USP, et les HAD sans leur zone "
            "d'intervention");
    for (const auto& t : types)
        if (!from_finess.count(t))
            notes.push_back(t +
                            " : aucune source dans les fichiers téléchargés (ce n'est pas une "
                            "entité FINESS) — ajoutez l'annuaire de la filière (structures, "
                            "format filiere-csv), sinon tout le territoire sera en zone blanche");
    if (std::find(types.begin(), types.end(), "HAD") != types.end())
        analysis["where_next"] = {
            {"types", {"HAD"}}, {"k", 5}, {"candidate_types", {"HOPITAL", "EHPAD", "SSIAD"}}};
    return analysis;
}

}  // namespace

// The config as a TerritoryConfig, its notes and analysis section in its document, written by
// the parser's own writer (config/territory_config_writer.hpp).
WrittenConfig make_territory_config(const InitChoice& choice) {
    const Fetched fetched = open_fetched(choice);
    config::TerritoryConfig c;
    json doc = json::object();
    WrittenConfig out;
    add_header_and_communes(c, doc, fetched, choice.config_path);
    add_structures(c, doc, fetched, choice);
    add_groupings(c, fetched);
    add_roads_or_crow_fly(c, doc, fetched, choice.config_path);
    doc["analysis"] = analysis_section(fetched, choice, out.notes);
    c.document = doc;
    out.config = config::territory_config_json(c, choice.config_path);
    return out;
}

}  // namespace palliacarte::fetch
