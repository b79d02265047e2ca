#include "cli/analyze_command.hpp"

#include <cstdio>
#include <iostream>
#include <optional>

#include "analysis/coverage_analysis.hpp"
#include "cli/analysis_summary.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "core/connection_text.hpp"
#include "core/errors.hpp"
#include "core/french_format.hpp"
#include "core/step_timing.hpp"
#include "load/analysis_inputs.hpp"
#include "output/analysis_database.hpp"
#include "output/analysis_outputs.hpp"
#include "output/postgis_run_writer.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte analyze CONFIG --out DIR [--data-root DIR] [--styles DIR] [--quiet]\n"
    "                           [--maps none|png|pdf|all] [--paper A4|A3]\n"
    "                           [--title-prefix TEXT] [--structure-labels]\n"
    "       palliacarte analyze CONFIG --out PG:\"dbname=… host=… user=…\" [--schema NAME]\n"
    "                           [--keep-history] [--maps-dir DIR] [options above]\n"
    "  --out PG:…          the layers, their QGIS styles and the run into a PostGIS database,\n"
    "                      all or nothing (files only with --maps-dir)\n"
    "  --schema            where in the database (default palliacarte_<territory>)\n"
    "  --keep-history      keep the previous run as <schema>_<its date> instead of replacing it\n"
    "  --maps              the maps drawn per analysed type: carte_<TYPE>.png (shown in\n"
    "                      report.md) and carte_<TYPE>.pdf (vector, for print); default all\n"
    "  --paper             the PDF maps' page, landscape (default A4)\n"
    "  --title-prefix      put before every map title (« COPIL du 12 mars — »)\n"
    "  --structure-labels  name every structure on the maps\n";

// --maps and --paper as MapOutputOptions; false (after saying why) when a value is unknown.
bool read_map_options(const std::string& maps, const std::string& paper,
                      output::MapOutputOptions& out) {
    if (maps == "none" || maps == "png" || maps == "pdf" || maps == "all") {
        out.png = maps == "png" || maps == "all";
        out.pdf = maps == "pdf" || maps == "all";
    } else {
        std::cerr << "analyze : --maps attend none, png, pdf ou all (reçu « " << maps << " »)\n";
        return false;
    }
    if (const auto size = cartography::paper_size_named(paper)) {
        out.paper = *size;
    } else {
        std::cerr << "analyze : --paper attend A4 ou A3 (reçu « " << paper << " »)\n";
        return false;
    }
    return true;
}

}  // namespace

namespace {

struct AnalyzeOptions {
    std::optional<std::string> config_path, data_root, out;
    std::optional<std::string> schema, maps_dir;  // with --out PG:…
    bool keep_history = false;
    std::string styles_dir = PALLIACARTE_STYLES_DIR;
    bool quiet = false;
    output::MapOutputOptions map_options;

