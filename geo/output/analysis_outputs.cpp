#include "output/analysis_outputs.hpp"
#include "core/bounded_json.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "cartography/atlas_document.hpp"
#include "cartography/map_files.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "core/xml_escape.hpp"
#include "output/coverage_layers.hpp"
#include "output/csv_table_writer.hpp"
#include "output/geojson_file_writer.hpp"
#include "output/markdown_report.hpp"
#include "output/ogr_layer_writer.hpp"
#include "output/qgis_project.hpp"
#include "output/run_provenance.hpp"

namespace palliacarte::output {

namespace fs = std::filesystem;
namespace bg = boost::geometry;

namespace {

// The layer of that name (coverage_layers() decides their order, not this file).
const model::Layer& layer_named(const std::vector<model::Layer>& layers, const std::string& name) {
    for (const auto& l : layers)
        if (l.name == name) return l;
    throw std::logic_error("no layer " + name);
}

}  // namespace

std::string layer_qml(const std::string& styles_dir, const model::Layer& layer,
                      const analysis::CoverageAnalysis& analysis) {
    std::string qml = core::read_file((fs::path(styles_dir) / (layer.name + ".qml")).string());
    // French field aliases (QGIS reads them from the style; GDAL 3.6 cannot write them).
    std::string aliases = "<aliases>";
    for (std::size_t i = 0; i < layer.fields.size(); ++i)
        aliases += "<alias field=\"" + core::xml_escaped(layer.fields[i].name) + "\" index=\"" +
                   std::to_string(i + 1) + "\" name=\"" + core::xml_escaped(layer.fields[i].alias) +
                   "\"/>";
    aliases += "</aliases>\n";
    const std::string labeling = layer_labeling(layer.name);
    if (const auto end = qml.rfind("</qgis>"); end != std::string::npos)
        qml.insert(end, aliases + labeling);
    if (!labeling.empty())
        if (const auto root = qml.find("<qgis "); root != std::string::npos)
            qml.insert(root + 6, "labelsEnabled=\"1\" ");
    const bool by_type = layer.name == "communes_coverage" || layer.name == "white_zones" ||
                         layer.name == "catchments";
    if (!by_type || analysis.types.empty()) return qml;
    // One type at a time: uncheck every type group but the first analysed one's (a type the
    // style does not know is drawn by its "Autres types" group).
    const std::string first = analysis.types.front().type;
    const std::string shown =
        qml.find("<rule key=\"type-" + first + "\"") != std::string::npos ? first : "OTHER";
    for (std::size_t pos = 0; (pos = qml.find("<rule key=\"type-", pos)) != std::string::npos;) {
        const std::size_t code_start = pos + 16;
        const std::string code = qml.substr(code_start, qml.find('"', code_start) - code_start);
        const std::size_t end = qml.find('>', pos);
        const std::size_t check = qml.find("checkstate=\"1\"", pos);
        if (code != shown && check != std::string::npos && check < end)
            qml.replace(check, 14, "checkstate=\"0\"");
        pos = end;
    }
    return qml;
}

std::vector<LayerStyle> layer_styles(const std::vector<model::Layer>& layers,
                                     const std::vector<std::string>& qml,
                                     const std::string& styles_dir) {
    std::vector<LayerStyle> styles;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const model::Layer& l = layers[i];
        const std::string sld_path = (fs::path(styles_dir) / (l.name + ".sld")).string();
        styles.push_back({l.name, "palliacarte", qml[i],
                          fs::exists(sld_path) ? core::read_file(sld_path) : std::string(),
                          l.title});
    }
    return styles;
}

namespace {

// coverage.gpkg: the layers, the run's provenance, and each layer's QGIS (QML) and SLD styles.
void write_styled_geopackage(const std::string& gpkg, const std::vector<model::Layer>& layers,
                             const std::vector<std::string>& qml, const std::string& styles_dir,
                             const RunProvenance& provenance) {
    write_geopackage(gpkg, layers, provenance.to_json().dump(), provenance.sources_line());
    write_layer_styles(gpkg, layer_styles(layers, qml, styles_dir));
}

// white_zones.csv (the communes' rows), territories.csv, and metadata.json for their sources
// (a companion file: a header line would break spreadsheet imports).
void write_tables(const std::string& dir, const std::vector<model::Layer>& layers,
                  const RunProvenance& provenance) {
    auto path = [&](const std::string& name) { return (fs::path(dir) / name).string(); };
    const model::Layer& white = layer_named(layers, "white_zones");
    const std::size_t kind = white.field("kind");
    write_csv_table(path("white_zones.csv"), white,
                    {"type", "rank", "insee", "name", "status", "population",
                     "population_uncovered", "population_65plus_uncovered", "share_uncovered",
                     "mean_minutes", "threshold_min", "time_model"},
                    [&](const model::Feature& f) {
                        return std::get<std::string>(f.values[kind]) == "commune";
                    });
    write_csv_table(path("territories.csv"), layer_named(layers, "territories"));
    std::ofstream meta(path("metadata.json"), std::ios::binary);
    meta << provenance.to_json().dump(2) << "\n";
    if (!meta) throw core::DataError(path("metadata.json"), "écriture impossible");
}

using FileJob = std::pair<std::string, std::function<void()>>;

// The files are independent: each is written on its own core, and timed.
void run_file_jobs(const std::vector<FileJob>& jobs, std::vector<core::StepTiming>& timings,
                   const core::ProgressFn& progress) {
    std::vector<core::StepTiming> per_file(jobs.size());
    {
        core::StepClock t(timings, "files (GeoPackage, GeoJSON, CSV, maps; all cores)");
        if (progress) progress("écriture des fichiers", 0, 0);
        core::parallel_for(
            jobs.size(), core::worker_count(jobs.size()), [&](std::size_t j, std::size_t) {
                const auto start = std::chrono::steady_clock::now();
                jobs[j].second();
                per_file[j] = {"  " + jobs[j].first, std::chrono::duration<double>(
                                                         std::chrono::steady_clock::now() - start)
                                                         .count()};
            });
    }
    timings.insert(timings.end(), per_file.begin(), per_file.end());
}

}  // namespace

