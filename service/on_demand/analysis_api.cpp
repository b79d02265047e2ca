#include "on_demand/analysis_api.hpp"

#include <chrono>
#include <cmath>

#include "analysis/scenario.hpp"
#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "geos/geos_context.hpp"
#include "http/request_params.hpp"
#include "output/coverage_layers.hpp"
#include "output/geojson_text.hpp"

namespace palliacarte::on_demand {

using http::HttpRequest;
using http::HttpResponse;
using http::ProblemError;
using nlohmann::json;

namespace {

ProblemError bad(const std::string& param, const std::string& why) {
    return http::bad_parameter(param, why);
}

double rounded(double v, double unit = 0.01) {
    // Divide by the inverse: 99.99 stays 99.99 (multiplying by 0.01 would print 99.99000000000001).
    return std::isfinite(v) ? std::round(v / unit) / std::round(1 / unit) : 0;
}

json nullable(double v) {
    return std::isfinite(v) ? json(rounded(v)) : json();
}

// A position the parsers checked (checked_lonlat) → the territory CRS, refusing points far
// from the territory.
model::Point from_lonlat(const ServedAnalysis& d, const LonLat& position, const std::string& what) {
    const crs::CrsTransform& t =
        crs::CrsTransform::for_this_thread("OGC:CRS84", crs::epsg_string(d.config.epsg));
    model::Point p{position.lon, position.lat};
    if (!t.transform(p.x, p.y)) throw bad(what, "la position ne peut pas être projetée");
    const model::MultiPolygon* outline = d.analysis.outline.in(d.config.epsg);
    if (!outline) return p;
    model::Box b;
    boost::geometry::envelope(*outline, b);
    constexpr double kMargin = 50000;  // 50 km around the territory
    if (p.x < b.min_corner().x - kMargin || p.x > b.max_corner().x + kMargin ||
        p.y < b.min_corner().y - kMargin || p.y > b.max_corner().y + kMargin)
        throw bad(what, "la position est à plus de 50 km hors du territoire " + d.config.name);
    return p;
}

HttpResponse json_answer(const json& doc, const std::string& type = "application/json") {
    HttpResponse r;
    r.content_type = type;
    r.body = doc.dump();
    return r;
}

}  // namespace

HttpResponse commune(const ServedAnalysis& d, const std::string& insee) {
    std::size_t c = d.territory.communes.size();
    for (std::size_t i = 0; i < d.territory.communes.size(); ++i)
        if (d.territory.communes[i].insee == insee) c = i;
    if (c == d.territory.communes.size())
        throw ProblemError(404, "Commune inconnue",
                           "pas de commune « " + insee + " » dans " + d.config.name +
                               " (voir /collections/communes/items)");
    const model::Commune& cm = d.territory.communes[c];
    json types = json::array();
    for (const auto& tc : d.analysis.types) {
        const analysis::CommuneCoverage& cc = tc.communes[c];
        types.push_back({{"type", tc.type},
                         {"label", tc.label},
                         {"threshold_min", tc.threshold_min},
                         {"status", to_string(cc.status)},
                         {"status_label", output::status_label_fr(cc.status)},
                         {"covered", cc.status == analysis::CoverageStatus::covered},
                         {"method", cc.method},
                         {"mean_minutes", nullable(cc.mean_minutes)},
                         {"max_minutes", nullable(cc.max_minutes)},
                         {"nearest_structure", cc.nearest_structure},
                         {"nearest_structure_name", cc.nearest_structure_name},
                         {"population_within", std::llround(cc.population_within)},
                         {"share_population_within_pct", rounded(cc.share_population_within * 100)},
                         {"declared_by", cc.declared_by}});
    }
    const json doc = {{"insee", cm.insee},
                      {"name", cm.name},
                      {"departement", cm.departement},
                      {"population", cm.population ? json(*cm.population) : json()},
                      {"time_model", d.analysis.method_label},
                      {"types", types}};
    HttpResponse r = json_answer(doc);
    r.max_age = 60;
    return r;
}

namespace {

// Where a catchment starts and which way it is timed: the structure's or the point's.
struct CatchmentSource {
    model::Point position;
    int epsg = 2154;
    routing::SearchDirection direction = routing::SearchDirection::from_sources;
    json properties;  ///< what every polygon says of its source
};

CatchmentSource catchment_source(const ServedAnalysis& d, const CatchmentQuery& q) {
    CatchmentSource src;
    src.epsg = d.config.epsg;
    std::string type = q.type;
    if (q.structure) {
        const model::Structure* s = nullptr;
        for (const auto& st : d.territory.structures)
            if (st.id == *q.structure) s = &st;
        if (!s)
            throw ProblemError(
                404, "Structure inconnue",
                "pas de structure « " + *q.structure + " » (voir /collections/structures/items)");
        if (!s->position)
            throw bad("structure",
                      "« " + s->id + " » n'a pas de position (" + s->position_problem + ")");
        src.position = *s->position;
        src.epsg = s->epsg;
        type = s->type;
        src.properties = {{"structure", s->id}, {"name", s->name}};
    } else {
        src.position = from_lonlat(d, *q.point, "lon");
        src.properties = {{"lon", q.point->lon}, {"lat", q.point->lat}};
    }
    if (!type.empty()) {
        const model::StructureType* st = d.territory.types.find(type);
        if (!st) throw bad("type", "type de structure inconnu « " + type + " »");
        if (st->direction == model::TravelDirection::patient_travels)
            src.direction = routing::SearchDirection::to_sources;
    }
    return src;
}

// One polygon per threshold, clipped to the territory (as the served catchments are).
std::vector<model::MultiPolygon> run_catchment(const ServedAnalysis& d, const CatchmentSource& src,
                                               const std::vector<double>& minutes) {
    const analysis::TravelTimeModel& model = *d.analysis.model;
    const analysis::Place place = model.place(src.position, src.epsg);
    if (!place.usable)
        throw bad("lon", "la position est plus loin de toute route que la distance d'accroche");
    std::vector<double> limits_s;
    for (const double m : minutes) limits_s.push_back(m * 60);
    return model.catchments({place}, src.direction, limits_s, d.analysis_config.catchment_shape,
                            &d.analysis.outline)[0];
}

// A GeoJSON FeatureCollection in longitude/latitude, a feature per threshold.
HttpResponse encode_catchment(const ServedAnalysis& d, const CatchmentSource& src,
                              const std::vector<double>& minutes,
                              std::vector<model::MultiPolygon> polys) {
    const crs::CrsTransform& to_degrees =
        crs::CrsTransform::for_this_thread(crs::epsg_string(src.epsg), "OGC:CRS84");
    std::string body = R"({"type":"FeatureCollection","features":[)";
    for (std::size_t k = 0; k < polys.size(); ++k) {
        model::MultiPolygon& mp = polys[k];
        const double area_km2 = boost::geometry::area(mp) / 1e6;
        to_degrees.transform(mp);
        if (k) body += ",";
        json props = src.properties;
        props["minutes"] = minutes[k];
        props["area_km2"] = rounded(area_km2);
        props["direction"] = src.direction == routing::SearchDirection::from_sources
                                 ? "depuis le point"
                                 : "vers le point";
        props["time_model"] = d.analysis.method_label;
        body += R"({"type":"Feature","id":)" + std::to_string(k + 1) + R"(,"geometry":)";
        output::append_geojson_geometry(body, mp, 6, false);
        body += R"(,"properties":)" + props.dump() + "}";
    }
    body += "]}";
    HttpResponse out;
    out.content_type = "application/geo+json";
    out.body = std::move(body);
    out.max_age = 60;
    return out;
}

}  // namespace

HttpResponse catchment(const ServedAnalysis& d, const HttpRequest& r) {
    const CatchmentQuery q =
        parse_catchment_query(r.query, d.analysis_config.catchment_thresholds_min);
    const CatchmentSource src = catchment_source(d, q);
    return encode_catchment(d, src, q.minutes, run_catchment(d, src, q.minutes));
}

namespace {

// The request's structures in the territory: added ones of an analysed type, at their position.
analysis::Scenario scenario_of(const ServedAnalysis& d, const ScenarioRequest& request) {
    analysis::Scenario s;
    for (const auto& a : request.added) {
        const analysis::TypeCoverage* tc =
            analysis::find_analysed_type(d.analysis, d.territory.types, a.type);
        if (!tc)
            throw ProblemError(
                400, "Type non analysé",
                a.where + " : le type « " + a.type + " » n'est pas analysé pour " + d.config.name);
        s.added.push_back({tc->type, from_lonlat(d, a.position, a.where), d.config.epsg});
    }
    s.removed = request.removed;
    return s;
}

json encode_scenario_type(const analysis::ScenarioTypeResult& t,
                          const std::map<std::string, std::string>& names) {
    auto communes = [&](const std::vector<std::string>& codes) {
        json list = json::array();
        for (const auto& c : codes) {
            const auto it = names.find(c);
            list.push_back({{"insee", c}, {"name", it == names.end() ? "" : it->second}});
        }
        return list;
    };
    const double pct = t.population > 0 ? 100 / t.population : 0;
    return {{"type", t.type},
            {"threshold_min", t.threshold_min},
            {"structures", {{"before", t.structures_before}, {"after", t.structures_after}}},
            {"population", std::llround(t.population)},
            {"population_within",
             {{"before", std::llround(t.population_within_before)},
              {"after", std::llround(t.population_within_after)}}},
            {"share_within_pct",
             {{"before", rounded(t.population_within_before * pct)},
              {"after", rounded(t.population_within_after * pct)}}},
            {"white_zone_communes",
             {{"before", t.white_zone_communes_before}, {"after", t.white_zone_communes_after}}},
            {"white_zone_inhabitants",
             {{"before", std::llround(t.white_zone_inhabitants_before)},
              {"after", std::llround(t.white_zone_inhabitants_after)}}},
            {"leaving_white_zone", communes(t.leaving_white_zone)},
            {"entering_white_zone", communes(t.entering_white_zone)}};
}

}  // namespace

HttpResponse scenario(const ServedAnalysis& d, const HttpRequest& r) {
    const analysis::Scenario s =
        scenario_of(d, parse_scenario_request(r.body, r.header("content-type")));
    const auto start = std::chrono::steady_clock::now();
    std::vector<analysis::ScenarioTypeResult> results;
    try {
        results = analysis::run_scenario(d.territory, d.analysis, s);
    } catch (const core::ConfigError& e) {
        throw ProblemError(400, "Scénario invalide", e.what());
    }
    std::map<std::string, std::string> names;
    for (const auto& c : d.territory.communes) names[c.insee] = c.name;
    json types = json::array();
    for (const auto& t : results) types.push_back(encode_scenario_type(t, names));
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return json_answer({{"territory", d.config.name},
                        {"time_model", d.analysis.method_label},
                        {"types", types},
                        {"computed_ms", rounded(ms, 0.1)}});
}

namespace {

json query_param(const std::string& name, const std::string& type, const std::string& text) {
    return json{{"name", name},
                {"in", "query"},
                {"required", false},
                {"schema", {{"type", type}}},
                {"description", text}};
}

json responses(const std::string& ok) {
    json r;
    r["200"] = {{"description", ok}};
    r["400"] = {{"description", "Paramètre invalide (application/problem+json)"}};
    r["404"] = {{"description", "Inconnu (application/problem+json)"}};
    return r;
}

// {path: {method: operation}}, the shape every OpenAPI path item has.
json path_item(const std::string& path, const std::string& method, const std::string& summary,
               const std::string& id, json parameters, json ok_and_errors) {
    json operation = {{"summary", summary}, {"operationId", id}, {"responses", ok_and_errors}};
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    json paths;
    paths[path][method] = std::move(operation);
    return paths;
}

}  // namespace

json openapi_commune_paths() {
    return path_item("/analysis/communes/{insee}", "get",
                     "Couverture d'une commune (temps, statut, structure la plus proche)",
                     "getCommuneCoverage",
                     json::array({{{"name", "insee"},
                                   {"in", "path"},
                                   {"required", true},
                                   {"schema", {{"type", "string"}}}}}),
                     responses("Couverture de la commune par type"));
}

json openapi_catchment_paths() {
    return path_item(
        "/analysis/catchment", "get",
        "Zone accessible d'une structure ou d'un point, un polygone par seuil", "getCatchment",
        json::array(
            {query_param("structure", "string", "Identifiant de structure (ou lon/lat)"),
             query_param("lon", "number", "Longitude WGS84"),
             query_param("lat", "number", "Latitude WGS84"),
             query_param("minutes", "string",
                         "Seuils en minutes séparés par des virgules (au plus 6, ≤ 180)"),
             query_param("type", "string", "Type de structure (sens du trajet) pour un point")}),
        responses("Un polygone par seuil (GeoJSON, CRS84)"));
}

json openapi_scenario_paths() {
    json errors = responses("Zones blanches avant / après, par type");
    errors["413"] = {{"description", "Scénario trop grand"}};
    json paths = path_item("/analysis/scenario", "post",
                           "Scénario : structures ajoutées / retirées → zones blanches avant/après",
                           "postScenario", json::array(), errors);
    json example;
    example["added"] = json::array({{{"type", "HAD"}, {"lon", 9.15}, {"lat", 42.3}}});
    example["removed"] = json::array();
    json& body = paths["/analysis/scenario"]["post"]["requestBody"];
    body["required"] = true;
    body["content"]["application/json"]["example"] = example;
    return paths;
}

}  // namespace palliacarte::on_demand
