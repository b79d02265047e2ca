#include "config/territory_config.hpp"
#include "core/bounded_json.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "config/config_fields.hpp"
#include "config/config_schema.hpp"
#include "core/connection_text.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/crs_kind.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte::config {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void require_path(const std::string& path, const std::string& what) {
    if (path.empty()) throw core::ConfigError("`" + what + ".path` : chemin obligatoire");
}

// A data file named relative to the config: the one beside the config if it exists, else the one
// shipped in palliacarte's data/ (a user's config may live anywhere).
std::string beside_or_shipped(const fs::path& config_dir, const std::string& relative) {
    const fs::path beside = config_dir / relative;
    return fs::exists(beside) ? beside.lexically_normal().string()
                              : (fs::path(PALLIACARTE_DATA_DIR) / relative).string();
}

std::vector<FinessRule> parse_select(const json& select, const std::string& what) {
    std::vector<FinessRule> rules;
    for (const auto& r : select) {
        FinessRule rule;
        rule.type = field_text(r, "type");
        rule.label = field_text(r, "label");
        rule.categories = field_texts(r, "categories");
        rule.name_pattern = field_text(r, "name_pattern");
        rule.exclude_pattern = field_text(r, "exclude_pattern");
        rule.activities = field_texts(r, "activities");
        rule.zone_natures = field_texts(r, "zone_natures");
        if (rule.categories.empty() && rule.name_pattern.empty() && rule.activities.empty())
            throw core::ConfigError("`" + what + "` : la règle du type " + rule.type +
                                    " doit donner `categories`, `name_pattern` ou `activities`");
        rules.push_back(std::move(rule));
    }
    return rules;
}

}  // namespace

std::string beside_config_or_shipped(const std::string& config_path, const std::string& relative) {
    return beside_or_shipped(fs::path(config_path).parent_path(), relative);
}

OutsidePolicy default_outside(StructureFormat format) {
    return format == StructureFormat::finess_etalab || format == StructureFormat::finess_flat ||
                   format == StructureFormat::finess_plus
               ? OutsidePolicy::skip
               : OutsidePolicy::report;
}

// A finess-plus source without rules of its own: the mapping shipped in data/ (or one beside
// the config), so that any département's config gets its EMSP, LISP, USP and HAD.
std::vector<FinessRule> default_finess_plus_rules(const std::string& config_path) {
    return read_finess_rules(
        beside_or_shipped(fs::path(config_path).parent_path(), "finess-plus-activities.json"));
}

std::vector<FinessRule> read_finess_rules(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw core::ConfigError(path + " : fichier de correspondance FINESS+ introuvable");
    try {
        const json doc = json::parse(in);
        return parse_select(doc.at("select"), path + " : select");
    } catch (const json::exception& e) {
        throw core::ConfigError(path + " : " + e.what());
    }
}

namespace {

StructureSourceConfig parse_structure_source(const json& j, std::size_t index,
                                             const fs::path& config_dir) {
    const std::string what = "structures[" + std::to_string(index) + "]";
    StructureSourceConfig s;
    s.format = choice_named<StructureFormat>(field_text(j, "format"), what, "format");
    s.path = field_text(j, "path");
    require_path(s.path, what);
    s.structures_path = field_text(j, "structures_path");
    if (s.format == StructureFormat::finess_plus && s.structures_path.empty())
        throw core::ConfigError(
            "`" + what +
            "` : une source finess-plus demande `path` (fichier des activités) et "
            "`structures_path` (fichier des structures)");
    s.layer = field_text(j, "layer");
    s.sql = field_text(j, "sql");
    s.departements = field_texts(j, "departements");
    for (auto& d : s.departements) d = crs::normalize_departement(d);
    s.type = field_text(j, "type");
    s.source_crs = field_text(j, "source_crs");
    const bool finess = default_outside(s.format) == OutsidePolicy::skip;
    s.outside =
        field_choice(j, "outside", finess ? OutsidePolicy::skip : OutsidePolicy::report, what);
    if (j.contains("fields")) {
        for (const auto& [k, v] : j["fields"].items()) s.fields[k] = v.get<std::string>();
    }
    if (j.contains("select")) s.rules = parse_select(j["select"], what + ".select");
    if (s.format == StructureFormat::finess_plus && s.rules.empty())
        s.rules = default_finess_plus_rules((config_dir / "config.json").string());
    if (finess && s.format != StructureFormat::finess_plus && s.rules.empty())
        throw core::ConfigError(
            "`" + what + "` : une source FINESS demande des règles `select` (catégorie → type)");
    if (s.format == StructureFormat::ogr && s.type.empty() && !s.fields.count("type"))
        throw core::ConfigError("`" + what + "` : une source ogr demande `type` ou `fields.type`");
    return s;
}

WebMapConfig parse_web_map(const json& j) {
    WebMapConfig w;
    w.basemap = field_text(j, "basemap");
    w.basemap_attribution = field_text(j, "basemap_attribution");
    try {
        check_basemap_url(w.basemap);
    } catch (const core::ConfigError& e) {
        throw core::ConfigError("`web_map.basemap` : " + std::string(e.what()));
    }
    return w;
}

}  // namespace

