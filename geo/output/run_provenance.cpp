#include "output/run_provenance.hpp"

#include <filesystem>

#include "analysis/coverage_analysis.hpp"
#include "config/territory_config.hpp"
#include "core/french_format.hpp"
#include "core/utc_time.hpp"
#include "model/territory.hpp"
#include "output/source_vintage.hpp"
#include "roads/car_profile.hpp"

namespace palliacarte::output {

namespace {

// The config's `sources.<role>` first, then what the file says.
void set_vintage(SourceProvenance& s, const config::TerritoryConfig& config,
                 const std::string& detected, const std::string& detected_from) {
    if (auto it = config.source_vintages.find(s.role); it != config.source_vintages.end()) {
        s.vintage = it->second;
        s.vintage_from = "config (sources." + s.role + ")";
    } else if (!detected.empty()) {
        s.vintage = detected;
        s.vintage_from = detected_from;
    }
}

}  // namespace

const char* palliacarte_version() {
    return PALLIACARTE_VERSION;
}

RunProvenance make_run_provenance(const config::TerritoryConfig& c, const model::Territory& t,
                                  const analysis::CoverageAnalysis& a,
                                  const std::string& run_date) {
    RunProvenance p;
    p.territory = c.name;
    p.config_file = std::filesystem::path(c.config_path).filename().string();
    p.run_date = run_date.empty() ? core::utc_now() : run_date;
    p.version = palliacarte_version();

    SourceProvenance communes{
        "communes", "Contours des communes", c.as_written(c.communes.path), "OGR", "", ""};
    set_vintage(communes, c, "", "");
    p.sources.push_back(communes);
    if (c.population) {
        SourceProvenance pop{
            "population",
            "Population des communes",
            c.as_written(c.population->format == config::PopulationFormat::boundary_field
                             ? c.communes.path
                             : c.population->path),
            std::string(config::name_of(c.population->format)),
            "",
            ""};
        set_vintage(pop, c, "", "");
        p.sources.push_back(pop);
    }
    for (const auto& s : c.structures) {
        SourceProvenance st{"structures",
                            "Structures",
                            c.as_written(s.path),
                            std::string(config::name_of(s.format)),
                            "",
                            ""};
        const std::string date = s.format == config::StructureFormat::finess_etalab
                                     ? finess_etalab_extraction_date(s.path)
                                     : "";
        set_vintage(st, c, date.empty() ? "" : "extraction FINESS du " + date,
                    "en-tête du fichier FINESS");
        p.sources.push_back(st);
    }
    if (a.population().method == "grid") {
        const std::string path = c.as_written(a.population().source);
        SourceProvenance grid{"population_grid", "Population carroyée", path, "csv", "", ""};
        set_vintage(grid, c, "", "");
        p.sources.push_back(grid);
    }
    if (c.roads && a.method == analysis::TimeModel::road) {
        // One line per file: neighbouring extracts may be of different days.
        for (const auto& path : c.roads->paths) {
            SourceProvenance roads{"roads",
                                   "Réseau routier",
                                   c.as_written(path),
                                   std::string(config::name_of(c.roads->format)),
                                   "",
                                   ""};
            const std::string stamp =
                c.roads->format == config::RoadFormat::osm ? osm_extract_timestamp(path) : "";
            set_vintage(roads, c, stamp.empty() ? "" : "OpenStreetMap, extrait du " + stamp,
                        "en-tête de l'extrait OSM");
            p.sources.push_back(roads);
        }
    } else {
        p.sources.push_back({"roads", "Réseau routier", "", "", "aucun : temps à vol d'oiseau",
                             "pas de section `roads`"});
    }
    for (const auto& g : c.territories) {
        SourceProvenance ts{"territories",
                            "Regroupement « " + g.label + " »",
                            c.as_written(g.path),
                            std::string(config::name_of(g.format)),
                            "",
                            ""};
        set_vintage(ts, c, "", "");
        p.sources.push_back(ts);
    }

    p.area_only = a.area_only;
    p.time_model = a.method;
    p.time_model_label = a.method_label;
    if (a.method == analysis::TimeModel::road) {
        const roads::CarProfile& profile = *t.car_profile;
        p.time_parameters = {
            {"profile", std::filesystem::path(c.roads->profile_path).filename().string()},
            {"maxspeed_realism_factor", profile.maxspeed_factor()},
            {"off_network_kmh", profile.off_network_kmh()},
            {"snap_max_distance_m", c.roads->snap_max_distance_m},
            {"off_road", c.roads->off_road_out_of_reach ? "out-of-reach" : "count-with-time"},
            {"default_speed_kmh", c.roads->default_speed_kmh}};
    } else {
        p.time_parameters = {{"detour_factor", c.crow_fly.detour_factor},
                             {"speed_kmh", c.crow_fly.speed_kmh}};
    }
    for (const auto& tc : a.types) p.thresholds_min.emplace_back(tc.type, tc.threshold_min);
    return p;
}

nlohmann::ordered_json RunProvenance::to_json() const {
    nlohmann::ordered_json j;
    j["generator"] = "palliacarte " + version;
    j["territory"] = territory;
    j["config"] = config_file;
    j["run_date"] = run_date;
    j["sources"] = nlohmann::ordered_json::array();
    for (const auto& s : sources)
        j["sources"].push_back({{"role", s.role},
                                {"label", s.label},
                                {"path", s.path},
                                {"format", s.format},
                                {"vintage", s.vintage.empty() ? kUnknownVintage : s.vintage},
                                {"vintage_from", s.vintage_from}});
    j["time_model"] = {{"method", to_string(time_model)},
                       {"label", time_model_label},
                       {"parameters", time_parameters}};
    j["thresholds_min"] = nlohmann::ordered_json::object();
    for (const auto& [type, m] : thresholds_min) j["thresholds_min"][type] = m;
    if (area_only) j["area_only"] = true;
    j["attribution"] = attribution();
    return j;
}

std::string RunProvenance::markdown() const {
    std::string r = "## Sources et paramètres de ce calcul\n\n";
    r += "| Source | Fichier | Format | Millésime |\n|---|---|---|---|\n";
    for (const auto& s : sources)
        r += "| " + s.label + " | " + (s.path.empty() ? "—" : "`" + s.path + "`") + " | " +
             (s.format.empty() ? "—" : s.format) + " | " +
             (s.vintage.empty() ? std::string(kUnknownVintage) : s.vintage) + " |\n";
    r += "\n- Configuration : `" + config_file + "` ; calcul du " + run_date + " par palliacarte " +
         version + ".\n";
    r += "- Modèle de temps : " + time_model_label + " — paramètres :";
    if (time_model == analysis::TimeModel::road) {
        r += " profil `" + time_parameters["profile"].get<std::string>() +
             "`, vitesses limites × " +
             core::decimal_fr(time_parameters["maxspeed_realism_factor"].get<double>(), 2) +
             ", trajet hors réseau à " +
             core::decimal_fr(time_parameters["off_network_kmh"].get<double>(), 0) +
             " km/h, accroche à une route jusqu'à " +
             core::decimal_fr(time_parameters["snap_max_distance_m"].get<double>(), 0) +
             " m (au-delà : " +
             (time_parameters["off_road"] == "out-of-reach" ? "hors d'atteinte"
                                                            : "trajet jusqu'à la route") +
             ").\n";
    } else {
        r += " distance à vol d'oiseau × " +
             core::decimal_fr(time_parameters["detour_factor"].get<double>(), 2) + " à " +
             core::decimal_fr(time_parameters["speed_kmh"].get<double>(), 0) + " km/h.\n";
    }
    r += "- Seuils :";
    for (std::size_t i = 0; i < thresholds_min.size(); ++i)
        r += std::string(i ? "," : "") + " " + thresholds_min[i].first + " " +
             core::decimal_fr(thresholds_min[i].second, 0) + " min";
    r += ".\n- " + attribution() + "\n";
    return r;
}

std::string RunProvenance::sources_line() const {
    std::string r = "Sources :";
    bool first = true;
    for (const auto& s : sources) {
        r += std::string(first ? " " : " ; ") + s.label + " " +
             (s.vintage.empty() ? "(millésime non renseigné)" : "(" + s.vintage + ")");
        first = false;
    }
    return r + ". Calcul du " + run_date.substr(0, 10) + ", palliacarte " + version + ".";
}

std::string RunProvenance::attribution() const {
    std::string r = "Données : IGN ADMIN EXPRESS, INSEE, FINESS (Licence Ouverte 2.0)";
    bool osm = false;
    for (const auto& s : sources)
        if (s.role == "roads" && !s.path.empty() &&
            (s.format == "osm" || s.vintage.find("OpenStreetMap") != std::string::npos))
            osm = true;
    if (osm) r += " ; réseau routier © les contributeurs d'OpenStreetMap (ODbL)";
    return r + ".";
}

cartography::PageCredits RunProvenance::page_credits() const {
    return {territory, run_date, version, sources_line() + " " + attribution()};
}

}  // namespace palliacarte::output
