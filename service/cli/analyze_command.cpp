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
#include "core/errors.hpp"
#include "core/french_format.hpp"
#include "core/step_timing.hpp"
#include "load/analysis_inputs.hpp"
#include "output/analysis_outputs.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte analyze CONFIG --out DIR [--data-root DIR] [--styles DIR] [--quiet]\n"
    "                           [--maps none|png|pdf|all] [--paper A4|A3]\n"
    "                           [--title-prefix TEXT] [--structure-labels]\n"
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

int run_analyze(const std::vector<std::string>& args) {
    std::optional<std::string> config_path, data_root, out_dir;
    std::string styles_dir = PALLIACARTE_STYLES_DIR;
    bool quiet = false;
    std::string maps = "all", paper = "A4";
    output::MapOutputOptions map_options;
    CommandLine line("analyze", kUsage);
    line.positional("CONFIG", config_path)
        .value({"--out", "-o"}, "un dossier", out_dir)
        .value({"--data-root"}, "un dossier", data_root)
        .value({"--styles"}, "un dossier", styles_dir)
        .value({"--maps"}, "none, png, pdf ou all", maps)
        .value({"--paper"}, "A4 ou A3", paper)
        .value({"--title-prefix"}, "un texte", map_options.map.title_prefix)
        .flag({"--structure-labels"}, map_options.map.structure_labels)
        .flag({"--quiet", "-q"}, quiet);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (!config_path || !out_dir) {
        std::cerr << kUsage;
        return kUsageOrConfigError;
    }
    if (!read_map_options(maps, paper, map_options)) return kUsageOrConfigError;
    return run_reporting_errors("analyze", [&] {
        ProgressPrinter progress(!quiet);
        std::vector<core::StepTiming> phases;  // load, analysis, writing
        const load::AnalysisInputs inputs = [&] {
            core::StepClock clock(phases, "chargement");
            return load::load_analysis_inputs(*config_path, data_root, progress.callback());
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
        const output::WrittenOutputs written = [&] {
            core::StepClock clock(phases, "écriture");
            return output::write_analysis_outputs(*out_dir, config, territory, analysis, styles_dir,
                                                  progress.callback(), map_options);
        }();
        progress.finish_line();

        print_analysis_summary(config, territory, analysis, std::cout);
        std::cout << "Fichiers écrits dans " << *out_dir << " :";
        for (const auto& f : written.files) std::cout << " " << f.substr(f.find_last_of('/') + 1);
        std::cout << "\n";
        double total = 0;
        std::cout << "Durées (s) :";
        for (const auto& p : phases) {
            std::cout << " " << p.step << " " << core::decimal_fr(p.seconds, 2) << ",";
            total += p.seconds;
        }
        std::cout << " total " << core::decimal_fr(total, 2) << "\n";
        if (!quiet) {
            std::cout << "  détail :";
            const analysis::CoverageAnalysis& done = analysis;
            for (const auto* steps : {&territory.load.timings, &done.timings, &written.timings})
                for (const auto& t : *steps)
                    std::cout << " " << t.step << " " << core::decimal_fr(t.seconds, 2) << ";";
            std::cout << "\n";
        }
        print_diagnostics(territory, analysis, std::cout);
        return kOk;
    });
}

}  // namespace palliacarte::cli
