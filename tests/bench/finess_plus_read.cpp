// Reads a pair of FINESS+ files and prints what was read, the time, the throughput and the
// peak resident memory: the streaming readers must stay flat whatever the files' size
// (tests/bench/make_finess_plus.py writes national-size files).
// With the shipped mapping's filter, as a finess-plus source reads them; --all keeps everything.
// usage: palliacarte_bench_finess_plus ACTIVITES STRUCTURES [--all] [DEPARTEMENT…]
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "config/territory_config.hpp"
#include "load/finess_establishment.hpp"

int main(int argc, char** argv) {
    using namespace palliacarte;
    if (argc < 3) {
        std::cerr << "usage: " << argv[0] << " ACTIVITES STRUCTURES [DEPARTEMENT…]\n";
        return 2;
    }
    std::vector<std::string> deps(argv + 3, argv + argc);
    const bool all = !deps.empty() && deps.front() == "--all";
    if (all) deps.erase(deps.begin());
    const load::FinessPlusFilter filter =
        all ? load::FinessPlusFilter{}
            : load::finess_plus_filter(config::read_finess_rules(
                  PALLIACARTE_SOURCE_DIR "/data/finess-plus-activities.json"));
    const auto t0 = std::chrono::steady_clock::now();
    core::LoadReport report;
    load::FinessPlusCounts n;
    const auto ets = load::read_finess_plus(argv[1], argv[2], deps, report, &n, filter);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double mb =
        (std::filesystem::file_size(argv[1]) + std::filesystem::file_size(argv[2])) / 1e6;
    std::size_t activities = 0;
    for (const auto& e : ets) activities += e.activities.size();
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::cout << "establishments read " << n.establishments << ", kept " << ets.size() << " with "
              << activities << " activities; " << mb << " MB in " << s << " s (" << mb / s
              << " MB/s, " << n.establishments / s << " establishments/s); peak RSS "
              << u.ru_maxrss / 1024 << " MB\n";
    return 0;
}
