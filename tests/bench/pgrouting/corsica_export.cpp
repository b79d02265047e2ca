// The palliacarte side of the pgRouting comparison (see compare.sh next to this file): loads the
// Corsica network as data/corse.json does, writes its routable edges for pgRouting, and times
// the same two jobs pgRouting is timed on — one 30-minute catchment, and 100 catchments of 30
// minutes — writing our times per node so the script can check both engines agree.
//
// usage: palliacarte_pgrouting_export OUT_DIR
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/parallel.hpp"
#include "routing/one_to_many.hpp"
#include "routing/search_batch.hpp"
#include "territory_roads.hpp"

using namespace palliacarte;
namespace fs = std::filesystem;

namespace {

constexpr double kLimit = 30 * 60;
constexpr int kSources = 100;

template <class F>
double median_ms(int runs, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: palliacarte_pgrouting_export OUT_DIR\n";
        return 2;
    }
    const fs::path out = argv[1];
    fs::create_directories(out);
    const roads::RoadGraph g = test::load_shipped_roads("corse.json").graph;

    // Edges as pgRouting reads them: ids from 1, one row per directed edge, reverse_cost -1.
    {
        std::ofstream f(out / "edges.csv");
        f << "id,source,target,cost,reverse_cost\n";
        for (roads::NodeId u = 0; u < g.node_count(); ++u)
            for (auto e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
                char line[96];
                std::snprintf(line, sizeof line, "%u,%u,%u,%.9g,-1\n", e + 1, u + 1, g.head(e) + 1,
                              static_cast<double>(g.seconds(e)));
                f << line;
            }
    }
    // Sources spread over the island (every n/100-th node along the Hilbert order).
    std::vector<std::vector<routing::SearchStart>> starts;
    for (int i = 0; i < kSources; ++i)
        starts.push_back(
            {{static_cast<roads::NodeId>((static_cast<std::size_t>(i) * g.node_count()) / kSources +
                                         g.node_count() / (2 * kSources)),
              0}});
    {
        std::ofstream f(out / "sources.csv");
        for (const auto& s : starts) f << s[0].node + 1 << "\n";
    }

    routing::OneToManySearch search(g);
    const double one_ms = median_ms(
        501, [&] { search.run(starts[0], kLimit, routing::SearchDirection::from_sources); });
    const std::size_t one_reached = search.settled().size();
    const double batch_one_thread_ms = median_ms(21, [&] {
        for (const auto& s : starts) search.run(s, kLimit, routing::SearchDirection::from_sources);
    });
    std::vector<std::vector<std::pair<roads::NodeId, double>>> reached(starts.size());
    const double batch_all_cores_ms = median_ms(21, [&] {
        routing::run_search_batch(g, starts, kLimit, routing::SearchDirection::from_sources,
                                  [&](std::size_t i, const routing::OneToManySearch& s) {
                                      reached[i].clear();
                                      for (const roads::NodeId v : s.settled())
                                          reached[i].push_back({v, s.seconds(v)});
                                  });
    });
    {
        std::ofstream f(out / "palliacarte_times.csv");
        f << "source,node,seconds\n";
        char line[96];
        for (std::size_t i = 0; i < starts.size(); ++i)
            for (const auto& [v, t] : reached[i]) {
                std::snprintf(line, sizeof line, "%u,%u,%.6f\n", starts[i][0].node + 1, v + 1, t);
                f << line;
            }
    }
    std::ofstream f(out / "palliacarte_timings.txt");
    f << "nodes " << g.node_count() << "\nedges " << g.edge_count() << "\nthreads "
      << core::worker_count(starts.size()) << "\none_catchment_ms " << one_ms
      << "\none_catchment_reached " << one_reached << "\nbatch_100_one_thread_ms "
      << batch_one_thread_ms << "\nbatch_100_all_cores_ms " << batch_all_cores_ms << "\n";
    std::cout << "palliacarte: " << g.node_count() << " nodes, " << g.edge_count()
              << " edges; one 30-min catchment " << one_ms << " ms (" << one_reached
              << " nodes); 100 catchments " << batch_one_thread_ms << " ms on one thread, "
              << batch_all_cores_ms << " ms on " << core::worker_count(starts.size())
              << " threads\n";
    return 0;
}