    bool to_database() const { return out && core::is_postgres_connection(*out); }
};

// The command line as AnalyzeOptions; nullopt with the exit code when it is not to run.
std::optional<int> parse_analyze_args(const std::vector<std::string>& args, AnalyzeOptions& o) {
    std::string maps = "all", paper = "A4";
    CommandLine line("analyze", kUsage);
    line.positional("CONFIG", o.config_path)
        .value({"--out", "-o"}, "un dossier ou PG:…", o.out)
        .value({"--schema"}, "un nom de schéma", o.schema)
        .flag({"--keep-history"}, o.keep_history)
        .value({"--maps-dir"}, "un dossier", o.maps_dir)
        .value({"--data-root"}, "un dossier", o.data_root)
        .value({"--styles"}, "un dossier", o.styles_dir)
        .value({"--maps"}, "none, png, pdf ou all", maps)
        .value({"--paper"}, "A4 ou A3", paper)
        .value({"--title-prefix"}, "un texte", o.map_options.map.title_prefix)
        .flag({"--structure-labels"}, o.map_options.map.structure_labels)
        .flag({"--quiet", "-q"}, o.quiet);
    if (const auto r = line.parse(args, std::cout, std::cerr); r != CommandLine::Outcome::run)
        return r == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (!o.config_path || !o.out) {
        std::cerr << kUsage;
        return kUsageOrConfigError;
    }
    if (!o.to_database() && (o.schema || o.keep_history || o.maps_dir)) {
        std::cerr << "analyze : --schema, --keep-history et --maps-dir vont avec --out PG:… "
                     "(une base PostgreSQL/PostGIS)\n";
        return kUsageOrConfigError;
    }
    if (!read_map_options(maps, paper, o.map_options)) return kUsageOrConfigError;
    return std::nullopt;
}

void print_written_files(const std::string& dir, const output::WrittenOutputs& written) {
    std::cout << "Fichiers écrits dans " << dir << " :";
    for (const auto& f : written.files) std::cout << " " << f.substr(f.find_last_of('/') + 1);
    std::cout << "\n";
}

void print_database_run(const AnalyzeOptions& o, const output::PostgisWriteReport& r) {
    std::cout << "Analyse écrite dans " << core::without_password(*o.out) << ", schéma " << r.schema
              << " : " << core::thousands(static_cast<std::int64_t>(r.features))
              << " entités, styles QGIS dans public.layer_styles, exécution dans "
                 "palliacarte.runs";
    if (!r.history_schema.empty())
        std::cout << " ; l'exécution précédente est conservée dans " << r.history_schema;
    std::cout << "\n";
}

void print_durations(const std::vector<core::StepTiming>& phases, bool quiet,
                     const model::Territory& territory, const analysis::CoverageAnalysis& analysis,
                     const std::vector<core::StepTiming>& writing) {
    double total = 0;
    std::cout << "Durées (s) :";
    for (const auto& p : phases) {
        std::cout << " " << p.step << " " << core::decimal_fr(p.seconds, 2) << ",";
        total += p.seconds;
    }
    std::cout << " total " << core::decimal_fr(total, 2) << "\n";
    if (quiet) return;
    std::cout << "  détail :";
    for (const auto* steps : {&territory.load.timings, &analysis.timings, &writing})
        for (const auto& t : *steps)
            std::cout << " " << t.step << " " << core::decimal_fr(t.seconds, 2) << ";";
    std::cout << "\n";
}

}  // namespace

int run_analyze(const std::vector<std::string>& args) {
    AnalyzeOptions o;
    if (const auto exit = parse_analyze_args(args, o)) return *exit;
    return run_reporting_errors("analyze", [&] {
        if (o.schema) output::check_schema_name(*o.schema);  // before a long load
        ProgressPrinter progress(!o.quiet);
        std::vector<core::StepTiming> phases;  // load, analysis, writing
        const load::AnalysisInputs inputs = [&] {
            core::StepClock clock(phases, "chargement");
            return load::load_analysis_inputs(*o.config_path, o.data_root, progress.callback());
        }();
        const config::TerritoryConfig& config = inputs.config;
        const model::Territory& territory = inputs.territory;
        analysis::CoverageAnalysis analysis = [&] {
            core::StepClock clock(phases, "analyse");
            return analysis::analyze_coverage(territory, inputs.analysis, progress.callback());
        }();
        // The files need the results, not the travel-time model: its snapper and raster (2.5 GB
        // for the country) go before the layers are built, not after.
        analysis.model.reset();
        const std::optional<std::string> dir = o.to_database() ? o.maps_dir : o.out;
        output::WrittenOutputs written;
        std::optional<output::PostgisWriteReport> database;
        {
            core::StepClock clock(phases, "écriture");
            if (o.to_database()) {
                if (progress.callback()) progress.callback()("écriture dans la base", 0, 0);
                const output::PostgisTarget target{
                    *o.out, o.schema.value_or(output::default_schema_name(config.name)),
                    o.keep_history};
                database =
                    output::write_analysis_database(target, config, territory, analysis,
                                                    o.styles_dir, [&](const std::string& notice) {
                                                        progress.finish_line();
                                                        std::cerr << "analyze : " << notice << "\n";
                                                    });
            }
            if (dir)
                written =
                    output::write_analysis_outputs(*dir, config, territory, analysis, o.styles_dir,
                                                   progress.callback(), o.map_options);
        }
        progress.finish_line();

        print_analysis_summary(config, territory, analysis, std::cout);
        if (database) print_database_run(o, *database);
        if (dir) print_written_files(*dir, written);
        if (database)
            written.timings.insert(written.timings.begin(), database->timings.begin(),
                                   database->timings.end());
        print_durations(phases, o.quiet, territory, analysis, written.timings);
        print_diagnostics(territory, analysis, std::cout);
        return kOk;
    });
}

}  // namespace palliacarte::cli
