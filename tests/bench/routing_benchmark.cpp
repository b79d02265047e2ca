// Routing benchmarks on the real Corsica network (31,333 nodes, 64,954 directed links).
#include <benchmark/benchmark.h>

#include <map>

#include "analysis/catchment_polygon.hpp"
#include "crs/crs_transform.hpp"
#include "roads/osm_road_loader.hpp"
#include "routing/nearest_source.hpp"
#include "routing/one_to_many.hpp"
#include "routing/road_snapper.hpp"
#include "routing/search_batch.hpp"
#include "routing/snap_raster.hpp"
#include "territory_roads.hpp"
#include "test_paths.hpp"

namespace {

using namespace palliacarte;

const roads::RoadGraph& corsica() {
    static const roads::RoadGraph g = test::load_shipped_roads("corse.json").graph;
    return g;
}

void build_corsica(benchmark::State& state) {
    const config::RoadSourceConfig roads = test::shipped_roads("corse.json");
    const auto profile = roads::CarProfile::load(roads.profile_path);
    for (auto _ : state) {
        model::RoadLoadStats stats;
        core::LoadReport report;
        auto g = roads::load_ogr_links(roads, 2154, profile, stats, report);
        benchmark::DoNotOptimize(g.out_arc.data());
        state.counters["nodes"] = static_cast<double>(g.node_count());
        state.counters["bytes_per_node_edge"] =
            static_cast<double>(g.memory_bytes()) /
            static_cast<double>(g.node_count() + g.edge_count());
    }
}

void catchment(benchmark::State& state) {
    const auto& g = corsica();
    routing::OneToManySearch s(g);
    roads::NodeId start = 0;
    for (auto _ : state) {
        s.run({{start, 0}}, static_cast<double>(state.range(0)) * 60,
              routing::SearchDirection::from_sources);
        benchmark::DoNotOptimize(s.settled().data());
        state.counters["settled"] = static_cast<double>(s.settled().size());
        start = (start + 7919) % static_cast<roads::NodeId>(g.node_count());
    }
}

void nearest_100(benchmark::State& state) {
    const auto& g = corsica();
    std::vector<routing::SourceStart> starts;
    for (std::uint32_t i = 0; i < 100; ++i)
        starts.push_back({i, static_cast<roads::NodeId>((i * 313u) % g.node_count()), 0});
    for (auto _ : state) {
        auto r = routing::nearest_source(g, starts, routing::SearchDirection::from_sources);
        benchmark::DoNotOptimize(r.seconds.data());
    }
}

// 100 catchments of 30 minutes (one per structure), on all cores.
void catchment_batch_100(benchmark::State& state) {
    const auto& g = corsica();
    std::vector<std::vector<routing::SearchStart>> starts;
    for (std::uint32_t i = 0; i < 100; ++i)
        starts.push_back({{static_cast<roads::NodeId>((i * 313u) % g.node_count()), 0}});
    std::vector<std::size_t> reached(starts.size());
    for (auto _ : state) {
        routing::run_search_batch(g, starts, 1800, routing::SearchDirection::from_sources,
                                  [&](std::size_t i, const routing::OneToManySearch& s) {
                                      reached[i] = s.settled().size();
                                  });
        benchmark::DoNotOptimize(reached.data());
    }
}

// The polygons of one structure's catchment at 15, 30 and 45 minutes, built as /analysis/catchment
// builds them (each limit on the previous one), searches included. Arg 0: Corte (mountains),
// 1: Ajaccio (the largest).
void catchment_polygons_15_30_45(benchmark::State& state) {
    const auto& g = corsica();
    const routing::RoadSnapper snapper(g, 15, 1000);
    double x = state.range(0) == 0 ? 9.1497 : 8.7351, y = state.range(0) == 0 ? 42.3064 : 41.9230;
    crs::CrsTransform("EPSG:4326", "EPSG:2154").transform(x, y);
    const model::Point start{x, y};
    const auto snap = snapper.snap(start);
    const auto starts = snapper.starts(*snap, routing::SearchDirection::from_sources);
    const config::CatchmentShape shape;
    const geos::GeosContext geos;
    routing::OneToManySearch search(g);
    for (auto _ : state) {
        std::vector<std::vector<std::vector<model::Point>>> pieces;
        double before = -1;
        for (const double minutes : {15.0, 30.0, 45.0}) {
            search.run(starts, minutes * 60, routing::SearchDirection::from_sources);
            pieces.push_back(analysis::reached_road_pieces(g, search, before));
            before = minutes * 60;
        }
        const auto polygons =
            analysis::road_catchment_polygons(geos, pieces, shape, {start, snap->on_road});
        std::size_t points = 0;
        for (const auto& mp : polygons) points += boost::geometry::num_points(mp);
        state.counters["points"] = static_cast<double>(points);
    }
}

// The snap raster of the whole of Corsica at the catchment surface's default cell (100 m):
// built once per network and cached, but a first analysis waits for it.
void snap_raster_corsica(benchmark::State& state) {
    const auto& g = corsica();
    const routing::RoadSnapper snapper(g, 15, 1000);
    for (auto _ : state) {
        const routing::SnapRaster raster(g, snapper, static_cast<double>(state.range(0)));
        benchmark::DoNotOptimize(raster.at(0, 0));
        state.counters["cells"] = static_cast<double>(raster.width() * raster.height());
    }
}

}  // namespace

