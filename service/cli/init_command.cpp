#include "cli/init_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/list_option.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"
#include "fetch/init_config.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte init --data DIR --out CONFIG.json [--departements 25,39,…]\n"
    "                        [--types HAD,HOPITAL,…] [--force]\n";

}  // namespace

int run_init(const std::vector<std::string>& args) {
    fetch::InitChoice choice;
    choice.finess_plus_mapping = std::string(PALLIACARTE_DATA_DIR) + "/finess-plus-activities.json";
    bool force = false;
    CommandLine line("init", kUsage);
    line.value({"--data"}, "un dossier", choice.data_dir)
        .value({"--out"}, "un fichier", choice.config_path)
        .list({"--departements"}, "une liste de départements",
              [&](const std::string& d) {
                  choice.departements.push_back(crs::normalize_departement(d));
              })
        .list({"--types"}, "une liste de types",
              [&](const std::string& t) { choice.types.push_back(t); })
        .flag({"--force"}, force);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (choice.data_dir.empty() || choice.config_path.empty()) {
        std::cerr << "palliacarte init : --data et --out sont obligatoires\n" << kUsage;
        return kUsageOrConfigError;
    }
    if (std::filesystem::exists(choice.config_path) && !force) {
        std::cerr << "palliacarte init : " << choice.config_path
                  << " existe déjà (--force pour le remplacer)\n";
        return kUsageOrConfigError;
    }
    return run_reporting_errors("init", [&] {
        const auto written = fetch::make_territory_config(choice);
        const std::string part = choice.config_path + ".part";
        {
            std::ofstream out(part);
            out << written.config.dump(2) << "\n";
            if (!out) throw core::DataError(part, "écriture impossible");
        }
        // The config must load as written: check it before it takes its final name.
        try {
            (void)config::load_territory_config(part);
        } catch (const core::ConfigError& e) {
            std::filesystem::remove(part);
            std::cerr << "palliacarte init : la config écrite ne se relit pas (" << e.what()
                      << ")\n";
            return kInternalError;
        }
        std::filesystem::rename(part, choice.config_path);
        std::cout << "Config écrite : " << choice.config_path << " — "
                  << written.config["name"].get<std::string>() << "\n";
        for (const auto& n : written.notes) std::cout << "  note : " << n << "\n";
        std::cout << "Étapes suivantes :\n  palliacarte inspect " << choice.config_path
                  << "\n  palliacarte analyze " << choice.config_path << " --out resultats\n";
        return kOk;
    });
}

}  // namespace palliacarte::cli
