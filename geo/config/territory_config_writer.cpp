#include "config/territory_config_writer.hpp"

#include <filesystem>

namespace palliacarte::config {

namespace fs = std::filesystem;
using ordered = nlohmann::ordered_json;

namespace {

// `path` as the parser at `config_dir` finds it again: relative to that folder (the config and
// its data move together).
std::string beside(const std::string& path, const fs::path& config_dir) {
    if (path.empty()) return path;
    const fs::path from = fs::absolute(config_dir.empty() ? fs::path(".") : config_dir);
    const fs::path relative =
        fs::absolute(path).lexically_normal().lexically_relative(from.lexically_normal());
    return relative.empty() ? fs::absolute(path).lexically_normal().string() : relative.string();
}

// What the struct does not hold: a section's `about` note, kept from the source document.
void keep_about(ordered& out, const nlohmann::json& from) {
    if (from.is_object() && from.contains("about")) out["about"] = from["about"];
}

const nlohmann::json& section(const nlohmann::json& doc, const char* key) {
    static const nlohmann::json none;
    return doc.is_object() && doc.contains(key) ? doc[key] : none;
}

const nlohmann::json& item(const nlohmann::json& list, std::size_t i) {
    static const nlohmann::json none;
    return list.is_array() && i < list.size() ? list[i] : none;
}

void put(ordered& out, const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
}

void put(ordered& out, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) out[key] = values;
}

ordered communes_json(const TerritoryConfig& c) {
    ordered j = ordered::object();
    keep_about(j, section(c.document, "communes"));
    j["path"] = c.as_written(c.communes.path);
    put(j, "layer", c.communes.layer);
    put(j, "sql", c.communes.sql);
    put(j, "code_field", c.communes.code_field);
    put(j, "name_field", c.communes.name_field);
    put(j, "population_field", c.communes.population_field);
    put(j, "source_crs", c.communes.source_crs);
    put(j, "codes", c.communes.codes);
    return j;
}

ordered rules_json(const std::vector<FinessRule>& rules) {
    ordered out = ordered::array();
    for (const auto& r : rules) {
        ordered j = {{"type", r.type}};
        put(j, "label", r.label);
        put(j, "categories", r.categories);
        put(j, "name_pattern", r.name_pattern);
        put(j, "exclude_pattern", r.exclude_pattern);
        put(j, "activities", r.activities);
        put(j, "zone_natures", r.zone_natures);
        out.push_back(std::move(j));
    }
    return out;
}

ordered structure_json(const TerritoryConfig& c, const StructureSourceConfig& s,
                       const nlohmann::json& from) {
    ordered j = ordered::object();
    keep_about(j, from);
    j["format"] = name_of(s.format);
    j["path"] = c.as_written(s.path);
    if (!s.structures_path.empty()) j["structures_path"] = c.as_written(s.structures_path);
    put(j, "layer", s.layer);
    put(j, "sql", s.sql);
    put(j, "departements", s.departements);
    if (!s.rules.empty()) j["select"] = rules_json(s.rules);
    if (!s.fields.empty()) j["fields"] = s.fields;
    put(j, "type", s.type);
    put(j, "source_crs", s.source_crs);
    if (s.outside != default_outside(s.format)) j["outside"] = name_of(s.outside);
    return j;
}

ordered roads_json(const TerritoryConfig& c, const std::string& config_path) {
    const RoadSourceConfig& r = *c.roads;
    const RoadSourceConfig defaults;
    ordered j = ordered::object();
    keep_about(j, section(c.document, "roads"));
    j["format"] = name_of(r.format);
    std::vector<std::string> paths;
    for (const auto& p : r.paths) paths.push_back(c.as_written(p));
    if (paths.size() == 1)
        j["path"] = paths.front();
    else
        j["path"] = paths;
    put(j, "layer", r.layer);
    put(j, "sql", r.sql);
    put(j, "where", r.where);
    put(j, "source_crs", r.source_crs);
    if (!r.fields.empty()) j["fields"] = r.fields;
    if (r.direction != defaults.direction) j["direction"] = name_of(r.direction);
    if (!r.direction_values.empty()) j["direction_values"] = r.direction_values;
    if (!r.importer_default_speeds_kmh.empty())
        j["importer_default_speeds_kmh"] = r.importer_default_speeds_kmh;
    if (!r.class_rules.empty()) {
        ordered rules = ordered::array();
        for (const auto& rule : r.class_rules)
            rules.push_back({{"when", rule.when}, {"class", rule.road_class}});
        j["class_rules"] = rules;
    }
    if (r.speed_field_kind != defaults.speed_field_kind)
        j["speed_field_kind"] = name_of(r.speed_field_kind);
    if (r.default_speed_kmh != defaults.default_speed_kmh)
        j["default_speed_kmh"] = r.default_speed_kmh;
    if (r.snap_max_distance_m != defaults.snap_max_distance_m)
        j["snap_max_distance_m"] = r.snap_max_distance_m;
    j["off_road"] = name_of(r.off_road_out_of_reach ? OffRoadPolicy::out_of_reach
                                                    : OffRoadPolicy::count_with_time);
    if (r.merge_chains != defaults.merge_chains) j["merge_chains"] = r.merge_chains;
    if (r.profile_path != beside_config_or_shipped(config_path, kDefaultRoadProfile))
        j["profile"] = beside(r.profile_path, fs::path(config_path).parent_path());
    return j;
}

// Head of the file: name, where the data is, which départements, which CRS, the type table.
void header_json(ordered& j, const TerritoryConfig& c, const std::string& config_path,
                 const fs::path& config_dir) {
    keep_about(j, c.document);
    j["name"] = c.name;
    j["data_root"] = beside(c.data_root, config_dir);
    put(j, "departements", c.departements);
    j["crs"] = c.crs_auto ? std::string("auto") : "EPSG:" + std::to_string(c.epsg);
    if (c.structure_margin_km != TerritoryConfig{}.structure_margin_km)
        j["structure_margin_km"] = c.structure_margin_km;
    if (c.structure_types_path != beside_config_or_shipped(config_path, kDefaultStructureTypes))
        j["structure_types"] = beside(c.structure_types_path, config_dir);
    put(j, "cache_dir", c.cache_dir);
    if (!c.source_vintages.empty() || section(c.document, "sources").contains("about")) {
        ordered sources = ordered::object();
        keep_about(sources, section(c.document, "sources"));
        for (const auto& [role, vintage] : c.source_vintages) sources[role] = vintage;
        j["sources"] = sources;
    }
}

}  // namespace