WrittenOutputs write_analysis_outputs(const std::string& dir, const config::TerritoryConfig& config,
                                      const model::Territory& territory,
                                      const analysis::CoverageAnalysis& analysis,
                                      const std::string& styles_dir,
                                      const core::ProgressFn& progress,
                                      const MapOutputOptions& map_options) {
    WrittenOutputs out;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw core::DataError(dir, "impossible de créer le dossier de sortie : " + ec.message());
    auto path = [&](const std::string& name) { return (fs::path(dir) / name).string(); };

    std::vector<model::Layer> layers;
    {
        core::StepClock t(out.timings, "layers");
        layers = coverage_layers(territory, analysis);
    }
    const RunProvenance provenance = make_run_provenance(config, territory, analysis);
    const std::string provenance_json = provenance.to_json().dump();
    // The files are independent: GDAL writes each dataset on its own thread.
    const auto palette =
        core::parse_bounded_json(core::read_file((fs::path(styles_dir) / "palette.json").string()));
    // The maps' pages share the département limits, united once.
    std::optional<cartography::CoverageMapInputs> map_inputs;
    if (map_options.png || map_options.pdf) {
        core::StepClock t(out.timings, "map limits");
        map_inputs.emplace(cartography::coverage_map_inputs(
            territory, analysis, provenance.page_credits(), palette, map_options.map));
    }
    std::vector<std::string> maps, print_maps;  // PNG (report.md), PDF
    for (const auto& tc : analysis.types) {
        if (map_options.png) maps.push_back("carte_" + tc.type + ".png");
        if (map_options.pdf) print_maps.push_back("carte_" + tc.type + ".pdf");
    }
    const std::string report = [&] {
        core::StepClock t(out.timings, "report.md");
        return markdown_report(territory, analysis, maps, provenance);
    }();
    // The layers' QGIS styles, for the GeoPackage and the project alike.
    std::vector<std::string> qml;
    for (const auto& l : layers) qml.push_back(layer_qml(styles_dir, l, analysis));
    // (file, job), the GeoPackage first: it is the longest.
    std::vector<FileJob> jobs;
    jobs.emplace_back("coverage.gpkg", [&] {
        write_styled_geopackage(path("coverage.gpkg"), layers, qml, styles_dir, provenance);
    });
    jobs.emplace_back("coverage.qgz", [&] {
        std::vector<std::string> titles;
        for (const auto& tc : analysis.types)
            titles.push_back(map_inputs ? cartography::coverage_map_title(*map_inputs, tc)
                                        : tc.type + " — " + tc.label);
        const model::MultiPolygon* outline = analysis.outline.in(territory.epsg);
        write_qgis_project(
            path("coverage.qgz"), "coverage.gpkg", layers, qml, analysis, provenance,
            outline ? bg::return_envelope<model::Box>(*outline) : model::Box{{0, 0}, {1, 1}},
            titles);
    });
    for (const auto& l : layers)
        jobs.emplace_back(l.name + ".geojson",
                          [&] { write_geojson(path(l.name + ".geojson"), l, provenance_json); });
    jobs.emplace_back("CSV", [&] { write_tables(dir, layers, provenance); });
    for (std::size_t k = 0; k < maps.size(); ++k)
        jobs.emplace_back(maps[k], [&, k] {
            cartography::write_coverage_map_png(path(maps[k]), *map_inputs, analysis.types[k]);
        });
    for (std::size_t k = 0; k < print_maps.size(); ++k)
        jobs.emplace_back(print_maps[k], [&, k] {
            cartography::write_coverage_map_pdf(path(print_maps[k]), map_options.paper, *map_inputs,
                                                analysis.types[k]);
        });
    if (map_options.pdf)
        jobs.emplace_back("atlas.pdf", [&] {
            cartography::write_atlas(path("atlas.pdf"), map_options.paper, *map_inputs, report);
        });
    run_file_jobs(jobs, out.timings, progress);
    out.files.push_back(path("coverage.gpkg"));
    out.files.push_back(path("coverage.qgz"));
    for (const auto& l : layers) out.files.push_back(path(l.name + ".geojson"));
    out.files.push_back(path("white_zones.csv"));
    out.files.push_back(path("territories.csv"));
    out.files.push_back(path("metadata.json"));
    for (const auto& m : maps) out.files.push_back(path(m));
    for (const auto& m : print_maps) out.files.push_back(path(m));
    if (map_options.pdf) out.files.push_back(path("atlas.pdf"));
    {
        std::ofstream md(path("report.md"), std::ios::binary);
        md << report;
        if (!md) throw core::DataError(path("report.md"), "écriture impossible");
        out.files.push_back(path("report.md"));
    }
    return out;
}

}  // namespace palliacarte::output