BENCHMARK(catchment_polygons_15_30_45)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(snap_raster_corsica)->Arg(100)->Arg(50)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(catchment_batch_100)->Unit(benchmark::kMillisecond)->UseRealTime();
// The compact graph against the full one (roads.merge_chains): memory and the time of a
// 10-minute search from 50 starts, on the city OSM extracts and Corsica. Arg: merged (1) or not.
const roads::RoadGraph& extract(int which, bool merged) {
    static std::map<std::pair<int, bool>, roads::RoadGraph> graphs;
    auto& g = graphs[{which, merged}];
    if (g.node_count() == 0) {
        model::RoadLoadStats stats;
        core::LoadReport report;
        if (which == 0) {
            config::RoadSourceConfig roads = test::shipped_roads("corse.json");
            roads.merge_chains = merged;
            g = roads::load_ogr_links(roads, 2154, roads::CarProfile::load(roads.profile_path),
                                      stats, report);
        } else {
            static const char* files[] = {
                "", "osm/saint-germain-en-laye_78_highway_2022-12-18.osm.pbf",
                "osm/paris16_trocadero_75_highway_2022-12-22.osm.pbf",
                "osm/monaco-and-french-neighbours_06_osrm-test_2016-03-05.osm.pbf"};
            g = roads::load_osm_roads(test::data(files[which]), 2154,
                                      roads::CarProfile::load(test::config("profiles/car-fr.json")),
                                      stats, report, {}, merged);
        }
    }
    return g;
}

void compact_graph(benchmark::State& state) {
    const roads::RoadGraph& g = extract(static_cast<int>(state.range(0)), state.range(1) != 0);
    routing::OneToManySearch s(g);
    for (auto _ : state)
        for (roads::NodeId k = 0; k < 50; ++k) {
            s.run({{static_cast<roads::NodeId>(k * 7919u % g.node_count()), 0}}, 600,
                  routing::SearchDirection::from_sources);
            benchmark::DoNotOptimize(s.settled().data());
        }
    state.counters["nodes"] = static_cast<double>(g.node_count());
    state.counters["edges"] = static_cast<double>(g.edge_count());
    state.counters["MB"] = static_cast<double>(g.memory_bytes()) / 1e6;
}

BENCHMARK(compact_graph)
    ->ArgsProduct({{0, 1, 2, 3}, {0, 1}})
    ->ArgNames({"extract", "merged"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(build_corsica)->Unit(benchmark::kMillisecond);
BENCHMARK(catchment)->Arg(30)->Arg(60)->Arg(600)->Unit(benchmark::kMillisecond);
BENCHMARK(nearest_100)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