std::string TerritoryConfig::resolve(const std::string& path) const {
    if (path.empty() || fs::path(path).is_absolute() || core::is_postgres_connection(path))
        return path;
    return (fs::path(data_root) / path).lexically_normal().string();
}

std::string TerritoryConfig::as_written(const std::string& resolved) const {
    if (core::is_postgres_connection(resolved)) return core::without_password(resolved);
    const fs::path relative =
        fs::path(resolved).lexically_relative(fs::path(data_root).lexically_normal());
    if (relative.empty() || *relative.begin() == "..") return resolved;
    return relative.string();
}

namespace {

// The one place data paths are resolved: the loaders read the paths as given here.
void resolve_data_paths(TerritoryConfig& c) {
    c.communes.path = c.resolve(c.communes.path);
    if (c.population) c.population->path = c.resolve(c.population->path);
    for (auto& s : c.structures) {
        s.path = c.resolve(s.path);
        if (!s.structures_path.empty()) s.structures_path = c.resolve(s.structures_path);
    }
    if (c.crosswalk) c.crosswalk->path = c.resolve(c.crosswalk->path);
    for (auto& g : c.territories) g.path = c.resolve(g.path);
    if (c.roads)
        for (auto& p : c.roads->paths) p = c.resolve(p);
}

}  // namespace

