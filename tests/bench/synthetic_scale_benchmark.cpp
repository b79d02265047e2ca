// Scale benchmarks on a SYNTHETIC 2.25-million-node road-like network (see
// synthetic_network.hpp). Targets from the travel-time issue: build >= 1 M nodes/s, one 60-min
// search < 150 ms, multi-source nearest over the whole graph < 300 ms, < 64 bytes per node+edge.
#include <benchmark/benchmark.h>

#include "roads/road_graph_builder.hpp"
#include "routing/nearest_source.hpp"
#include "routing/one_to_many.hpp"
#include "synthetic_network.hpp"

namespace {

using namespace palliacarte;
constexpr std::uint32_t kSide = 1500;  // 2.25 M nodes

const roads::RoadGraph& graph() {
    static const roads::RoadGraph g = [] {
        roads::RoadGraphBuilder b(2154);
        bench::generate_grid_network(b, kSide);
        model::RoadGraphStats stats;
        return b.build(stats);
    }();
    return g;
}

void build(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        roads::RoadGraphBuilder b(2154);
        bench::generate_grid_network(b, kSide);
        state.ResumeTiming();
        model::RoadGraphStats stats;
        roads::RoadGraph g = b.build(stats);
        benchmark::DoNotOptimize(g.out_arc.data());
        state.counters["nodes"] = static_cast<double>(g.node_count());
        state.counters["edges"] = static_cast<double>(g.edge_count());
        state.counters["bytes_per_node_edge"] =
            static_cast<double>(g.memory_bytes()) /
            static_cast<double>(g.node_count() + g.edge_count());
    }
    // items_per_second in the output = input nodes built per second.
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kSide) * kSide);
}

void catchment(benchmark::State& state) {
    const auto& g = graph();
    routing::OneToManySearch s(g);
    // The junction nearest the middle of the grid (node ids follow the Hilbert order).
    roads::NodeId centre = 0;
    const model::Point middle{600000 + 50.0 * kSide, 6500000 + 50.0 * kSide};
    for (roads::NodeId v = 0; v < g.node_count(); ++v)
        if (boost::geometry::distance(g.node_position[v], middle) <
            boost::geometry::distance(g.node_position[centre], middle))
            centre = v;
    for (auto _ : state) {
        s.run({{centre, 0}}, static_cast<double>(state.range(0)) * 60,
              routing::SearchDirection::from_sources);
        benchmark::DoNotOptimize(s.settled().data());
        state.counters["settled"] = static_cast<double>(s.settled().size());
    }
}

void nearest_over_whole_graph(benchmark::State& state) {
    const auto& g = graph();
    std::vector<routing::SourceStart> starts;
    const auto n = static_cast<std::uint32_t>(g.node_count());
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(state.range(0)); ++i)
        starts.push_back(
            {i, static_cast<roads::NodeId>((static_cast<std::uint64_t>(i) * 2654435761u) % n), 0});
    for (auto _ : state) {
        auto r = routing::nearest_source(g, starts, routing::SearchDirection::from_sources);
        benchmark::DoNotOptimize(r.seconds.data());
    }
}

}  // namespace

BENCHMARK(build)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(catchment)->Arg(30)->Arg(60)->Unit(benchmark::kMillisecond);
BENCHMARK(nearest_over_whole_graph)->Arg(100)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
