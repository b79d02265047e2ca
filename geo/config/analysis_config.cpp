#include "config/analysis_config.hpp"

#include <algorithm>

#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "model/structure_type.hpp"

namespace palliacarte {

using nlohmann::json;

namespace {

double number(const json& j, const char* key, double fallback, const std::string& where) {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_number()) throw ConfigError(where + "." + key + " must be a number");
    return j[key].get<double>();
}

std::vector<std::string> strings(const json& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    if (!j.contains(key) || j[key].is_null()) return out;
    if (!j[key].is_array()) throw ConfigError(where + "." + key + " must be a list");
    for (const auto& v : j[key]) {
        if (!v.is_string()) throw ConfigError(where + "." + key + " must list strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

std::string text(const json& j, const char* key, const std::string& fallback,
                 const std::string& where) {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_string()) throw ConfigError(where + "." + key + " must be a string");
    return j[key].get<std::string>();
}

void check_share(double v, const std::string& name) {
    if (!(v >= 0 && v <= 1)) throw ConfigError(name + " must be between 0 and 1");
}

}  // namespace

AnalysisConfig parse_analysis_config(const TerritoryConfig& config) {
    AnalysisConfig a;
    if (!config.document.contains("analysis")) return a;
    const json& j = config.document["analysis"];
    if (!j.is_object()) throw ConfigError("'analysis' must be an object");

    if (j.contains("catchment_thresholds_min")) {
        const auto& t = j["catchment_thresholds_min"];
        if (!t.is_array() || t.empty())
            throw ConfigError("analysis.catchment_thresholds_min must be a non-empty list");
        a.catchment_thresholds_min.clear();
        for (const auto& v : t) {
            if (!v.is_number() || v.get<double>() <= 0)
                throw ConfigError("analysis.catchment_thresholds_min must list positive minutes");
            a.catchment_thresholds_min.push_back(v.get<double>());
        }
        std::sort(a.catchment_thresholds_min.begin(), a.catchment_thresholds_min.end());
        a.catchment_thresholds_min.erase(
            std::unique(a.catchment_thresholds_min.begin(), a.catchment_thresholds_min.end()),
            a.catchment_thresholds_min.end());
    }
    if (j.contains("threshold_min")) {
        if (!j["threshold_min"].is_object())
            throw ConfigError("analysis.threshold_min must map type codes to minutes");
        for (const auto& [type, v] : j["threshold_min"].items()) {
            if (!v.is_number() || v.get<double>() <= 0)
                throw ConfigError("analysis.threshold_min." + type + " must be positive minutes");
            a.threshold_min[type] = v.get<double>();
        }
    }
    a.types = strings(j, "types", "analysis");

    if (j.contains("population_grid") && !j["population_grid"].is_null()) {
        const json& g = j["population_grid"];
        const std::string w = "analysis.population_grid";
        PopulationGridConfig p;
        p.path = text(g, "path", "", w);
        if (p.path.empty()) throw ConfigError(w + ": 'path' is required");
        p.path = config.resolve(p.path);
        p.crs = text(g, "crs", p.crs, w);
        p.cell_size_m = number(g, "cell_size_m", p.cell_size_m, w);
        if (p.cell_size_m <= 0) throw ConfigError(w + ".cell_size_m must be positive");
        p.x_field = text(g, "x_field", p.x_field, w);
        p.y_field = text(g, "y_field", p.y_field, w);
        p.value_field = text(g, "value_field", p.value_field, w);
        p.id_field = text(g, "id_field", p.id_field, w);
        if (g.contains("elderly_field")) {
            const json& e = g["elderly_field"];
            if (e.is_string()) {
                p.elderly_fields = e.get<std::string>().empty()
                                       ? std::vector<std::string>{}
                                       : std::vector<std::string>{e.get<std::string>()};
            } else if (e.is_array() && std::all_of(e.begin(), e.end(),
                                                   [](const json& x) { return x.is_string(); })) {
                p.elderly_fields = e.get<std::vector<std::string>>();
            } else {
                throw ConfigError(w + ".elderly_field must be a column name or a list of them");
            }
        }
        a.population_grid = p;
    }
    if (j.contains("coverage")) {
        const json& c = j["coverage"];
        a.coverage.covered_min_share =
            number(c, "covered_min_share", a.coverage.covered_min_share, "analysis.coverage");
        a.coverage.white_zone_max_share =
            number(c, "white_zone_max_share", a.coverage.white_zone_max_share, "analysis.coverage");
        a.coverage.declared_area_covers =
            c.value("declared_area_covers", a.coverage.declared_area_covers);
        check_share(a.coverage.covered_min_share, "analysis.coverage.covered_min_share");
        check_share(a.coverage.white_zone_max_share, "analysis.coverage.white_zone_max_share");
        if (a.coverage.white_zone_max_share > a.coverage.covered_min_share)
            throw ConfigError("analysis.coverage: white_zone_max_share > covered_min_share");
    }
    if (j.contains("two_step_fca")) {
        const json& f = j["two_step_fca"];
        a.fca.full_weight_share =
            number(f, "full_weight_share", a.fca.full_weight_share, "analysis.two_step_fca");
        a.fca.edge_weight = number(f, "edge_weight", a.fca.edge_weight, "analysis.two_step_fca");
        check_share(a.fca.full_weight_share, "analysis.two_step_fca.full_weight_share");
        check_share(a.fca.edge_weight, "analysis.two_step_fca.edge_weight");
    }
    if (j.contains("where_next")) {
        const json& s = j["where_next"];
        const std::string w = "analysis.where_next";
        a.siting.types = strings(s, "types", w);
        const double k = number(s, "k", static_cast<double>(a.siting.k), w);
        if (k < 1 || k > 1000) throw ConfigError(w + ".k must be between 1 and 1000");
        a.siting.k = static_cast<std::size_t>(k);
        a.siting.candidate_types = strings(s, "candidate_types", w);
        a.siting.grid_step_m = number(s, "grid_step_m", 0, w);
        if (a.siting.grid_step_m < 0) throw ConfigError(w + ".grid_step_m must be >= 0");
    }
    if (j.contains("white_zone_combinations")) {
        const auto& c = j["white_zone_combinations"];
        if (!c.is_array()) throw ConfigError("analysis.white_zone_combinations must be a list");
        for (const auto& set : c) {
            std::vector<std::string> types;
            if (!set.is_array())
                throw ConfigError("analysis.white_zone_combinations: lists of types");
            for (const auto& t : set) {
                if (!t.is_string())
                    throw ConfigError("analysis.white_zone_combinations: type codes");
                types.push_back(t.get<std::string>());
            }
            a.white_zone_combinations.push_back(types);
        }
    }
    if (j.contains("road_buffer_m")) {
        a.catchment_shape.road_buffer_m = number(j, "road_buffer_m", 150, "analysis");
        if (a.catchment_shape.road_buffer_m <= 0)
            throw ConfigError("analysis.road_buffer_m must be positive");
    }
    return a;
}

void check_analysis_types(const AnalysisConfig& config, const StructureTypeTable& types) {
    auto check = [&](const std::string& code, const std::string& key) {
        if (!types.find(code))
            throw ConfigError("analysis." + key + ": unknown structure type '" + code + "'");
    };
    for (const auto& c : config.types) check(c, "types");
    for (const auto& [c, m] : config.threshold_min) check(c, "threshold_min");
    for (const auto& c : config.siting.types) check(c, "where_next.types");
    for (const auto& c : config.siting.candidate_types) check(c, "where_next.candidate_types");
    for (const auto& set : config.white_zone_combinations)
        for (const auto& c : set) check(c, "white_zone_combinations");
}

}  // namespace palliacarte