namespace {

// Where relative data paths start: --data-root, else the file's "data_root" (relative to the
// file), else $PALLIACARTE_DATA_ROOT, else ../shared/data. A config that names its data root
// keeps it (the demo configs carry their own data), whatever the environment says.
void parse_data_root(TerritoryConfig& c, const json& doc, const fs::path& config_dir,
                     const std::optional<std::string>& data_root_override) {
    if (data_root_override && !data_root_override->empty()) {
        c.data_root = *data_root_override;
        c.data_root_origin = "--data-root";
    } else if (doc.contains("data_root")) {
        c.data_root = (config_dir / field_text(doc, "data_root")).lexically_normal().string();
        c.data_root_origin = "config";
    } else if (const char* env = std::getenv("PALLIACARTE_DATA_ROOT"); env && *env) {
        c.data_root = env;
        c.data_root_origin = "PALLIACARTE_DATA_ROOT";
    } else {
        c.data_root = "../shared/data";
        c.data_root_origin = "default";
    }
    if (!fs::is_directory(c.data_root))
        throw core::ConfigError("le dossier de données « " + c.data_root + " » (venu de " +
                                c.data_root_origin +
                                ") n'existe pas ; donnez --data-root ou PALLIACARTE_DATA_ROOT");
}

// "auto" (by département; metropolitan and overseas cannot mix) or a projected "EPSG:<code>".
void parse_crs(TerritoryConfig& c, const json& doc) {
    const std::string crs = field_text(doc, "crs", "auto");
    if (crs == "auto") {
        c.crs_auto = true;
        std::set<int> epsgs;
        for (const auto& d : c.departements) epsgs.insert(crs::natural_epsg_for_departement(d));
        if (epsgs.size() > 1)
            config_fail("", "crs",
                        "\"auto\" ne convient pas : ces départements n'ont pas le même "
                        "système projeté (métropole et outre-mer) ; donnez \"EPSG:<code>\"");
        c.epsg = epsgs.empty() ? crs::kLambert93 : *epsgs.begin();
    } else {
        c.crs_auto = false;
        const std::string usage = "attendu \"auto\" ou \"EPSG:<code>\", trouvé \"" + crs + "\"";
        if (crs.rfind("EPSG:", 0) != 0 || crs.size() == 5 ||
            crs.find_first_not_of("0123456789", 5) != std::string::npos)
            config_fail("", "crs", usage);
        c.epsg = std::stoi(crs.substr(5));
        // Distances, areas and buffers are computed in the working CRS's units: degrees
        // would give 0 km² and "100 % covered".
        const crs::CrsKind kind = crs::crs_kind(crs);
        if (!kind.known) config_fail("", "crs", "PROJ ne connaît pas " + crs);
        if (!kind.projected)
            config_fail("", "crs",
                        crs + " (" + kind.name +
                            ") est un système géographique en degrés : l'analyse mesure des "
                            "distances et des surfaces en mètres — choisissez un système "
                            "projeté (\"auto\" : Lambert-93 EPSG:2154 en métropole)");
    }
}

void parse_type_table(TerritoryConfig& c, const json& doc, const fs::path& config_dir) {
    // The type table: as named (relative to the config file); by default the one next to the
    // config, else the one shipped with palliacarte (a user's config may live anywhere).
    if (doc.contains("structure_types")) {
        const std::string types = field_text(doc, "structure_types");
        c.structure_types_path = fs::path(types).is_absolute()
                                     ? types
                                     : (config_dir / types).lexically_normal().string();
    } else {
        c.structure_types_path = beside_or_shipped(config_dir, kDefaultStructureTypes);
    }
}

void parse_communes(TerritoryConfig& c, const json& doc) {
    const auto& cj = doc["communes"];
    c.communes.path = field_text(cj, "path");
    require_path(c.communes.path, "communes");
    c.communes.layer = field_text(cj, "layer");
    c.communes.sql = field_text(cj, "sql");
    c.communes.code_field = field_text(cj, "code_field");
    c.communes.name_field = field_text(cj, "name_field");
    c.communes.population_field = field_text(cj, "population_field");
    c.communes.source_crs = field_text(cj, "source_crs");
    c.communes.codes = field_texts(cj, "codes");

    if (doc.contains("crosswalk") && !doc["crosswalk"].is_null()) {
        CrosswalkConfig x;
        x.path = field_text(doc["crosswalk"], "path");
        require_path(x.path, "crosswalk");
        x.from_field = field_text(doc["crosswalk"], "from_field");
        x.to_field = field_text(doc["crosswalk"], "to_field");
        c.crosswalk = x;
    }
}

void parse_population(TerritoryConfig& c, const json& doc) {
    if (doc.contains("population") && !doc["population"].is_null()) {
        PopulationConfig p;
        const auto& pj = doc["population"];
        p.format = field_choice(pj, "format", PopulationFormat::etalab_communes_json, "population");
        p.path = field_text(pj, "path");
        p.code_field = field_text(pj, "code_field");
        p.population_field = field_text(pj, "population_field");
        if (p.format != PopulationFormat::boundary_field) require_path(p.path, "population");
        c.population = p;
    }
}

void parse_groupings(TerritoryConfig& c, const json& doc) {
    if (doc.contains("territories")) {
        for (const auto& tj : doc["territories"]) {
            TerritorySourceConfig t;
            t.name = field_text(tj, "name");
            t.label = field_text(tj, "label", t.name);
            t.format = field_choice(tj, "format", GroupingFormat::csv, "territories");
            t.path = field_text(tj, "path");
            require_path(t.path, "territories '" + t.name + "'");
            t.commune_field = field_text(tj, "commune_field");
            t.territory_field = field_text(tj, "territory_field");
            c.territories.push_back(std::move(t));
        }
    }
}

void parse_roads(TerritoryConfig& c, const json& doc, const fs::path& config_dir) {
    if (doc.contains("roads") && !doc["roads"].is_null()) {
        const auto& rj = doc["roads"];
        RoadSourceConfig r;
        r.format = field_choice(rj, "format", RoadFormat::ogr_links, "roads");
        r.paths = rj.contains("path") && rj["path"].is_array()
                      ? field_texts(rj, "path", "roads")
                      : std::vector<std::string>{field_text(rj, "path")};
        for (const auto& p : r.paths) require_path(p, "roads");
        r.layer = field_text(rj, "layer");
        r.sql = field_text(rj, "sql");
        r.where = field_text(rj, "where");
        r.source_crs = field_text(rj, "source_crs");
        if (rj.contains("fields"))
            for (const auto& [k, v] : rj["fields"].items()) r.fields[k] = v.get<std::string>();
        r.direction = field_choice(rj, "direction", LinkLayout::forward, "roads");
        if (rj.contains("direction_values"))
            for (const auto& [k, v] : rj["direction_values"].items())
                r.direction_values[k] = v.get<std::vector<std::string>>();
        if (rj.contains("importer_default_speeds_kmh"))
            for (const auto& [k, v] : rj["importer_default_speeds_kmh"].items())
                r.importer_default_speeds_kmh[k] = v.get<double>();
        if (rj.contains("class_rules"))
            for (const auto& cr : rj["class_rules"]) {
                RoadSourceConfig::ClassRule rule;
                rule.road_class = field_text(cr, "class");
                for (const auto& [k, v] : cr["when"].items())
                    rule.when[k] = v.get<std::vector<std::string>>();
                r.class_rules.push_back(std::move(rule));
            }
        r.speed_field_kind = field_choice(rj, "speed_field_kind", SpeedFieldKind::limit, "roads");
        r.default_speed_kmh = field_number_in(rj, "default_speed_kmh", 30.0, 0.1, 200, "roads");
        r.snap_max_distance_m =
            field_number_in(rj, "snap_max_distance_m", 1000.0, 1, 100000, "roads");
        r.off_road_out_of_reach = field_choice(rj, "off_road", OffRoadPolicy::count_with_time,
                                               "roads") == OffRoadPolicy::out_of_reach;
        r.merge_chains = field_bool(rj, "merge_chains", true, "roads");
        const std::string profile = field_text(rj, "profile", kDefaultRoadProfile);
        r.profile_path =
            fs::path(profile).is_absolute() ? profile : beside_or_shipped(config_dir, profile);
        c.roads = r;
    }
}

}  // namespace

