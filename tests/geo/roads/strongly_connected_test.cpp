// Strongly connected components, which decide which junctions the graph keeps: a small graph
// worked out by hand, random graphs checked against reachability both ways, and a ring too deep
// for a recursive search.
#include "roads/strongly_connected.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>

using namespace palliacarte;

namespace {

struct Csr {
    std::vector<std::uint32_t> first, head;
};

Csr csr(std::uint32_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs) {
    Csr g;
    g.first.assign(n + 1, 0);
    for (const auto& [a, b] : arcs) ++g.first[a + 1];
    for (std::uint32_t v = 0; v < n; ++v) g.first[v + 1] += g.first[v];
    g.head.resize(arcs.size());
    std::vector<std::uint32_t> cursor(g.first.begin(), g.first.end() - 1);
    for (const auto& [a, b] : arcs) g.head[cursor[a]++] = b;
    return g;
}

// Nodes reachable from s.
std::vector<char> reach(const Csr& g, std::uint32_t s) {
    std::vector<char> seen(g.first.size() - 1, 0);
    std::vector<std::uint32_t> todo{s};
    seen[s] = 1;
    while (!todo.empty()) {
        const auto v = todo.back();
        todo.pop_back();
        for (auto e = g.first[v]; e < g.first[v + 1]; ++e)
            if (!seen[g.head[e]]) seen[g.head[e]] = 1, todo.push_back(g.head[e]);
    }
    return seen;
}

}  // namespace

TEST(StronglyConnected, CyclesJoinedOneWayStayApart) {
    // 0 → 1 → 2 → 0 and 3 ⇄ 4, joined by 2 → 3 only; 5 loops on itself; 6 → 7 goes one way.
    const Csr g = csr(8, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 3}, {5, 5}, {6, 7}});
    std::uint32_t count = 0;
    const auto c = roads::strongly_connected_components(g.first, g.head, &count);
    ASSERT_EQ(c.size(), 8u);
    EXPECT_EQ(count, 5u);
    EXPECT_EQ(c[0], c[1]);
    EXPECT_EQ(c[1], c[2]);
    EXPECT_EQ(c[3], c[4]);
    EXPECT_NE(c[0], c[3]);
    EXPECT_NE(c[5], c[0]);
    EXPECT_NE(c[5], c[3]);
    EXPECT_NE(c[6], c[7]);
    for (const auto k : c) EXPECT_LT(k, count);
}

TEST(StronglyConnected, SameComponentExactlyWhenEachReachesTheOther) {
    std::mt19937 rng(11);
    for (const std::uint32_t n : {1u, 2u, 30u, 200u, 400u}) {
        for (const double arcs_per_node : {0.8, 1.2, 2.0}) {
            std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
            const auto m = static_cast<std::size_t>(arcs_per_node * n);
            for (std::size_t i = 0; i < m; ++i) arcs.emplace_back(rng() % n, rng() % n);
            const Csr g = csr(n, arcs);
            std::uint32_t count = 0;
            const auto c = roads::strongly_connected_components(g.first, g.head, &count);
            std::vector<std::vector<char>> r;
            for (std::uint32_t v = 0; v < n; ++v) r.push_back(reach(g, v));
            std::size_t wrong = 0;
            for (std::uint32_t u = 0; u < n; ++u)
                for (std::uint32_t v = 0; v < n; ++v)
                    wrong += (c[u] == c[v]) != (r[u][v] && r[v][u]);
            EXPECT_EQ(wrong, 0u) << n << " nodes, " << m << " arcs";
            std::vector<char> used(count, 0);
            for (const auto k : c) used.at(k) = 1;
            EXPECT_EQ(std::count(used.begin(), used.end(), 1), count);  // numbered 0..count-1
        }
    }
}

TEST(StronglyConnected, ARingOfTwoMillionNodesIsOneComponent) {
    constexpr std::uint32_t n = 2'000'000;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
    for (std::uint32_t v = 0; v < n; ++v) arcs.emplace_back(v, (v + 1) % n);
    const Csr g = csr(n, arcs);
    std::uint32_t count = 0;
    const auto c = roads::strongly_connected_components(g.first, g.head, &count);
    EXPECT_EQ(count, 1u);
    EXPECT_EQ(std::count(c.begin(), c.end(), c[0]), n);
}
