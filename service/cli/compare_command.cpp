#include "cli/compare_command.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "cli/text_columns.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "inspect/source_comparison.hpp"
#include "load/territory_loader.hpp"
#include "output/csv_table_writer.hpp"

namespace palliacarte::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: palliacarte compare CONFIG [--activities FILE --structures FILE] [--csv FILE]\n"
    "                           [--data-root DIR] [--quiet]\n"
    "  Compares the config's structures (a filière directory) with the FINESS+ files read for\n"
    "  the same territory: by FINESS number and type, what both list, what only one lists,\n"
    "  where the type differs. Without --activities/--structures, the files palliacarte fetch\n"
    "  puts under the data root (structures/finess-plus/).\n";

}  // namespace

int run_compare(const std::vector<std::string>& args) {
    std::optional<std::string> config_path, data_root;
    std::string activities, structures, csv;
    bool quiet = false;
    CommandLine line("compare", kUsage);
    line.positional("CONFIG", config_path)
        .value({"--activities"}, "un fichier", activities)
        .value({"--structures"}, "un fichier", structures)
        .value({"--csv"}, "un fichier", csv)
        .value({"--data-root"}, "un dossier", data_root)
        .flag({"--quiet", "-q"}, quiet);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (!config_path || activities.empty() != structures.empty()) {
        std::cerr << kUsage;
        return kUsageOrConfigError;
    }
    return run_reporting_errors("compare", [&] {
        const config::TerritoryConfig config =
            config::load_territory_config(*config_path, data_root);
        if (activities.empty()) {
            activities = config.resolve("structures/finess-plus/finess-activites.json.gz");
            structures = config.resolve("structures/finess-plus/finess-structures.json.gz");
            if (!fs::exists(activities) || !fs::exists(structures))
                throw core::ConfigError(
                    "pas de fichiers FINESS+ sous " + config.data_root +
                    "/structures/finess-plus/ (palliacarte fetch les télécharge) : donnez "
                    "--activities et --structures");
        }
        // The same territory with FINESS+ as its only source.
        config::TerritoryConfig plus = config;
        config::StructureSourceConfig source;
        source.format = config::StructureFormat::finess_plus;
        source.path = activities;
        source.structures_path = structures;
        source.outside = config::OutsidePolicy::skip;
        source.rules = config::default_finess_plus_rules(config.config_path);
        plus.structures = {source};
        std::set<std::string> compared;
        for (const auto& r : source.rules) compared.insert(r.type);

        ProgressPrinter progress(!quiet);
        const model::Territory first = load::load_territory(config, progress.callback());
        const model::Territory second = load::load_territory(plus, progress.callback());
        progress.finish_line();
        std::vector<model::Structure> kept;
        std::set<std::string> left_out;
        for (const auto& s : first.structures) {
            if (compared.count(s.type))
                kept.push_back(s);
            else
                left_out.insert(s.type);
        }
        const inspect::SourceComparison c = inspect::compare_sources(kept, second.structures);

        std::cout << "Comparaison : structures de " << *config_path << " (annuaire) et FINESS+ ("
                  << activities << ")\n";
        std::cout << "  " << left("type", 8) << right("annuaire", 10) << right("FINESS+", 9)
                  << right("les deux", 10) << right("type diff.", 12) << right("annuaire seul", 15)
                  << right("FINESS+ seul", 14) << right("sans n° FINESS", 16) << "\n";
        for (const auto& [type, t] : c.by_type)
            std::cout << "  " << left(type, 8) << right(std::to_string(t.first), 10)
                      << right(std::to_string(t.second), 9) << right(std::to_string(t.both), 10)
                      << right(std::to_string(t.type_differs), 12)
                      << right(std::to_string(t.only_first), 15)
                      << right(std::to_string(t.only_second), 14)
                      << right(std::to_string(t.first_without_finess), 16) << "\n";
        for (const auto& r : c.rows)
            if (r.agreement == inspect::Agreement::type_differs)
                std::cout << "  FINESS " << r.finess_et << " : " << r.first->type
                          << " dans l'annuaire (" << r.first->name << "), " << r.second->type
                          << " dans FINESS+ (" << r.second->activities << ")\n";
        if (!left_out.empty()) {
            std::string types;
            for (const auto& t : left_out) types += (types.empty() ? "" : ", ") + t;
            std::cout << "  non comparés (FINESS+ ne les connaît pas) : " << types << "\n";
        }
        if (!csv.empty()) {
            output::write_csv_rows(csv, inspect::comparison_table(c));
            std::cout << "Détail par établissement : " << csv << "\n";
        }
        return kOk;
    });
}

}  // namespace palliacarte::cli
