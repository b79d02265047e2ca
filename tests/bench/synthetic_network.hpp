#pragma once
// SYNTHETIC road-like network for scale benchmarks (the real extracts here are city-sized):
// a perturbed grid, 100 m blocks, with a road hierarchy — residential streets everywhere, a
// primary road every 10th line, a motorway every 100th — some one-way streets and some missing
// blocks. Deterministic (fixed seed).
#include <cstdint>
#include <random>

#include "roads/road_graph_builder.hpp"

namespace palliacarte::bench {

inline void generate_grid_network(roads::RoadGraphBuilder& b, std::uint32_t side) {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> jitter(-30, 30);
    std::uniform_real_distribution<double> unit(0, 1);
    b.reserve(static_cast<std::size_t>(side) * side, static_cast<std::size_t>(side) * side * 4);
    for (std::uint32_t y = 0; y < side; ++y)
        for (std::uint32_t x = 0; x < side; ++x)
            b.add_node({600000 + 100.0 * x + jitter(rng), 6500000 + 100.0 * y + jitter(rng)});
    auto speed = [](std::uint32_t line) {
        return line % 100 == 0 ? 115.0 : line % 10 == 0 ? 70.0 : 30.0;
    };
    auto link = [&](roads::NodeId a, roads::NodeId c, double kmh, bool main_road) {
        if (!main_road && unit(rng) < 0.03) return;  // missing block
        const double len = 100 * (1.0 + 0.2 * unit(rng));
        const double secs = len / (kmh / 3.6);
        const double r = unit(rng);
        if (main_road || r > 0.1) {
            b.add_edge(a, c, len, secs, 0);
            b.add_edge(c, a, len, secs, 0);
        } else {
            (r < 0.05 ? b.add_edge(a, c, len, secs, 0)
                      : b.add_edge(c, a, len, secs, 0));  // one-way
        }
    };
    for (std::uint32_t y = 0; y < side; ++y)
        for (std::uint32_t x = 0; x < side; ++x) {
            const roads::NodeId v = y * side + x;
            if (x + 1 < side) link(v, v + 1, speed(y), y % 10 == 0);
            if (y + 1 < side) link(v, v + side, speed(x), x % 10 == 0);
        }
}

}  // namespace palliacarte::bench
