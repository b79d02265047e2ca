#include "roads/chain_merge.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace palliacarte {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// The edges in and out of each node that may only continue a road (one in and one out, or two
// of each), in input order. Only those nodes get lists: at country scale a full adjacency of
// every edge costs more than the whole pass (a grid has next to none of them).
struct Candidates {
    std::vector<std::uint32_t> index;  // per node: its candidate number, or kNone
    std::vector<std::array<std::uint32_t, 2>> out, in;
    std::vector<std::uint8_t> outs;  // per candidate: 1 or 2 (as many in as out)
    std::size_t kept_edges = 0;
};

Candidates candidates(std::size_t n, const std::vector<char>& keep,
                      const std::vector<BuilderEdge>& edges) {
    Candidates c;
    // Degrees of up to 3 (enough to tell 1 and 2 from more), in and out in one byte.
    std::vector<std::uint8_t> degree(n, 0);
    for (const auto& e : edges) {
        if (!keep[e.from] || !keep[e.to]) continue;
        ++c.kept_edges;
        if ((degree[e.from] & 3) != 3) ++degree[e.from];
        if ((degree[e.to] >> 2) != 3) degree[e.to] += 4;
    }
    c.index.assign(n, kNone);
    for (std::size_t v = 0; v < n; ++v)
        if (keep[v] && (degree[v] == (1 | 1 << 2) || degree[v] == (2 | 2 << 2))) {
            c.index[v] = static_cast<std::uint32_t>(c.outs.size());
            c.outs.push_back(degree[v] & 3);
        }
    c.out.assign(c.outs.size(), {kNone, kNone});
    c.in.assign(c.outs.size(), {kNone, kNone});
    auto place = [](std::array<std::uint32_t, 2>& slots, std::uint32_t i) {
        slots[slots[0] == kNone ? 0 : 1] = i;
    };
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
        const BuilderEdge& e = edges[i];
        if (!keep[e.from] || !keep[e.to]) continue;
        if (c.index[e.from] != kNone) place(c.out[c.index[e.from]], i);
        if (c.index[e.to] != kNone) place(c.in[c.index[e.to]], i);
    }
    return c;
}

}  // namespace

ChainMergeCounts merge_degree_two_chains(const std::vector<Point>& positions,
                                         std::vector<char>& keep, std::vector<BuilderEdge>& edges,
                                         std::vector<Point>& shape_points) {
    const std::size_t n = positions.size();
    const Candidates cand = candidates(n, keep, edges);
    ChainMergeCounts counts{0, cand.kept_edges};
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
        const std::uint32_t c = cand.index[v];
        for (std::uint32_t k = 0; k < cand.outs[c]; ++k)
            if (edges[cand.out[c][k]].to != prev) return cand.out[c][k];
        return cand.out[c][0];
    };
    std::vector<char> through(n, 0);
    std::size_t through_count = 0;
    for (NodeId v = 0; v < n; ++v) {
        const std::uint32_t c = cand.index[v];
        if (c == kNone) continue;
        const auto& out = cand.out[c];
        const auto& in = cand.in[c];
        if (cand.outs[c] == 1) {  // a one-way road through v
            const BuilderEdge &e_in = edges[in[0]], &e_out = edges[out[0]];
            through[v] =
                e_in.from != e_out.to && e_in.from != v && e_out.to != v && agree(in[0], out[0]);
        } else {  // a two-way road: u ⇄ v ⇄ w
            const NodeId w0 = edges[out[0]].to, w1 = edges[out[1]].to;
            const NodeId u0 = edges[in[0]].from, u1 = edges[in[1]].from;
            if (w0 == w1 || w0 == v || w1 == v ||
                !((u0 == w0 && u1 == w1) || (u0 == w1 && u1 == w0)))
                continue;
            // in from u0 continues out to the other neighbour, and the same from u1.
            const std::uint32_t out_after0 = w0 == u0 ? out[1] : out[0];
            const std::uint32_t out_after1 = w0 == u1 ? out[1] : out[0];
            through[v] = agree(in[0], out_after0) && agree(in[1], out_after1);
        }
        through_count += through[v];
    }

    // Nothing to merge (a grid, a network already cut at junctions only): the edges stay.
    if (through_count == 0) return counts;
    auto kept_edge = [&](const BuilderEdge& e) { return keep[e.from] && keep[e.to]; };

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
        std::vector<NodeId> inner;
        // Chains start on an edge from an anchor into a through node; input order keeps each
        // anchor's edges in their order, so the node kept on a closed chain is the same in any run.
        for (std::uint32_t i = 0; i < edges.size(); ++i) {
            const NodeId s = edges[i].from;
            if (!kept_edge(edges[i]) || through[s] || !through[edges[i].to]) continue;
            inner.clear();
            const NodeId end = walk(s, i, [&](std::uint32_t e) {
                if (through[edges[e].to]) inner.push_back(edges[e].to);
            });
            for (const NodeId v : inner) seen[v] = 1;
            if (end == s) {
                through[inner[inner.size() / 2]] = 0;
                changed = true;
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
    for (std::uint32_t first = 0; first < edges.size(); ++first) {
        const NodeId s = edges[first].from;
        if (!kept_edge(edges[first]) || through[s]) continue;
        BuilderEdge m{
            s, s, 0, 0, edges[first].link, static_cast<std::uint32_t>(merged_shape.size()), 0};
        double length = 0, seconds = 0;
        const NodeId end = walk(s, first, [&](std::uint32_t e) {
            const BuilderEdge& piece = edges[e];
            if (piece.from != s) merged_shape.push_back(positions[piece.from]);  // a merged node
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
    for (NodeId v = 0; v < n; ++v)
        if (through[v]) {
            keep[v] = 0;
            ++counts.merged_nodes;
        }
    edges = std::move(merged);
    shape_points = std::move(merged_shape);
    return counts;
}

}  // namespace palliacarte
