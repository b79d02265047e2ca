#include "analysis/catchment_polygon.hpp"

#include <cmath>
#include <numbers>
#include <unordered_set>

#include "roads/edge_shape.hpp"

namespace palliacarte {

std::vector<std::vector<Point>> reached_road_pieces(const RoadGraph& g,
                                                    const OneToManySearch& search) {
    const auto reached = search.reached_edges();
    const bool forward = search.direction() == SearchDirection::from_sources;
    // Wholly reached edges, to drop the second direction of a two-way road.
    std::unordered_set<EdgeId> whole;
    for (const auto& r : reached)
        if (r.fraction >= 1.0) whole.insert(r.edge);
    std::vector<std::vector<Point>> pieces;
    pieces.reserve(reached.size());
    for (const auto& r : reached) {
        if (r.fraction <= 0) continue;
        if (r.fraction >= 1.0) {
            const NodeId u = g.tail(r.edge), v = g.head(r.edge);
            bool twin_kept = false;
            for (auto e = g.first_out[v]; e < g.first_out[v + 1] && !twin_kept; ++e)
                twin_kept = g.head(e) == u && e < r.edge && whole.count(e) &&
                            g.via(e).size() == g.via(r.edge).size() &&
                            std::abs(g.length_m[e] - g.length_m[r.edge]) < 0.01f;
            if (twin_kept) continue;
            pieces.push_back(edge_line(g, r.edge));
            continue;
        }
        // A search "to" the structure enters an edge at its head (the end nearer to it).
        const auto line = edge_line(g, r.edge);
        pieces.push_back(forward ? line_part(line, 0, r.fraction)
                                 : line_part(line, 1 - r.fraction, 1));
    }
    return pieces;
}

namespace {

GEOSGeometry* make_line(GEOSContextHandle_t h, const std::vector<Point>& line) {
    std::vector<double> xy;
    xy.reserve(line.size() * 2);
    for (const auto& p : line) {
        xy.push_back(p.x);
        xy.push_back(p.y);
    }
    GEOSCoordSequence* seq =
        GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned>(line.size()), 0, 0);
    return seq ? GEOSGeom_createLineString_r(h, seq) : nullptr;
}

}  // namespace

MultiPolygon road_catchment_polygon(const GeosContext& geos,
                                    const std::vector<std::vector<Point>>& pieces,
                                    const CatchmentShape& shape,
                                    const std::vector<Point>& access_leg) {
    const GEOSContextHandle_t h = geos.handle();
    std::vector<GEOSGeometry*> lines;
    lines.reserve(pieces.size() + 1);
    auto add = [&](const std::vector<Point>& piece) {
        if (piece.size() < 2) return;
        if (GEOSGeometry* l = make_line(h, piece)) lines.push_back(l);
    };
    for (const auto& piece : pieces) add(piece);
    if (access_leg.size() >= 2) add(access_leg);
    if (lines.empty()) return {};
    // Each piece widened on its own, then one cascaded union: 10x faster on Corsica than
    // buffering the whole multilinestring at once (0.5 s instead of 5 s for 5,000 pieces).
    std::vector<GEOSGeometry*> bands;
    bands.reserve(lines.size());
    for (GEOSGeometry* l : lines) {
        if (GEOSGeometry* b = GEOSBuffer_r(h, l, shape.road_buffer_m, shape.quadrant_segments))
            bands.push_back(b);
        GEOSGeom_destroy_r(h, l);
    }
    if (bands.empty()) return {};
    // The collection takes ownership of the bands.
    GeosGeometry all = geos.wrap(GEOSGeom_createCollection_r(
        h, GEOS_GEOMETRYCOLLECTION, bands.data(), static_cast<unsigned>(bands.size())));
    if (!all) return {};
    GeosGeometry united = geos.wrap(GEOSUnaryUnion_r(h, all.get()));
    return geos.to_multipolygon(united.get());
}

MultiPolygon crow_fly_catchment_polygon(const Point& centre, const CrowFlyModel& model,
                                        double limit_seconds) {
    constexpr int kSides = 72;
    const double r = model.radius_m(limit_seconds);
    Polygon disc;
    for (int i = 0; i <= kSides; ++i) {
        const double a = -2 * std::numbers::pi * i / kSides;  // clockwise: Boost's outer ring
        disc.outer().push_back({centre.x + r * std::cos(a), centre.y + r * std::sin(a)});
    }
    MultiPolygon out{disc};
    boost::geometry::correct(out);
    return out;
}

}  // namespace palliacarte
