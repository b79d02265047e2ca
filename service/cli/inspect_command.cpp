#include "cli/inspect_command.hpp"

#include <iostream>
#include <limits>
#include <optional>

#include "analysis/coverage_analysis.hpp"
#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "cli/summary_text.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "core/french_format.hpp"
#include "inspect/territory_summary.hpp"
#include "load/analysis_inputs.hpp"
#include "load/territory_loader.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte inspect CONFIG [--json] [--data-root DIR] [--quiet] "
    "[--all-diagnostics] [--prepare]\n"
    "  --prepare  prépare aussi ce que chaque analyse réutilise (grille de population découpée\n"
    "             par commune, raster d'accroche au réseau), gardé en cache\n";

}  // namespace

int run_inspect(const std::vector<std::string>& args) {
    std::optional<std::string> config_path, data_root;
    bool as_json = false, quiet = false, all = false, prepare = false;
    CommandLine line("inspect", kUsage);
    line.positional("CONFIG", config_path)
        .flag({"--json"}, as_json)
        .flag({"--quiet", "-q"}, quiet)
        .flag({"--all-diagnostics"}, all)
        .flag({"--prepare"}, prepare)
        .value({"--data-root"}, "un dossier", data_root);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (!config_path) {
        std::cerr << kUsage;
        return kUsageOrConfigError;
    }
    return run_reporting_errors("inspect", [&] {
        ProgressPrinter progress(!quiet);
        // With --prepare, the analysis inputs (the population grid too), and what every
        // analysis of them reuses built into the cache: the import step of a large territory.
        load::AnalysisInputs in;
        std::vector<core::StepTiming> prepared;
        if (prepare) {
            in = load::load_analysis_inputs(config::load_territory_config(*config_path, data_root),
                                            progress.callback());
            prepared = analysis::prepare_analysis(in.territory, in.analysis, progress.callback());
        } else {
            in.config = config::load_territory_config(*config_path, data_root);
            in.territory = load::load_territory(in.config, progress.callback());
        }
        progress.finish_line();
        const config::TerritoryConfig& config = in.config;
        const model::Territory& territory = in.territory;
        auto summary = inspect::summarize_territory(config, territory);
        if (prepare) {
            auto& steps = summary["prepared"] = nlohmann::json::array();
            for (const auto& t : prepared)
                steps.push_back({{"step", t.step}, {"seconds", t.seconds}});
        }
        if (as_json) {
            std::cout << summary.dump(2) << "\n";
        } else {
            print_summary_text(summary, std::cout,
                               all ? std::numeric_limits<std::size_t>::max() : 5);
            if (prepare) {
                std::cout << "Préparé pour les analyses (cache " << in.analysis.cache_dir << ") :";
                for (const auto& t : prepared)
                    std::cout << "\n  " << t.step << " " << core::decimal_fr(t.seconds, 2) << " s";
                std::cout << "\n";
            }
        }
        return kOk;
    });
}

}  // namespace palliacarte::cli
