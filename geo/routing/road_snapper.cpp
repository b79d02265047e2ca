#include "routing/road_snapper.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

#include "roads/edge_shape.hpp"

namespace palliacarte::routing {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

// One entry per run of up to kRun straight pieces of road, which may run on from one road into
// the next (in edge order, which follows the Hilbert order of the junctions: the next road is
// usually next door). A country's roads have ~80 million pieces on ~25 million roads: an
// entry per piece cost 3 GB of tree, per road 1 GB and 11 s to pack; runs of 8 pieces across
// roads, a third of that; runs of 16 pieces up to 400 m, 0.55 GB and 3–6 s less again (the
// tree is packed on one core), while a query checks a few more pieces.
constexpr std::uint32_t kRun = 16;
// A run stops growing when its box would be wider than this: boxes stay within a few times the
// first query window (250 m).
constexpr double kRunSpanM = 400;
struct RoadSnapper::Index {
    struct Run {
        std::uint32_t road;         // index in `roads` of its first piece's road
        std::uint32_t first_piece;  // that piece, along the road
        std::uint32_t pieces;       // how many, running on into the next roads
    };
    using Entry = std::pair<model::Box, Run>;
    std::vector<roads::EdgeId> roads;  // the edges standing for a road, in edge order
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

RoadSnapper::RoadSnapper(const roads::RoadGraph& graph, double off_network_kmh,
                         double max_distance_m)
    : g_(graph),
      off_network_mps_(off_network_kmh / 3.6),
      max_distance_m_(max_distance_m),
      index_(std::make_unique<Index>()) {
    std::vector<Index::Entry> runs;
    Index::Entry run{model::Box{}, {0, 0, 0}};
    auto close_run = [&] {
        if (run.second.pieces > 0) runs.push_back(run);
        run.second.pieces = 0;
    };
    auto& roads = index_->roads;
    roads.reserve(graph.edge_count() / 2 + 1);
    for (roads::NodeId u = 0; u < graph.node_count(); ++u)
        for (auto e = graph.first_out[u]; e < graph.first_out[u + 1]; ++e) {
            // One road, one set of pieces: the edge with the lower tail id stands for a pair.
            if (!stands_for_road(e, u)) continue;
            const auto road = static_cast<std::uint32_t>(roads.size());
            roads.push_back(e);
            const std::uint32_t pieces = static_cast<std::uint32_t>(graph.via(e).size()) + 1;
            model::Point a = roads::edge_vertex(graph, u, e, 0);
            for (std::uint32_t k = 0; k < pieces; ++k) {
                const model::Point b = roads::edge_vertex(graph, u, e, k + 1);
                model::Box grown = run.first;
                bg::expand(grown, a);
                bg::expand(grown, b);
                const bool too_wide = grown.max_corner().x - grown.min_corner().x > kRunSpanM ||
                                      grown.max_corner().y - grown.min_corner().y > kRunSpanM;
                if (run.second.pieces == kRun || (run.second.pieces > 0 && too_wide)) close_run();
                if (run.second.pieces == 0) {
                    run.second = {road, k, 0};
                    bg::assign_inverse(run.first);
                }
                bg::expand(run.first, a);
                bg::expand(run.first, b);
                ++run.second.pieces;
                a = b;
            }
        }
    close_run();
    index_->tree = decltype(index_->tree)(runs.begin(), runs.end());
}

RoadSnapper::~RoadSnapper() = default;

std::optional<roads::EdgeId> RoadSnapper::twin(roads::EdgeId e, roads::NodeId tail) const {
    // The same road the other way: from head to tail, with the same shape reversed. Two roads
    // may join the same two junctions (merged chains make that common): the shape tells them
    // apart.
    // Links drawn as straight lines may share their shape while their lengths differ (a loop
    // road and a short cut between the same junctions): the same length breaks the tie.
    const roads::NodeId u = tail, v = g_.head(e);
    const auto via = g_.via(e);
    std::optional<roads::EdgeId> found;
    for (auto r = g_.first_out[v]; r < g_.first_out[v + 1]; ++r) {
        if (g_.head(r) != u) continue;
        const auto back = g_.via(r);
        if (back.size() != via.size() || !std::equal(via.begin(), via.end(), back.rbegin()))
            continue;
        if (std::abs(g_.length_m[r] - g_.length_m[e]) < 0.01f) return static_cast<roads::EdgeId>(r);
        if (!found) found = static_cast<roads::EdgeId>(r);
    }
    return found;
}

std::optional<RoadSnap> RoadSnapper::snap(const model::Point& p) const {
    return snap(p, max_distance_m_);
}

std::optional<RoadSnap> RoadSnapper::snap(const model::Point& p, double max_distance_m) const {
    std::optional<RoadSnap> best;
    auto consider = [&](const Index::Entry& entry) {
        const Index::Run& run = entry.second;
        std::uint32_t road = run.road, k = run.first_piece;
        roads::EdgeId e = index_->roads[road];
        roads::NodeId tail = g_.tail(e);
        for (std::uint32_t n = 0; n < run.pieces; ++n, ++k) {
            if (k == g_.via(e).size() + 1) {  // on into the next road (its tail is next door)
                e = index_->roads[++road];
                k = 0;
                while (g_.first_out[tail + 1] <= e) ++tail;
            }
            const model::Point a = roads::edge_vertex(g_, tail, e, k),
                               b = roads::edge_vertex(g_, tail, e, k + 1);
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double len2 = dx * dx + dy * dy;
            const double t =
                len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
            const model::Point q{a.x + t * dx, a.y + t * dy};
            const double d = std::hypot(p.x - q.x, p.y - q.y);
            // Two roads drawn on the same line (straight links between the same junctions):
            // the quicker one, whatever the order of the edges.
            if (d > max_distance_m ||
                (best && (d > best->distance_m ||
                          (d == best->distance_m && g_.seconds(e) >= g_.seconds(best->edge)))))
                continue;
            // Position along the whole road, as a share of its drawn length.
            const auto line = roads::edge_line(g_, e);
            const double before =
                roads::polyline_length(std::span<const model::Point>(line).first(k + 1));
            const double total = roads::polyline_length(line);
            const double fraction = total > 0 ? (before + t * std::sqrt(len2)) / total : 0.0;
            best = RoadSnap{e, fraction, q, d, d / off_network_mps_};
        }
    };
    // Windows growing from 250 m: a segment nearer than the window's half-width has a box
    // meeting the window, so once the best segment is that near, nothing outside can beat it.
    // (Cheaper than an incremental nearest query over the whole tree.)
    std::vector<Index::Entry> hits;
    for (double r = std::min(250.0, max_distance_m);; r = std::min(2 * r, max_distance_m)) {
        hits.clear();
        index_->tree.query(bgi::intersects(model::Box({p.x - r, p.y - r}, {p.x + r, p.y + r})),
                           std::back_inserter(hits));
        for (const auto& h : hits) consider(h);
        if ((best && best->distance_m <= r) || r >= max_distance_m) break;
    }
    return best;
}

double RoadSnapper::along_same_road(const RoadSnap& from, const RoadSnap& to) const {
    if (from.edge != to.edge) return kUnreached;
    const double legs = from.leg_seconds + to.leg_seconds;
    if (to.fraction >= from.fraction)
        return legs + (to.fraction - from.fraction) * g_.seconds(from.edge);
    const auto back = twin(from.edge);
    return back ? legs + (from.fraction - to.fraction) * g_.seconds(*back) : kUnreached;
}

std::vector<SearchStart> RoadSnapper::starts(const RoadSnap& s, SearchDirection direction) const {
    std::vector<SearchStart> out;
    const roads::EdgeId e = s.edge;
    const roads::NodeId tail = g_.tail(e), head = g_.head(e);
    const double w = g_.seconds(e);
    const auto back = twin(e);
    if (direction == SearchDirection::from_sources) {
        // Drive on from the snapped point: along e to its head, and back along the twin.
        out.push_back({head, s.leg_seconds + (1 - s.fraction) * w});
        if (back) out.push_back({tail, s.leg_seconds + s.fraction * g_.seconds(*back)});
    } else {
        // Arrive at the point: along e from its tail, or along the twin from e's head.
        out.push_back({tail, s.leg_seconds + s.fraction * w});
        if (back) out.push_back({head, s.leg_seconds + (1 - s.fraction) * g_.seconds(*back)});
    }
    return out;
}

}  // namespace palliacarte::routing
