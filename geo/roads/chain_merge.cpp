#include "roads/chain_merge.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace palliacarte {

namespace {

// Out and in edges of each kept node (indices into the edge list), edges between kept nodes.
struct Adjacency {
    std::vector<std::uint32_t> first_out, out, first_in, in;
};

Adjacency adjacency(std::size_t n, const std::vector<char>& keep,
                    const std::vector<BuilderEdge>& edges) {
    Adjacency a;
    a.first_out.assign(n + 1, 0);
    a.first_in.assign(n + 1, 0);
    auto kept = [&](const BuilderEdge& e) { return keep[e.from] && keep[e.to]; };
    for (const auto& e : edges)
        if (kept(e)) ++a.first_out[e.from + 1], ++a.first_in[e.to + 1];
    std::partial_sum(a.first_out.begin(), a.first_out.end(), a.first_out.begin());
    std::partial_sum(a.first_in.begin(), a.first_in.end(), a.first_in.begin());
    a.out.resize(a.first_out[n]);
    a.in.resize(a.first_in[n]);
    std::vector<std::uint32_t> co(a.first_out.begin(), a.first_out.end() - 1),
        ci(a.first_in.begin(), a.first_in.end() - 1);
    for (std::uint32_t i = 0; i < edges.size(); ++i)
        if (kept(edges[i])) {
            a.out[co[edges[i].from]++] = i;
            a.in[ci[edges[i].to]++] = i;
        }
    return a;
}

}  // namespace

