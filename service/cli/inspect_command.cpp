#include "cli/inspect_command.hpp"

#include <iostream>
#include <limits>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "cli/summary_text.hpp"
#include "config/territory_config.hpp"
#include "core/errors.hpp"
#include "load/territory_loader.hpp"
#include "report/territory_summary.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte inspect CONFIG [--json] [--data-root DIR] [--quiet] "
    "[--all-diagnostics]\n";

}  // namespace

int run_inspect(const std::vector<std::string>& args) {
    std::optional<std::string> config_path, data_root;
    bool as_json = false, quiet = false, all = false;
    CommandLine line("inspect", kUsage);
    line.positional("CONFIG", config_path)
        .flag({"--json"}, as_json)
        .flag({"--quiet", "-q"}, quiet)
        .flag({"--all-diagnostics"}, all)
        .value({"--data-root"}, "un dossier", data_root);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (!config_path) {
        std::cerr << kUsage;
        return kUsageOrConfigError;
    }
    return run_reporting_errors("inspect", [&] {
        const TerritoryConfig config = load_territory_config(*config_path, data_root);
        ProgressPrinter progress(!quiet);
        const Territory territory = load_territory(config, progress.callback());
        progress.finish_line();
        const auto summary = summarize_territory(config, territory);
        if (as_json) {
            std::cout << summary.dump(2) << "\n";
        } else {
            print_summary_text(summary, std::cout,
                               all ? std::numeric_limits<std::size_t>::max() : 5);
        }
        return kOk;
    });
}

}  // namespace palliacarte::cli
