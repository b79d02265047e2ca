// palliacarte: palliative-care coverage analysis for French territories. Subcommands are thin
// layers over the geo/ library.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/analyze_command.hpp"
#include "cli/compare_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/fetch_command.hpp"
#include "cli/init_command.hpp"
#include "cli/inspect_command.hpp"
#include "cli/serve_command.hpp"

namespace {

void print_usage(std::ostream& out) {
    out << "usage: palliacarte <command> [options]\n\n"
           "commands:\n"
           "  analyze CONFIG --out DIR\n"
           "                   coverage analysis: catchments, per-commune coverage, white zones,\n"
           "                   territory indicators, where next; writes coverage.gpkg, GeoJSON,\n"
           "                   CSV, report.md and PNG maps into DIR\n"
           "  inspect CONFIG   load a territory and summarise communes, population, structures,\n"
           "                   territories and every problem found (--json for JSON)\n"
           "  serve CONFIG     serve the territory and its analysis over HTTP (OGC API -\n"
           "                   Features for QGIS and web maps; palliacarte serve --help)\n"
           "  fetch --departements 25,39 [--into DIR] [--with-roads]\n"
           "                   download the official open data those départements need\n"
           "                   (communes, populations, FINESS, population grid, OSM roads)\n"
           "  init --data DIR --out CONFIG\n"
           "                   write a territory config from what fetch brought into DIR\n"
           "  compare CONFIG [--activities F --structures F] [--csv FILE]\n"
           "                   the config's structures (a filière directory) against the\n"
           "                   FINESS+ files read for the same territory\n\n"
           "common options:\n"
           "  --data-root DIR  where relative data paths start (else the config's data_root,\n"
           "                   else $PALLIACARTE_DATA_ROOT, else ../shared/data)\n\n"
           "exit codes: 0 ok, 2 usage or configuration error, 3 unreadable data (or a download\n"
           "that failed)\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace palliacarte::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_usage(args.empty() ? std::cerr : std::cout);
        return args.empty() ? kUsageOrConfigError : kOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "inspect") return run_inspect(args);
        if (command == "analyze") return run_analyze(args);
        if (command == "serve") return run_serve(args);
        if (command == "fetch") return run_fetch(args);
        if (command == "init") return run_init(args);
        if (command == "compare") return run_compare(args);
    } catch (const std::exception& e) {
        std::cerr << "palliacarte : erreur interne : " << e.what() << "\n";
        return kInternalError;
    }
    std::cerr << "palliacarte : commande inconnue « " << command << " »\n";
    print_usage(std::cerr);
    return kUsageOrConfigError;
}