std::size_t merge_degree_two_chains(const std::vector<Point>& positions, std::vector<char>& keep,
                                    std::vector<BuilderEdge>& edges,
                                    std::vector<Point>& shape_points) {
    const std::size_t n = positions.size();
    const Adjacency adj = adjacency(n, keep, edges);
    // Seconds per drawn metre: equal paces make a merged edge's time proportional to its drawn
    // length, as it was on each piece.
    auto pace = [&](std::uint32_t i) {
        const BuilderEdge& e = edges[i];
        double d = 0;
        Point prev = positions[e.from];
        for (std::uint32_t k = 0; k <= e.shape_count; ++k) {
            const Point& p = k < e.shape_count ? shape_points[e.shape_first + k] : positions[e.to];
            d += std::sqrt((p.x - prev.x) * (p.x - prev.x) + (p.y - prev.y) * (p.y - prev.y));
            prev = p;
        }
        return d > 0 ? e.seconds / d : -1.0;
    };
    auto agree = [&](std::uint32_t a, std::uint32_t b) {
        const double pa = pace(a), pb = pace(b);
        return pa > 0 && pb > 0 && std::abs(pa - pb) <= 1e-5 * std::max(pa, pb);
    };
    // The edge out of a through node `v` that does not go back to `prev`.
    auto onward = [&](NodeId v, NodeId prev) {
        for (auto k = adj.first_out[v]; k < adj.first_out[v + 1]; ++k)
            if (edges[adj.out[k]].to != prev) return adj.out[k];
        return adj.out[adj.first_out[v]];
    };
    std::vector<char> through(n, 0);
    for (NodeId v = 0; v < n; ++v) {
        if (!keep[v]) continue;
        const auto o0 = adj.first_out[v], o1 = adj.first_out[v + 1];
        const auto i0 = adj.first_in[v], i1 = adj.first_in[v + 1];
        if (o1 - o0 == 1 && i1 - i0 == 1) {  // a one-way road through v
            const BuilderEdge &in = edges[adj.in[i0]], &out = edges[adj.out[o0]];
            through[v] =
                in.from != out.to && in.from != v && out.to != v && agree(adj.in[i0], adj.out[o0]);
        } else if (o1 - o0 == 2 && i1 - i0 == 2) {  // a two-way road: u ⇄ v ⇄ w
            const NodeId w0 = edges[adj.out[o0]].to, w1 = edges[adj.out[o0 + 1]].to;
            const NodeId u0 = edges[adj.in[i0]].from, u1 = edges[adj.in[i0 + 1]].from;
            if (w0 == w1 || w0 == v || w1 == v ||
                !((u0 == w0 && u1 == w1) || (u0 == w1 && u1 == w0)))
                continue;
            // in from u0 continues out to the other neighbour, and the same from u1.
            const std::uint32_t out_after0 =
                edges[adj.out[o0]].to == u0 ? adj.out[o0 + 1] : adj.out[o0];
            const std::uint32_t out_after1 =
                edges[adj.out[o0]].to == u1 ? adj.out[o0 + 1] : adj.out[o0];
            through[v] = agree(adj.in[i0], out_after0) && agree(adj.in[i0 + 1], out_after1);
        }
    }

    // Nothing to merge (a grid, a network already cut at junctions only): the edges stay.
    if (std::find(through.begin(), through.end(), 1) == through.end()) return 0;

    // Walks a chain from anchor `s` along edge `first`; calls visit(edge) for each piece and
    // returns the anchor it ends at.
    auto walk = [&](NodeId s, std::uint32_t first, auto&& visit) {
        std::uint32_t e = first;
        NodeId prev = s;
        visit(e);
        std::size_t guard = 0;
        while (through[edges[e].to] && guard++ < n) {
            const NodeId v = edges[e].to;
            e = onward(v, prev);
            prev = v;
            visit(e);
        }
        return edges[e].to;
    };
    // A chain closing on its anchor, or a ring of through nodes no anchor reaches, keeps one of
    // its nodes: every road must stay an edge. Repeat until nothing changes (rare).
    for (bool changed = true; changed;) {
        changed = false;
        std::vector<char> seen(n, 0);
        for (NodeId s = 0; s < n; ++s) {
            if (!keep[s] || through[s]) continue;
            for (auto k = adj.first_out[s]; k < adj.first_out[s + 1]; ++k) {
                std::vector<NodeId> inner;
                const NodeId end = walk(s, adj.out[k], [&](std::uint32_t e) {
                    if (through[edges[e].to]) inner.push_back(edges[e].to);
                });
                for (const NodeId v : inner) seen[v] = 1;
                if (end == s && !inner.empty()) {
                    through[inner[inner.size() / 2]] = 0;
                    changed = true;
                }
            }
        }
        for (NodeId v = 0; v < n; ++v)
            if (through[v] && !seen[v]) {
                through[v] = 0;
                changed = true;
                break;
            }
    }

    // The merged edge list: one edge per chain, its shape the pieces' shapes and inner nodes.
    std::vector<BuilderEdge> merged;
    std::vector<Point> merged_shape;
    merged.reserve(edges.size());
    merged_shape.reserve(shape_points.size());
    for (NodeId s = 0; s < n; ++s) {
        if (!keep[s] || through[s]) continue;
        for (auto k = adj.first_out[s]; k < adj.first_out[s + 1]; ++k) {
            const std::uint32_t first = adj.out[k];
            BuilderEdge m{
                s, s, 0, 0, edges[first].link, static_cast<std::uint32_t>(merged_shape.size()), 0};
            double length = 0, seconds = 0;
            const NodeId end = walk(s, first, [&](std::uint32_t e) {
                const BuilderEdge& piece = edges[e];
                if (piece.from != s)
                    merged_shape.push_back(positions[piece.from]);  // a merged node
                merged_shape.insert(merged_shape.end(), shape_points.begin() + piece.shape_first,
                                    shape_points.begin() + piece.shape_first + piece.shape_count);
                length += piece.length_m;
                seconds += piece.seconds;
            });
            m.to = end;
            m.length_m = static_cast<float>(length);
            m.seconds = static_cast<float>(seconds);
            m.shape_count = static_cast<std::uint32_t>(merged_shape.size() - m.shape_first);
            merged.push_back(m);
        }
    }
    std::size_t removed = 0;
    for (NodeId v = 0; v < n; ++v)
        if (through[v]) {
            keep[v] = 0;
            ++removed;
        }
    edges = std::move(merged);
    shape_points = std::move(merged_shape);
    return removed;
}

}  // namespace palliacarte
