#include "config/territory_config.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string str(const json& j, const char* key, const std::string& fallback = "") {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_string()) throw ConfigError(std::string("'") + key + "' must be a string");
    return j[key].get<std::string>();
}

std::vector<std::string> str_list(const json& j, const char* key) {
    std::vector<std::string> out;
    if (!j.contains(key) || j[key].is_null()) return out;
    if (!j[key].is_array()) throw ConfigError(std::string("'") + key + "' must be a list");
    for (const auto& v : j[key]) {
        if (!v.is_string()) throw ConfigError(std::string("'") + key + "' must list strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

void require_path(const std::string& path, const std::string& what) {
    if (path.empty()) throw ConfigError(what + ": 'path' is required");
}

// A data file named relative to the config: the one beside the config if it exists, else the one
// shipped in palliacarte's data/ (a user's config may live anywhere).
std::string beside_or_shipped(const fs::path& config_dir, const std::string& relative) {
    const fs::path beside = config_dir / relative;
    return fs::exists(beside) ? beside.lexically_normal().string()
                              : (fs::path(PALLIACARTE_DATA_DIR) / relative).string();
}

StructureSourceConfig parse_structure_source(const json& j, std::size_t index) {
    const std::string what = "structures[" + std::to_string(index) + "]";
    StructureSourceConfig s;
    s.format = str(j, "format");
    s.path = str(j, "path");
    require_path(s.path, what);
    static const std::set<std::string> formats = {"filiere-csv", "finess-etalab", "finess-flat",
                                                  "ogr"};
    if (!formats.count(s.format))
        throw ConfigError(what + ": unknown format '" + s.format +
                          "' (filiere-csv, finess-etalab, finess-flat, ogr)");
    s.layer = str(j, "layer");
    s.departements = str_list(j, "departements");
    for (auto& d : s.departements) d = normalize_departement(d);
    s.type = str(j, "type");
    s.source_crs = str(j, "source_crs");
    s.outside = str(j, "outside", s.format.rfind("finess", 0) == 0 ? "skip" : "report");
    if (s.outside != "skip" && s.outside != "report")
        throw ConfigError(what + ": 'outside' must be \"skip\" or \"report\"");
    if (j.contains("fields")) {
        for (const auto& [k, v] : j["fields"].items()) s.fields[k] = v.get<std::string>();
    }
    if (j.contains("select")) {
        for (const auto& r : j["select"]) {
            FinessRule rule;
            rule.type = str(r, "type");
            if (rule.type.empty()) throw ConfigError(what + ": every select rule needs a 'type'");
            rule.categories = str_list(r, "categories");
            rule.name_pattern = str(r, "name_pattern");
            rule.exclude_pattern = str(r, "exclude_pattern");
            if (rule.categories.empty() && rule.name_pattern.empty())
                throw ConfigError(what + ": select rule for " + rule.type +
                                  " needs 'categories' or 'name_pattern'");
            s.rules.push_back(std::move(rule));
        }
    }
    if ((s.format == "finess-etalab" || s.format == "finess-flat") && s.rules.empty())
        throw ConfigError(what + ": a FINESS source needs 'select' rules (category → type)");
    if (s.format == "ogr" && s.type.empty() && !s.fields.count("type"))
        throw ConfigError(what + ": an ogr source needs 'type' or fields.type");
    return s;
}

}  // namespace

std::string TerritoryConfig::resolve(const std::string& path) const {
    if (path.empty() || fs::path(path).is_absolute()) return path;
    return (fs::path(data_root) / path).lexically_normal().string();
}

TerritoryConfig parse_territory_config(const json& doc, const std::string& path,
                                       const std::optional<std::string>& data_root_override) {
    if (!doc.is_object()) throw ConfigError(path + ": the config must be a JSON object");
    TerritoryConfig c;
    c.config_path = path;
    c.document = doc;
    const fs::path config_dir = fs::path(path).parent_path();
    try {
        c.name = str(doc, "name");
        if (c.name.empty()) throw ConfigError("'name' is required");

        // A config that names its data root keeps it (the demo configs carry their own data),
        // whatever the environment says; $PALLIACARTE_DATA_ROOT is for configs that name none.
        if (data_root_override && !data_root_override->empty()) {
            c.data_root = *data_root_override;
            c.data_root_origin = "--data-root";
        } else if (doc.contains("data_root")) {
            c.data_root = (config_dir / str(doc, "data_root")).lexically_normal().string();
            c.data_root_origin = "config";
        } else if (const char* env = std::getenv("PALLIACARTE_DATA_ROOT"); env && *env) {
            c.data_root = env;
            c.data_root_origin = "PALLIACARTE_DATA_ROOT";
        } else {
            c.data_root = "../shared/data";
            c.data_root_origin = "default";
        }
        if (!fs::is_directory(c.data_root))
            throw ConfigError("data root '" + c.data_root + "' (from " + c.data_root_origin +
                              ") is not a directory; set --data-root or PALLIACARTE_DATA_ROOT");

        c.departements = str_list(doc, "departements");
        for (auto& d : c.departements) d = normalize_departement(d);

        const std::string crs = str(doc, "crs", "auto");
        if (crs == "auto") {
            c.crs_auto = true;
            std::set<int> epsgs;
            for (const auto& d : c.departements) epsgs.insert(natural_epsg_for_departement(d));
            if (epsgs.size() > 1)
                throw ConfigError(
                    "'crs' is auto but the départements use different CRS; set 'crs'");
            c.epsg = epsgs.empty() ? kLambert93 : *epsgs.begin();
        } else {
            c.crs_auto = false;
            if (crs.rfind("EPSG:", 0) != 0)
                throw ConfigError("'crs' must be \"auto\" or \"EPSG:<code>\"");
            try {
                c.epsg = std::stoi(crs.substr(5));
            } catch (const std::exception&) {
                throw ConfigError("'crs' must be \"auto\" or \"EPSG:<code>\"");
            }
        }
        if (doc.contains("structure_margin_km"))
            c.structure_margin_km = doc["structure_margin_km"].get<double>();

        // The type table: as named (relative to the config file); by default the one next to the
        // config, else the one shipped with palliacarte (a user's config may live anywhere).
        if (doc.contains("structure_types")) {
            const std::string types = str(doc, "structure_types");
            c.structure_types_path = fs::path(types).is_absolute()
                                         ? types
                                         : (config_dir / types).lexically_normal().string();
        } else {
            c.structure_types_path = beside_or_shipped(config_dir, "structure-types.json");
        }

        if (!doc.contains("communes") || !doc["communes"].is_object())
            throw ConfigError("'communes' section is required");
        const auto& cj = doc["communes"];
        c.communes.path = str(cj, "path");
        require_path(c.communes.path, "communes");
        c.communes.layer = str(cj, "layer");
        c.communes.code_field = str(cj, "code_field");
        c.communes.name_field = str(cj, "name_field");
        c.communes.population_field = str(cj, "population_field");
        c.communes.source_crs = str(cj, "source_crs");
        c.communes.codes = str_list(cj, "codes");

        if (doc.contains("crosswalk") && !doc["crosswalk"].is_null()) {
            CrosswalkConfig x;
            x.path = str(doc["crosswalk"], "path");
            require_path(x.path, "crosswalk");
            x.from_field = str(doc["crosswalk"], "from_field");
            x.to_field = str(doc["crosswalk"], "to_field");
            c.crosswalk = x;
        }
        if (doc.contains("population") && !doc["population"].is_null()) {
            PopulationConfig p;
            const auto& pj = doc["population"];
            p.format = str(pj, "format", "etalab-communes-json");
            p.path = str(pj, "path");
            p.code_field = str(pj, "code_field");
            p.population_field = str(pj, "population_field");
            static const std::set<std::string> formats = {"etalab-communes-json", "csv",
                                                          "boundary-field"};
            if (!formats.count(p.format))
                throw ConfigError("population: unknown format '" + p.format +
                                  "' (etalab-communes-json, csv, boundary-field)");
            if (p.format != "boundary-field") require_path(p.path, "population");
            c.population = p;
        }
        if (doc.contains("structures")) {
            if (!doc["structures"].is_array()) throw ConfigError("'structures' must be a list");
            for (std::size_t i = 0; i < doc["structures"].size(); ++i)
                c.structures.push_back(parse_structure_source(doc["structures"][i], i));
        }
        if (doc.contains("territories")) {
            if (!doc["territories"].is_array()) throw ConfigError("'territories' must be a list");
            for (const auto& tj : doc["territories"]) {
                TerritorySourceConfig t;
                t.name = str(tj, "name");
                if (t.name.empty()) throw ConfigError("every territories entry needs a 'name'");
                t.label = str(tj, "label", t.name);
                t.format = str(tj, "format", "csv");
                if (t.format != "csv" && t.format != "etalab-groupings")
                    throw ConfigError("territories '" + t.name + "': unknown format '" + t.format +
                                      "' (csv, etalab-groupings)");
                t.path = str(tj, "path");
                require_path(t.path, "territories '" + t.name + "'");
                t.commune_field = str(tj, "commune_field");
                t.territory_field = str(tj, "territory_field");
                c.territories.push_back(std::move(t));
            }
        }
        c.cache_dir = str(doc, "cache_dir");
        if (c.cache_dir.empty())
            if (const char* env = std::getenv("PALLIACARTE_CACHE_DIR"); env && *env)
                c.cache_dir = env;
        if (doc.contains("crow_fly")) {
            const auto& cf = doc["crow_fly"];
            c.crow_fly.detour_factor = cf.value("detour_factor", c.crow_fly.detour_factor);
            c.crow_fly.speed_kmh = cf.value("speed_kmh", c.crow_fly.speed_kmh);
            if (c.crow_fly.detour_factor < 1 || c.crow_fly.speed_kmh <= 0)
                throw ConfigError("crow_fly: detour_factor must be >= 1 and speed_kmh > 0");
        }
        if (doc.contains("roads") && !doc["roads"].is_null()) {
            const auto& rj = doc["roads"];
            RoadSourceConfig r;
            r.format = str(rj, "format", "ogr-links");
            if (r.format != "ogr-links" && r.format != "osm")
                throw ConfigError("roads: unknown format '" + r.format + "' (osm, ogr-links)");
            r.path = str(rj, "path");
            require_path(r.path, "roads");
            r.layer = str(rj, "layer");
            r.where = str(rj, "where");
            r.source_crs = str(rj, "source_crs");
            if (rj.contains("fields"))
                for (const auto& [k, v] : rj["fields"].items()) r.fields[k] = v.get<std::string>();
            static const std::set<std::string> known = {"from_node", "to_node",   "length",
                                                        "class",     "speed_kmh", "direction"};
            for (const auto& [k, v] : r.fields)
                if (!known.count(k)) throw ConfigError("roads.fields: unknown key '" + k + "'");
            r.direction = str(rj, "direction", "forward");
            if (r.direction != "forward" && r.direction != "both")
                throw ConfigError("roads.direction must be \"forward\" or \"both\"");
            if (rj.contains("direction_values"))
                for (const auto& [k, v] : rj["direction_values"].items())
                    r.direction_values[k] = v.get<std::vector<std::string>>();
            if (rj.contains("importer_default_speeds_kmh"))
                for (const auto& [k, v] : rj["importer_default_speeds_kmh"].items())
                    r.importer_default_speeds_kmh[k] = v.get<double>();
            if (rj.contains("class_rules"))
                for (const auto& cr : rj["class_rules"]) {
                    RoadSourceConfig::ClassRule rule;
                    rule.road_class = str(cr, "class");
                    if (rule.road_class.empty() || !cr.contains("when"))
                        throw ConfigError("roads.class_rules: each rule needs 'when' and 'class'");
                    for (const auto& [k, v] : cr["when"].items())
                        rule.when[k] = v.get<std::vector<std::string>>();
                    r.class_rules.push_back(std::move(rule));
                }
            r.speed_field_kind = str(rj, "speed_field_kind", "limit");
            if (r.speed_field_kind != "limit" && r.speed_field_kind != "average")
                throw ConfigError("roads.speed_field_kind must be \"limit\" or \"average\"");
            r.default_speed_kmh = rj.value("default_speed_kmh", 30.0);
            r.snap_max_distance_m = rj.value("snap_max_distance_m", 1000.0);
            if (r.default_speed_kmh <= 0 || r.snap_max_distance_m <= 0)
                throw ConfigError(
                    "roads.default_speed_kmh and roads.snap_max_distance_m must be positive");
            const std::string profile = str(rj, "profile", "profiles/car-fr.json");
            r.profile_path =
                fs::path(profile).is_absolute() ? profile : beside_or_shipped(config_dir, profile);
            c.roads = r;
        }
    } catch (const ConfigError& e) {
        throw ConfigError(path + ": " + e.what());
    } catch (const json::exception& e) {
        throw ConfigError(path + ": " + e.what());
    }
    return c;
}

TerritoryConfig load_territory_config(const std::string& path,
                                      const std::optional<std::string>& data_root_override) {
    const std::string text = read_config_file(path, "config");
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw ConfigError(path + ": not valid JSON: " + e.what());
    }
    return parse_territory_config(doc, path, data_root_override);
}

}  // namespace palliacarte