ordered territory_config_json(const TerritoryConfig& c, const std::string& config_path) {
    fs::path config_dir = fs::path(config_path).parent_path();
    if (config_dir.empty()) config_dir = ".";
    ordered j = ordered::object();
    header_json(j, c, config_path, config_dir);
    j["communes"] = communes_json(c);
    if (c.crosswalk) {
        ordered x = ordered::object();
        keep_about(x, section(c.document, "crosswalk"));
        x["path"] = c.as_written(c.crosswalk->path);
        put(x, "from_field", c.crosswalk->from_field);
        put(x, "to_field", c.crosswalk->to_field);
        j["crosswalk"] = x;
    }
    if (c.population) {
        ordered p = ordered::object();
        keep_about(p, section(c.document, "population"));
        p["format"] = name_of(c.population->format);
        put(p, "path", c.as_written(c.population->path));
        put(p, "code_field", c.population->code_field);
        put(p, "population_field", c.population->population_field);
        j["population"] = p;
    }
    ordered structures = ordered::array();
    for (std::size_t i = 0; i < c.structures.size(); ++i)
        structures.push_back(
            structure_json(c, c.structures[i], item(section(c.document, "structures"), i)));
    j["structures"] = structures;
    if (!c.territories.empty()) {
        ordered groupings = ordered::array();
        for (std::size_t i = 0; i < c.territories.size(); ++i) {
            const auto& g = c.territories[i];
            ordered t = ordered::object();
            keep_about(t, item(section(c.document, "territories"), i));
            t["name"] = g.name;
            t["label"] = g.label;
            t["format"] = name_of(g.format);
            t["path"] = c.as_written(g.path);
            put(t, "commune_field", g.commune_field);
            put(t, "territory_field", g.territory_field);
            groupings.push_back(std::move(t));
        }
        j["territories"] = groupings;
    }
    if (c.crow_fly != model::CrowFlyModel{} || section(c.document, "crow_fly").contains("about")) {
        ordered crow_fly = ordered::object();
        keep_about(crow_fly, section(c.document, "crow_fly"));
        crow_fly["detour_factor"] = c.crow_fly.detour_factor;
        crow_fly["speed_kmh"] = c.crow_fly.speed_kmh;
        j["crow_fly"] = crow_fly;
    }
    if (c.roads) j["roads"] = roads_json(c, config_path);
    if (!c.web_map.basemap.empty()) {
        ordered w = ordered::object();
        keep_about(w, section(c.document, "web_map"));
        w["basemap"] = c.web_map.basemap;
        put(w, "basemap_attribution", c.web_map.basemap_attribution);
        j["web_map"] = w;
    }
    if (c.document.is_object() && c.document.contains("analysis"))
        j["analysis"] = ordered::parse(c.document["analysis"].dump());
    return j;
}

}  // namespace palliacarte::config
