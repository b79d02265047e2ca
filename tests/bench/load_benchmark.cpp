// Loading benchmarks. The target: national communes + national FINESS loaded,
// reprojected and validated in under 8 s wall on 2 cores, under 2 GB peak memory
// (measure memory with /usr/bin/time -v on this binary).
#include <benchmark/benchmark.h>

#include "config/territory_config.hpp"
#include "load/territory_loader.hpp"
#include "test_paths.hpp"

namespace {

void load(benchmark::State& state, const char* config_name) {
    const auto config = palliacarte::config::load_territory_config(
        palliacarte::test::config(config_name), palliacarte::test::data_root_for(config_name));
    for (auto _ : state) {
        const auto t = palliacarte::load::load_territory(config);
        benchmark::DoNotOptimize(t.communes.data());
        state.counters["communes"] = static_cast<double>(t.communes.size());
        state.counters["structures"] = static_cast<double>(t.structures.size());
        for (const auto& step : t.load.timings) state.counters[step.step + "_s"] = step.seconds;
    }
}

}  // namespace

BENCHMARK_CAPTURE(load, hauts_de_seine, "hauts-de-seine.json")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(load, corse, "corse.json")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(load, france_entiere, "france-entiere.json")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

BENCHMARK_MAIN();