TerritoryConfig parse_territory_config(const json& doc, const std::string& path,
                                       const std::optional<std::string>& data_root_override) {
    if (!doc.is_object())
        throw core::ConfigError(path + " : la configuration doit être un objet JSON { … }");
    check_config_against_schema(doc, path);
    TerritoryConfig c;
    c.config_path = path;
    c.document = doc;
    const fs::path config_dir = fs::path(path).parent_path();
    try {
        c.name = field_text(doc, "name");

        parse_data_root(c, doc, config_dir, data_root_override);
        c.departements = field_texts(doc, "departements");
        for (auto& d : c.departements) d = crs::normalize_departement(d);

        parse_crs(c, doc);
        c.structure_margin_km =
            field_number_in(doc, "structure_margin_km", c.structure_margin_km, 0, 500);

        parse_type_table(c, doc, config_dir);
        parse_communes(c, doc);
        parse_population(c, doc);
        if (doc.contains("structures")) {
            for (std::size_t i = 0; i < doc["structures"].size(); ++i)
                c.structures.push_back(parse_structure_source(doc["structures"][i], i, config_dir));
        }
        parse_groupings(c, doc);
        if (doc.contains("sources"))
            for (const auto& [role, v] : doc["sources"].items())
                if (role != "about") c.source_vintages[role] = v.get<std::string>();
        if (doc.contains("web_map")) c.web_map = parse_web_map(doc["web_map"]);
        c.cache_dir = field_text(doc, "cache_dir");
        if (c.cache_dir.empty())
            if (const char* env = std::getenv("PALLIACARTE_CACHE_DIR"); env && *env)
                c.cache_dir = env;
        if (doc.contains("crow_fly")) {
            const auto& cf = doc["crow_fly"];
            c.crow_fly.detour_factor =
                field_number_in(cf, "detour_factor", c.crow_fly.detour_factor, 1, 5, "crow_fly");
            c.crow_fly.speed_kmh =
                field_number_in(cf, "speed_kmh", c.crow_fly.speed_kmh, 0.1, 200, "crow_fly");
        }
        parse_roads(c, doc, config_dir);
        resolve_data_paths(c);
    } catch (const core::ConfigError& e) {
        throw core::ConfigError(in_config_file(path, e.what()));
    } catch (const json::exception& e) {
        throw core::ConfigError(in_config_file(path, e.what()));
    }
    return c;
}

TerritoryConfig load_territory_config(const std::string& path,
                                      const std::optional<std::string>& data_root_override) {
    const std::string text = core::read_config_file(path, "config");
    json doc;
    try {
        doc = core::parse_bounded_json(text);
    } catch (const json::parse_error& e) {
        // Line and column from the byte offset; the parser's own words without its tag.
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
            column = text[i] == '\n' ? 1 : column + 1;
            line += text[i] == '\n';
        }
        std::string detail = e.what();
        if (const auto colon = detail.find(": "); colon != std::string::npos)
            detail = detail.substr(colon + 2);
        throw core::ConfigError(path + " : ce n'est pas du JSON valide, ligne " +
                                std::to_string(line) + ", colonne " + std::to_string(column) +
                                " (" + detail + ")");
    }
    return parse_territory_config(doc, path, data_root_override);
}

// The URL goes to every browser that opens the map: only http(s), and a raster template must
// name all three tile coordinates (a missing {y} would draw one tile everywhere).
void check_basemap_url(const std::string& url) {
    if (url.empty()) return;
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        throw core::ConfigError("une URL http(s):// est attendue, pas « " + url + " »");
    if (url.find('{') != std::string::npos)
        for (const char* key : {"{z}", "{x}", "{y}"})
            if (url.find(key) == std::string::npos)
                throw core::ConfigError("le modèle de tuiles n'a pas " + std::string(key) +
                                        " (il faut {z}, {x} et {y})");
}

}  // namespace palliacarte::config
