#include "roads/chain_merge.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace palliacarte::roads {

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

// One merge: the input, the candidates, and which nodes a chain passes through.
class ChainMerger {
  public:
    ChainMerger(const std::vector<model::Point>& positions, std::vector<char>& keep,
                std::vector<BuilderEdge>& edges, std::vector<model::Point>& shape_points)
        : positions_(positions),
          keep_(keep),
          edges_(edges),
          shape_points_(shape_points),
          n_(positions.size()),
          cand_(candidates(n_, keep, edges)),
          through_(n_, 0) {}

    std::size_t kept_edges() const { return cand_.kept_edges; }

    // Marks the through nodes: a road continues across them at one pace. Returns their count.
    std::size_t mark_through_nodes() {
        std::size_t count = 0;
        for (NodeId v = 0; v < n_; ++v) {
            const std::uint32_t c = cand_.index[v];
            if (c == kNone) continue;
            const auto& out = cand_.out[c];
            const auto& in = cand_.in[c];
            if (cand_.outs[c] == 1) {  // a one-way road through v
                const BuilderEdge &e_in = edges_[in[0]], &e_out = edges_[out[0]];
                through_[v] = e_in.from != e_out.to && e_in.from != v && e_out.to != v &&
                              agree(in[0], out[0]);
            } else {  // a two-way road: u ⇄ v ⇄ w
                const NodeId w0 = edges_[out[0]].to, w1 = edges_[out[1]].to;
                const NodeId u0 = edges_[in[0]].from, u1 = edges_[in[1]].from;
                if (w0 == w1 || w0 == v || w1 == v ||
                    !((u0 == w0 && u1 == w1) || (u0 == w1 && u1 == w0)))
                    continue;
                // in from u0 continues out to the other neighbour, and the same from u1.
                const std::uint32_t out_after0 = w0 == u0 ? out[1] : out[0];
                const std::uint32_t out_after1 = w0 == u1 ? out[1] : out[0];
                through_[v] = agree(in[0], out_after0) && agree(in[1], out_after1);
            }
            count += through_[v];
        }
        return count;
    }

    // A chain closing on its anchor, or a ring of through nodes no anchor reaches, keeps one of
    // its nodes: every road must stay an edge. Repeats until nothing changes (rare).
    void keep_a_node_on_rings() {
        for (bool changed = true; changed;) {
            changed = false;
            std::vector<char> seen(n_, 0);
            std::vector<NodeId> inner;
            // Chains start on an edge from an anchor into a through node; input order keeps each
            // anchor's edges in their order, so the node kept on a closed chain is the same in
            // any run.
            for (std::uint32_t i = 0; i < edges_.size(); ++i) {
                const NodeId s = edges_[i].from;
                if (!kept_edge(edges_[i]) || through_[s] || !through_[edges_[i].to]) continue;
                inner.clear();
                const NodeId end = walk(s, i, [&](std::uint32_t e) {
                    if (through_[edges_[e].to]) inner.push_back(edges_[e].to);
                });
                for (const NodeId v : inner) seen[v] = 1;
                if (end == s) {
                    through_[inner[inner.size() / 2]] = 0;
                    changed = true;
                }
            }
            for (NodeId v = 0; v < n_; ++v)
                if (through_[v] && !seen[v]) {
                    through_[v] = 0;
                    changed = true;
                    break;
                }
        }
    }

