#include "cli/analyze_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "analysis/coverage_analysis.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "config/analysis_config.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
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
                std::cerr << "palliacarte analyze: " << a << " needs " << what << "\n";
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a == "--out" || a == "-o") {
            if (!(out_dir = value("a directory"))) return kUsageOrConfigError;
        } else if (a == "--data-root") {
            if (!(data_root = value("a directory"))) return kUsageOrConfigError;
        } else if (a == "--styles") {
            auto v = value("a directory");
            if (!v) return kUsageOrConfigError;
            styles_dir = *v;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "palliacarte analyze: unknown option " << a << "\n" << kUsage;
            return kUsageOrConfigError;
        } else if (!config_path) {
            config_path = a;
        } else {
            std::cerr << "palliacarte analyze: only one CONFIG expected (got " << a << ")\n";
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
        check_analysis_types(analysis_config,
                             StructureTypeTable::load(config.structure_types_path));
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

        std::cout << "Territoire : " << config.name << " — " << territory.communes.size()
                  << " communes, " << territory.structures.size() << " structures\n";
        std::cout << "Temps de trajet : " << analysis.method_label << "\n";
        for (const auto& tc : analysis.types) {
            double pop = 0, within = 0;
            std::size_t white = 0;
            for (const auto& cc : tc.communes) {
                pop += cc.population;
                within += cc.population_within;
                white += cc.status == CoverageStatus::white_zone;
            }
            std::printf(
                "  %-10s seuil %3.0f min : %5.1f %% de la population dans le seuil, %zu "
                "commune(s) en zone blanche\n",
                tc.type.c_str(), tc.threshold_min, pop > 0 ? 100 * within / pop : 0.0, white);
        }
        std::cout << "Fichiers écrits dans " << *out_dir << " :";
        for (const auto& f : written.files) std::cout << " " << f.substr(f.find_last_of('/') + 1);
        std::cout << "\n";
        std::printf("Durées (s) : chargement %.2f, analyse %.2f, écriture %.2f, total %.2f\n",
                    load_s, analysis_s, write_s, seconds_since(start));
        if (!quiet) {
            std::cout << "  détail :";
            for (const auto& t : territory.timings)
                std::printf(" %s %.2f;", t.step.c_str(), t.seconds);
            for (const auto& t : analysis.timings)
                std::printf(" %s %.2f;", t.step.c_str(), t.seconds);
            for (const auto& t : written.timings)
                std::printf(" %s %.2f;", t.step.c_str(), t.seconds);
            std::cout << "\n";
        }
        const std::size_t warnings =
            analysis.report.count(Severity::warning) + analysis.report.count(Severity::rejected);
        if (warnings > 0) {
            std::cout << "Signalements de l'analyse : " << warnings << "\n";
            for (const auto& d : analysis.report.entries())
                if (d.severity != Severity::info)
                    std::cout << "  [" << to_string(d.severity) << "] " << d.file
                              << (d.where.empty() ? "" : " " + d.where) << " : " << d.message
                              << "\n";
        }
        return kOk;
    } catch (const ConfigError& e) {
        std::cerr << "palliacarte: configuration error: " << e.what() << "\n";
        return kUsageOrConfigError;
    } catch (const DataError& e) {
        std::cerr << "palliacarte: cannot read or write data: " << e.what() << "\n";
        return kUnreadableData;
    }
}

}  // namespace palliacarte::cli
