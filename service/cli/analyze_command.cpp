#include "cli/analyze_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "analysis/coverage_analysis.hpp"
#include "cli/analysis_summary.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "core/french_format.hpp"
#include "load/territory_loader.hpp"
#include "model/structure_type.hpp"
#include "output/analysis_outputs.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte analyze CONFIG --out DIR [--data-root DIR] [--styles DIR] [--quiet]\n";

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int run_analyze(const std::vector<std::string>& args) {
    std::optional<std::string> config_path, data_root, out_dir;
    std::string styles_dir = PALLIACARTE_STYLES_DIR;
    bool quiet = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* what) -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                std::cerr << "palliacarte analyze : " << a << " attend " << what << "\n";
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a == "--out" || a == "-o") {
            if (!(out_dir = value("un dossier"))) return kUsageOrConfigError;
        } else if (a == "--data-root") {
            if (!(data_root = value("un dossier"))) return kUsageOrConfigError;
        } else if (a == "--styles") {
            auto v = value("un dossier");
            if (!v) return kUsageOrConfigError;
            styles_dir = *v;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "palliacarte analyze : option inconnue " << a << "\n" << kUsage;
            return kUsageOrConfigError;
        } else if (!config_path) {
            config_path = a;
        } else {
            std::cerr << "palliacarte analyze : une seule CONFIG attendue (reçu aussi " << a
                      << ")\n";
            return kUsageOrConfigError;
        }
    }
    if (!config_path || !out_dir) {
        std::cerr << kUsage;
        return kUsageOrConfigError;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        const TerritoryConfig config = load_territory_config(*config_path, data_root);
        const AnalysisConfig analysis_config = parse_analysis_config(config);
        check_analysis_types(analysis_config, StructureTypeTable::load(config.structure_types_path),
                             config.config_path);
        ProgressPrinter progress(!quiet);
        const Territory territory = load_territory(config, progress.callback());
        const double load_s = seconds_since(start);
        const auto analysis_start = std::chrono::steady_clock::now();
        const CoverageAnalysis analysis =
            analyze_coverage(territory, analysis_config, progress.callback());
        const double analysis_s = seconds_since(analysis_start);
        const auto write_start = std::chrono::steady_clock::now();
        const WrittenOutputs written =
            write_analysis_outputs(*out_dir, territory, analysis, styles_dir, progress.callback());
        const double write_s = seconds_since(write_start);
        progress.finish_line();

        print_analysis_summary(territory, analysis, std::cout);
        std::cout << "Fichiers écrits dans " << *out_dir << " :";
        for (const auto& f : written.files) std::cout << " " << f.substr(f.find_last_of('/') + 1);
        std::cout << "\n";
        std::cout << "Durées (s) : chargement " << decimal_fr(load_s, 2) << ", analyse "
                  << decimal_fr(analysis_s, 2) << ", écriture " << decimal_fr(write_s, 2)
                  << ", total " << decimal_fr(seconds_since(start), 2) << "\n";
        if (!quiet) {
            std::cout << "  détail :";
            for (const auto* steps : {&territory.timings, &analysis.timings, &written.timings})
                for (const auto& t : *steps)
                    std::cout << " " << t.step << " " << decimal_fr(t.seconds, 2) << ";";
            std::cout << "\n";
        }
        print_diagnostics(territory, analysis, std::cout);
        return kOk;
    } catch (const ConfigError& e) {
        std::cerr << "palliacarte : erreur de configuration : " << e.what() << "\n";
        return kUsageOrConfigError;
    } catch (const DataError& e) {
        std::cerr << "palliacarte : données illisibles ou impossibles à écrire : " << e.what()
                  << "\n";
        return kUnreadableData;
    }
}

}  // namespace palliacarte::cli