    // The merged edge list replaces the input's: one edge per chain, its shape the pieces'
    // shapes and inner nodes; the through nodes leave `keep`. Returns how many left.
    std::size_t merge() {
        std::vector<BuilderEdge> merged;
        std::vector<model::Point> merged_shape;
        merged.reserve(edges_.size());
        merged_shape.reserve(shape_points_.size());
        for (std::uint32_t first = 0; first < edges_.size(); ++first) {
            const NodeId s = edges_[first].from;
            if (!kept_edge(edges_[first]) || through_[s]) continue;
            BuilderEdge m{
                s, s, 0, 0, edges_[first].link, static_cast<std::uint32_t>(merged_shape.size()), 0};
            double length = 0, seconds = 0;
            m.to = walk(s, first, [&](std::uint32_t e) {
                const BuilderEdge& piece = edges_[e];
                if (piece.from != s) merged_shape.push_back(positions_[piece.from]);  // merged
                merged_shape.insert(merged_shape.end(), shape_points_.begin() + piece.shape_first,
                                    shape_points_.begin() + piece.shape_first + piece.shape_count);
                length += piece.length_m;
                seconds += piece.seconds;
            });
            m.length_m = static_cast<float>(length);
            m.seconds = static_cast<float>(seconds);
            m.shape_count = static_cast<std::uint32_t>(merged_shape.size() - m.shape_first);
            merged.push_back(m);
        }
        std::size_t merged_nodes = 0;
        for (NodeId v = 0; v < n_; ++v)
            if (through_[v]) {
                keep_[v] = 0;
                ++merged_nodes;
            }
        edges_ = std::move(merged);
        shape_points_ = std::move(merged_shape);
        return merged_nodes;
    }

  private:
    // Seconds per drawn metre: equal paces make a merged edge's time proportional to its drawn
    // length, as it was on each piece.
    double pace(std::uint32_t i) const {
        const BuilderEdge& e = edges_[i];
        double d = 0;
        model::Point prev = positions_[e.from];
        for (std::uint32_t k = 0; k <= e.shape_count; ++k) {
            const model::Point& p =
                k < e.shape_count ? shape_points_[e.shape_first + k] : positions_[e.to];
            d += std::sqrt((p.x - prev.x) * (p.x - prev.x) + (p.y - prev.y) * (p.y - prev.y));
            prev = p;
        }
        return d > 0 ? e.seconds / d : -1.0;
    }
    bool agree(std::uint32_t a, std::uint32_t b) const {
        const double pa = pace(a), pb = pace(b);
        return pa > 0 && pb > 0 && std::abs(pa - pb) <= 1e-5 * std::max(pa, pb);
    }
    // The edge out of a through node `v` that does not go back to `prev`.
    std::uint32_t onward(NodeId v, NodeId prev) const {
        const std::uint32_t c = cand_.index[v];
        for (std::uint32_t k = 0; k < cand_.outs[c]; ++k)
            if (edges_[cand_.out[c][k]].to != prev) return cand_.out[c][k];
        return cand_.out[c][0];
    }
    bool kept_edge(const BuilderEdge& e) const { return keep_[e.from] && keep_[e.to]; }
    // Walks a chain from anchor `s` along edge `first`; calls visit(edge) for each piece and
    // returns the anchor it ends at.
    template <class Visit>
    NodeId walk(NodeId s, std::uint32_t first, Visit&& visit) const {
        std::uint32_t e = first;
        NodeId prev = s;
        visit(e);
        std::size_t guard = 0;
        while (through_[edges_[e].to] && guard++ < n_) {
            const NodeId v = edges_[e].to;
            e = onward(v, prev);
            prev = v;
            visit(e);
        }
        return edges_[e].to;
    }

    const std::vector<model::Point>& positions_;
    std::vector<char>& keep_;
    std::vector<BuilderEdge>& edges_;
    std::vector<model::Point>& shape_points_;
    const std::size_t n_;
    const Candidates cand_;
    std::vector<char> through_;
};

}  // namespace

ChainMergeCounts merge_degree_two_chains(const std::vector<model::Point>& positions,
                                         std::vector<char>& keep, std::vector<BuilderEdge>& edges,
                                         std::vector<model::Point>& shape_points) {
    ChainMerger merger(positions, keep, edges, shape_points);
    ChainMergeCounts counts{0, merger.kept_edges()};
    // Nothing to merge (a grid, a network already cut at junctions only): the edges stay.
    if (merger.mark_through_nodes() == 0) return counts;
    merger.keep_a_node_on_rings();
    counts.merged_nodes = merger.merge();
    return counts;
}

}  // namespace palliacarte::roads
