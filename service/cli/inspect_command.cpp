#include "cli/inspect_command.hpp"

#include <iostream>
#include <limits>
#include <optional>

#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "cli/summary_text.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "load/territory_loader.hpp"
#include "report/territory_summary.hpp"

namespace palliacarte::cli {

int run_inspect(const std::vector<std::string>& args) {
    std::optional<std::string> config_path, data_root;
    bool as_json = false, quiet = false, all = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") {
            as_json = true;
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a == "--all-diagnostics") {
            all = true;
        } else if (a == "--data-root") {
            if (i + 1 >= args.size()) {
                std::cerr << "palliacarte inspect : --data-root attend un dossier\n";
                return kUsageOrConfigError;
            }
            data_root = args[++i];
        } else if (a.rfind("--data-root=", 0) == 0) {
            data_root = a.substr(12);
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "palliacarte inspect : option inconnue " << a << "\n";
            return kUsageOrConfigError;
        } else if (!config_path) {
            config_path = a;
        } else {
            std::cerr << "palliacarte inspect : une seule CONFIG attendue (reçu aussi " << a
                      << ")\n";
            return kUsageOrConfigError;
        }
    }
    if (!config_path) {
        std::cerr << "usage: palliacarte inspect CONFIG [--json] [--data-root DIR] [--quiet] "
                     "[--all-diagnostics]\n";
        return kUsageOrConfigError;
    }
    try {
        const TerritoryConfig config = load_territory_config(*config_path, data_root);
        ProgressPrinter progress(!quiet);
        const Territory territory = load_territory(config, progress.callback());
        progress.finish_line();
        const auto summary = summarize_territory(territory);
        if (as_json) {
            std::cout << summary.dump(2) << "\n";
        } else {
            print_summary_text(summary, std::cout,
                               all ? std::numeric_limits<std::size_t>::max() : 5);
        }
        return kOk;
    } catch (const ConfigError& e) {
        std::cerr << "palliacarte : erreur de configuration : " << e.what() << "\n";
        return kUsageOrConfigError;
    } catch (const DataError& e) {
        std::cerr << "palliacarte : données illisibles : " << e.what() << "\n";
        return kUnreadableData;
    }
}

}  // namespace palliacarte::cli
