#include "serve/served_dataset.hpp"

#include <filesystem>
#include <iostream>

#include "core/connection_text.hpp"
#include "core/step_timing.hpp"
#include "load/analysis_inputs.hpp"
#include "load/ogr_layer_reader.hpp"
#include "model/structure_type.hpp"
#include "output/coverage_layers.hpp"
#include "output/run_provenance.hpp"

namespace palliacarte::serve {

namespace {

// French descriptions of the collections, shown by QGIS and the HTML pages.
std::string describe(const std::string& id, const analysis::CoverageAnalysis& a) {
    if (id == "communes")
        return "Communes avec leur population et, pour chaque type de structure analysé, le "
               "statut de couverture (covered, partial, white_zone), le temps moyen pondéré par "
               "la population et la part de la population dans le seuil. " +
               a.method_label + ".";
    if (id == "communes_coverage")
        return "Une ligne par commune et par type de structure : temps, parts dans le seuil, "
               "zone d'intervention déclarée, statut et méthode de décision (filtrer par "
               "?type=EMSP).";
    if (id == "structures")
        return "Structures de la filière palliative : type, nom, FINESS, façon dont elles ont "
               "été localisées.";
    if (id == "catchments")
        return std::string(a.method == analysis::TimeModel::road
                               ? "Zones accessibles (isochrones par la route)"
                               : "Zones accessibles (cercles à vol d'oiseau)") +
               " par structure et par seuil, et leur union par type. " + a.method_label + ".";
    if (id == "white_zones")
        return "Zones blanches : communes (et carreaux habités de la grille de population) hors "
               "de portée, classées par population non couverte.";
    if (id == "territories")
        return "Indicateurs par territoire (département, territoires de coordination…) : "
               "population, structures pour 100 000 habitants, population couverte, zones "
               "blanches.";
    if (id == "candidate_sites")
        return "Où implanter : meilleurs sites candidats (couverture maximale gloutonne) et "
               "gain marginal de chacun.";
    return "";
}

// The layers as OGC collections, each with its French description.
std::vector<ogc::FeatureCollection> collections_of(std::vector<model::Layer> layers,
                                                   const analysis::CoverageAnalysis& analysis) {
    std::vector<ogc::FeatureCollection> out;
    for (auto& l : layers) {
        const std::string id = l.name;
        out.emplace_back(std::move(l), describe(id, analysis));
    }
    return out;
}

}  // namespace

std::unique_ptr<ServedDataset> load_served_dataset(const std::string& config_path,
                                                   const std::optional<std::string>& data_root,
                                                   const core::ProgressFn& progress) {
    auto d = std::make_unique<ServedDataset>();
    d->source = config_path;
    {
        core::StepClock clock(d->timings, "load");
        load::AnalysisInputs inputs = load::load_analysis_inputs(config_path, data_root, progress);
        d->config = std::move(inputs.config);
        d->analysis_config = std::move(inputs.analysis);
        d->territory = std::move(inputs.territory);
    }
    {
        core::StepClock clock(d->timings, "analysis");
        d->analysis = analysis::analyze_coverage(d->territory, d->analysis_config, progress);
    }
    core::StepClock clock(d->timings, "collections (GeoJSON encoded in 3 CRS)");
    std::vector<model::Layer> layers;
    layers.push_back(output::commune_summary_layer(d->territory, d->analysis));
    for (auto& l : output::coverage_layers(d->territory, d->analysis))
        layers.push_back(std::move(l));
    ogc::ServiceInfo info;
    info.title = "palliacarte — " + d->config.name;
    // Sources as the analysis used them: OpenStreetMap is credited only when roads ran.
    const output::RunProvenance provenance =
        output::make_run_provenance(d->config, d->territory, d->analysis);
    info.description =
        "Couverture de l'offre de soins palliatifs : communes, structures, zones accessibles, "
        "zones blanches et indicateurs par territoire (" +
        d->analysis.method_label + "). " + provenance.sources_line() + " " +
        provenance.attribution();
    info.metadata = provenance.to_json();
    d->ogc = std::make_unique<ogc::OgcApi>(std::move(info),
                                           collections_of(std::move(layers), d->analysis));
    return d;
}

namespace {

// Layers served as they are: no territory and no analysis behind them (the /analysis
// endpoints answer 404).
std::unique_ptr<ServedDataset> served_as_they_are(std::vector<model::Layer> layers,
                                                  const core::LoadReport& report,
                                                  const std::string& name,
                                                  const std::string& description) {
    auto d = std::make_unique<ServedDataset>();
    for (const auto& e : report.entries())
        std::cerr << "palliacarte serve: [" << to_string(e.severity) << "] " << e.file << " "
                  << e.where << ": " << e.message << "\n";
    d->config.name = name;
    ogc::ServiceInfo info;
    info.title = "palliacarte — " + name;
    info.description = description;
    d->ogc = std::make_unique<ogc::OgcApi>(std::move(info),
                                           collections_of(std::move(layers), d->analysis));
    return d;
}

}  // namespace

std::unique_ptr<ServedDataset> load_served_geopackage(const std::string& path) {
    std::vector<core::StepTiming> timings;
    core::LoadReport report;
    std::vector<model::Layer> layers;
    {
        core::StepClock clock(timings, "GeoPackage read");
        layers = load::read_ogr_layers(path, report);
    }
    const std::string name = std::filesystem::path(path).filename().string();
    auto d = served_as_they_are(std::move(layers), report, name,
                                "Couches du GeoPackage " + name + " servies telles quelles.");
    d->source = path;
    d->timings = std::move(timings);
    return d;
}

std::unique_ptr<ServedDataset> load_served_database(const std::string& connection,
                                                    const std::string& schema) {
    std::vector<core::StepTiming> timings;
    core::LoadReport report;
    std::vector<model::Layer> layers;
    {
        core::StepClock clock(timings, "PostGIS run read");
        layers = load::read_database_layers(connection, schema, report);
    }
    auto d = served_as_they_are(std::move(layers), report, schema,
                                "Couches de l'analyse enregistrée dans le schéma " + schema +
                                    " de la base PostGIS, servies telles quelles.");
    d->source = core::without_password(connection) + " (schéma " + schema + ")";
    d->timings = std::move(timings);
    return d;
}

}  // namespace palliacarte::serve
