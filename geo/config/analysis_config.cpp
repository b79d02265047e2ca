#include "config/analysis_config.hpp"

#include <algorithm>

#include "config/closest_key.hpp"
#include "config/config_fields.hpp"
#include "config/json_schema.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "model/structure_type.hpp"

namespace palliacarte::config {

using nlohmann::json;

namespace {

double share(const json& j, const std::string& key, double fallback, const std::string& where) {
    return field_number_in(j, key, fallback, 0, 1, where);
}

// The thresholds catchments are drawn for: sorted, distinct, in (0, 600] minutes.
std::vector<double> parse_thresholds(const json& j, const std::string& w) {
    std::vector<double> out;
    const auto& t = j["catchment_thresholds_min"];
    if (!t.is_array() || t.empty())
        config_fail(w, "catchment_thresholds_min", "attendu une liste non vide de minutes");
    for (const auto& v : t) {
        if (!v.is_number() || v.get<double>() <= 0 || v.get<double>() > 600)
            config_fail(w, "catchment_thresholds_min",
                        "chaque seuil doit être un nombre de minutes > 0 et ≤ 600, trouvé " +
                            describe_json_value(v));
        out.push_back(v.get<double>());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

PopulationGridConfig parse_population_grid(const json& j, const std::string& w,
                                           const TerritoryConfig& config) {
    const json& g = j["population_grid"];
    const std::string gw = w + ".population_grid";
    PopulationGridConfig p;
    p.path = field_text(g, "path", "", gw);
    if (p.path.empty()) config_fail(gw, "path", "chemin obligatoire");
    p.path = config.resolve(p.path);
    p.crs = field_text(g, "crs", p.crs, gw);
    p.cell_size_m = field_number_in(g, "cell_size_m", p.cell_size_m, 1, 100000, gw);
    p.x_field = field_text(g, "x_field", p.x_field, gw);
    p.y_field = field_text(g, "y_field", p.y_field, gw);
    p.value_field = field_text(g, "value_field", p.value_field, gw);
    p.id_field = field_text(g, "id_field", p.id_field, gw);
    if (g.contains("elderly_field")) {
        const json& e = g["elderly_field"];
        if (e.is_string())
            p.elderly_fields = e.get<std::string>().empty()
                                   ? std::vector<std::string>{}
                                   : std::vector<std::string>{e.get<std::string>()};
        else
            p.elderly_fields = field_texts(g, "elderly_field", gw);
    }
    return p;
}

SitingConfig parse_where_next(const json& j, const std::string& w) {
    SitingConfig siting;
    const json& s = j["where_next"];
    const std::string sw = w + ".where_next";
    siting.types = field_texts(s, "types", sw);
    const double k = field_number_in(s, "k", static_cast<double>(siting.k), 1, 1000, sw);
    if (k != static_cast<double>(static_cast<std::size_t>(k)))
        config_fail(sw, "k", "attendu un nombre entier de sites, trouvé " + s["k"].dump());
    siting.k = static_cast<std::size_t>(k);
    siting.candidate_types = field_texts(s, "candidate_types", sw);
    siting.grid_step_m = field_number_in(s, "grid_step_m", 0, 0, 1e6, sw);
    return siting;
}

std::vector<std::vector<std::string>> parse_combinations(const json& j, const std::string& w) {
    std::vector<std::vector<std::string>> out;
    const auto& c = j["white_zone_combinations"];
    if (!c.is_array())
        config_fail(w, "white_zone_combinations", "attendu une liste de listes de types");
    for (const auto& set : c) {
        if (!set.is_array() ||
            !std::all_of(set.begin(), set.end(), [](const json& t) { return t.is_string(); }))
            config_fail(w, "white_zone_combinations",
                        "chaque élément doit être une liste de codes de type, trouvé " +
                            describe_json_value(set));
        out.push_back(set.get<std::vector<std::string>>());
    }
    return out;
}

AnalysisConfig parse_section(const json& j, const TerritoryConfig& config) {
    AnalysisConfig a;
    if (!j.is_object()) config_fail("", "analysis", "attendu un objet { … }");
    const std::string w = "analysis";

    if (j.contains("catchment_thresholds_min")) a.catchment_thresholds_min = parse_thresholds(j, w);
    if (j.contains("threshold_min")) {
        if (!j["threshold_min"].is_object())
            config_fail(w, "threshold_min", "attendu un objet {\"HAD\": 30, …}");
        for (const auto& [type, v] : j["threshold_min"].items())
            a.threshold_min[type] =
                field_number_in(j["threshold_min"], type, 0, 0.1, 600, w + ".threshold_min");
    }
    a.types = field_texts(j, "types", w);
    a.area_only = field_bool(j, "area_only", false, w);

    if (j.contains("population_grid") && !j["population_grid"].is_null())
        a.population_grid = parse_population_grid(j, w, config);
    if (j.contains("coverage")) {
        const json& c = j["coverage"];
        const std::string cw = w + ".coverage";
        a.coverage.covered_min_share =
            share(c, "covered_min_share", a.coverage.covered_min_share, cw);
        a.coverage.white_zone_max_share =
            share(c, "white_zone_max_share", a.coverage.white_zone_max_share, cw);
        a.coverage.declared_area_covers =
            field_bool(c, "declared_area_covers", a.coverage.declared_area_covers, cw);
        if (a.coverage.white_zone_max_share > a.coverage.covered_min_share)
            config_fail(cw, "white_zone_max_share", "doit être ≤ covered_min_share");
    }
    if (j.contains("two_step_fca")) {
        const json& f = j["two_step_fca"];
        const std::string fw = w + ".two_step_fca";
        a.fca.full_weight_share = share(f, "full_weight_share", a.fca.full_weight_share, fw);
        a.fca.edge_weight = share(f, "edge_weight", a.fca.edge_weight, fw);
    }
    if (j.contains("where_next")) a.siting = parse_where_next(j, w);
    if (j.contains("white_zone_combinations")) a.white_zone_combinations = parse_combinations(j, w);
    a.catchment_shape.road_buffer_m =
        field_number_in(j, "road_buffer_m", a.catchment_shape.road_buffer_m, 1, 5000, w);
    const std::string shape = field_text(j, "catchment_shape", "surface", w);
    if (shape != "surface" && shape != "road-bands")
        config_fail(w, "catchment_shape",
                    "« surface » (zone où les points sont atteints, par défaut) ou « road-bands » "
                    "(bande le long des routes atteintes), trouvé « " +
                        shape + " »");
    a.catchment_shape.road_bands = shape == "road-bands";
    a.catchment_shape.surface_cell_m =
        field_number_in(j, "surface_cell_m", a.catchment_shape.surface_cell_m, 10, 1000, w);
    return a;
}

}  // namespace

AnalysisConfig parse_analysis_config(const TerritoryConfig& config) {
    if (!config.document.contains("analysis")) return AnalysisConfig{};
    try {
        return parse_section(config.document["analysis"], config);
    } catch (const core::ConfigError& e) {
        throw core::ConfigError(in_config_file(config.config_path, e.what()));
    }
}

void check_analysis_types(const AnalysisConfig& config, const model::StructureTypeTable& types,
                          const std::string& file) {
    std::vector<std::string> codes;
    for (const auto& t : types.types()) codes.push_back(t.code);
    auto check = [&](const std::string& code, const std::string& key) {
        if (types.find(code)) return;
        std::string message =
            "`analysis." + key + "` dans " + file + " : type de structure « " + code + " » inconnu";
        if (const auto near = closest_key(code, codes))
            message += " — vouliez-vous dire « " + *near + " » ?";
        else {
            message += " (types connus :";
            for (const auto& c : codes) message += " " + c;
            message += ")";
        }
        throw core::ConfigError(message);
    };
    for (const auto& c : config.types) check(c, "types");
    for (const auto& [c, m] : config.threshold_min) check(c, "threshold_min");
    for (const auto& c : config.siting.types) check(c, "where_next.types");
    for (const auto& c : config.siting.candidate_types) check(c, "where_next.candidate_types");
    for (const auto& set : config.white_zone_combinations)
        for (const auto& c : set) check(c, "white_zone_combinations");
}

}  // namespace palliacarte::config
