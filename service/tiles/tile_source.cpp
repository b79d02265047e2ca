#include "tiles/tile_source.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "crs/crs_transform.hpp"
#include "model/ring_simplification.hpp"
#include "tiles/mvt_encoder.hpp"

namespace palliacarte::tiles {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

// A feature's polygons in Web Mercator: rings open (no closing point), each exterior followed
// by its holes.
struct MercatorShape {
    std::vector<std::vector<model::Point>> rings;
    std::vector<std::vector<model::Point>>
        coarse;  ///< the rings within kCoarseMetres, for low zooms
    std::vector<bool> exterior;
    std::vector<model::Box> boxes;  ///< per ring
};

// Up to zoom 6 (a tile unit: 150 m or more) the rings are cut from a copy simplified within
// 20 m (0.13 unit): a tile of a quarter of France then handles a tenth of the vertices.
constexpr double kCoarseMetres = 20;
constexpr int kCoarseMaxZoom = 6;

constexpr double kBufferUnits = 64;  // clipped this far beyond the tile: no seams at edges
// Douglas–Peucker tolerance: 2 of the 4096 units, a quarter of a pixel on a 512-pixel tile.
// Half a unit kept the staircase of snapped vertices: tiles twice as big for nothing visible.
// Up to zoom 6 a commune is a few pixels wide: one pixel (8 units) there, half at zoom 6 —
// the national view's tiles then parse and draw in half the time.
double tolerance_units(int z) {
    return z <= 5 ? 8 : z == 6 ? 4 : 2;
}

// Sutherland–Hodgman against one side of the buffered tile square.
template <typename Inside, typename Cut>
std::vector<model::Point> clip_side(const std::vector<model::Point>& in, Inside inside, Cut cut) {
    std::vector<model::Point> out;
    if (in.empty()) return out;
    out.reserve(in.size() + 4);
    model::Point prev = in.back();
    bool prev_in = inside(prev);
    for (const model::Point& p : in) {
        const bool p_in = inside(p);
        if (p_in != prev_in) out.push_back(cut(prev, p));
        if (p_in) out.push_back(p);
        prev = p;
        prev_in = p_in;
    }
    return out;
}

std::vector<model::Point> clip_to_square(std::vector<model::Point> ring, double lo, double hi) {
    auto at_x = [](const model::Point& a, const model::Point& b, double x) {
        return model::Point{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)};
    };
    auto at_y = [](const model::Point& a, const model::Point& b, double y) {
        return model::Point{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y};
    };
    ring = clip_side(
        ring, [lo](const model::Point& p) { return p.x >= lo; },
        [&](const model::Point& a, const model::Point& b) { return at_x(a, b, lo); });
    ring = clip_side(
        ring, [hi](const model::Point& p) { return p.x <= hi; },
        [&](const model::Point& a, const model::Point& b) { return at_x(a, b, hi); });
    ring = clip_side(
        ring, [lo](const model::Point& p) { return p.y >= lo; },
        [&](const model::Point& a, const model::Point& b) { return at_y(a, b, lo); });
    ring = clip_side(
        ring, [hi](const model::Point& p) { return p.y <= hi; },
        [&](const model::Point& a, const model::Point& b) { return at_y(a, b, hi); });
    return ring;
}

}  // namespace

struct TileSource::Prepared {
    std::vector<MercatorShape> shapes;  // distinct geometries (communes repeat once per type)
    std::vector<std::uint32_t> shape_of;
    using Entry = std::pair<model::Box, std::uint32_t>;  // feature
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

TileSource::TileSource(const model::Layer& layer) : layer_(layer) {}
TileSource::~TileSource() = default;

const TileSource::Prepared& TileSource::prepared() const {
    std::call_once(once_, [this] {
        auto p = std::make_unique<Prepared>();
        const crs::CrsTransform to_mercator("EPSG:" + std::to_string(layer_.epsg), "EPSG:3857");
        std::map<std::pair<std::size_t, std::size_t>, std::uint32_t> seen;
        std::vector<Prepared::Entry> entries;
        p->shape_of.assign(layer_.features.size(), UINT32_MAX);
        for (std::uint32_t f = 0; f < layer_.features.size(); ++f) {
            const auto* mp = std::get_if<model::MultiPolygon>(&layer_.features[f].geometry);
            if (!mp || mp->empty() || mp->front().outer().empty()) continue;
            // The same outline (a commune, once per type): every coordinate hashed.
            std::size_t hash = mp->size();
            auto mix = [&hash](const model::Ring& r) {
                for (const auto& pt : r)
                    for (const double v : {pt.x, pt.y})
                        hash = (hash ^ std::hash<double>()(v)) * 1099511628211ull;
            };
            for (const auto& poly : *mp) {
                mix(poly.outer());
                for (const auto& inner : poly.inners()) mix(inner);
            }
            const auto key = std::make_pair(hash, bg::num_points(*mp));
            auto [it, fresh] = seen.emplace(key, static_cast<std::uint32_t>(p->shapes.size()));
            if (fresh) {
                MercatorShape shape;
                auto add = [&](const model::Ring& r, bool exterior) {
                    if (r.size() < 4) return;
                    std::vector<model::Point> pts(r.begin(), r.end() - 1);  // open
                    to_mercator.transform(&pts[0].x, &pts[0].y, pts.size(), sizeof(model::Point));
                    model::Box box;
                    bg::assign_inverse(box);
                    for (const auto& pt : pts) bg::expand(box, pt);
                    shape.boxes.push_back(box);
                    shape.coarse.push_back(model::simplified_ring(pts, kCoarseMetres));
                    shape.rings.push_back(std::move(pts));
                    shape.exterior.push_back(exterior);
                };
                for (const auto& poly : *mp) {
                    add(poly.outer(), true);
                    for (const auto& inner : poly.inners()) add(inner, false);
                }
                p->shapes.push_back(std::move(shape));
            }
            p->shape_of[f] = it->second;
            model::Box box;
            bg::assign_inverse(box);
            for (const auto& b : p->shapes[it->second].boxes) bg::expand(box, b);
            entries.emplace_back(box, f);
        }
        p->tree = bgi::rtree<Prepared::Entry, bgi::rstar<16>>(entries);
        prepared_ = std::move(p);
    });
    return *prepared_;
}

std::string TileSource::tile(int z, int x, int y,
                             const std::vector<std::pair<std::size_t, model::FieldValue>>& equals,
                             const std::vector<std::size_t>* properties) const {
    const Prepared& p = prepared();
    const double size = 2 * kMercatorHalf / std::ldexp(1.0, z);
    const double min_x = -kMercatorHalf + x * size, max_y = kMercatorHalf - y * size;
    const double scale = kTileExtent / size;
    const double buffer = kBufferUnits / scale;
    const model::Box query({min_x - buffer, max_y - size - buffer},
                           {min_x + size + buffer, max_y + buffer});
    std::vector<std::uint32_t> hits;
    for (auto it = p.tree.qbegin(bgi::intersects(query)); it != p.tree.qend(); ++it) {
        const auto& values = layer_.features[it->second].values;
        if (std::all_of(equals.begin(), equals.end(), [&](const auto& e) {
                return e.first < values.size() && values[e.first] == e.second;
            }))
            hits.push_back(it->second);
    }
    std::sort(hits.begin(), hits.end());
    std::vector<TilePolygonFeature> features;
    features.reserve(hits.size());
    for (const std::uint32_t f : hits) {
        const MercatorShape& shape = p.shapes[p.shape_of[f]];
        TilePolygonFeature out;
        out.id = f + 1;  // the OGC feature id
        out.values = &layer_.features[f].values;
        bool exterior_kept = false;  // a hole without its exterior is dropped with it
        for (std::size_t r = 0; r < shape.rings.size(); ++r) {
            if (!shape.exterior[r] && !exterior_kept) continue;
            if (shape.exterior[r]) exterior_kept = false;
            // Snapped to units first (at low zoom most vertices merge: far less to clip and
            // simplify), clipped only when the ring reaches beyond the buffer, then simplified.
            std::vector<model::Point> units;
            units.reserve(shape.rings[r].size() / (z <= kCoarseMaxZoom ? 4 : 1));
            for (const auto& pt : z <= kCoarseMaxZoom ? shape.coarse[r] : shape.rings[r]) {
                const model::Point u{std::round((pt.x - min_x) * scale),
                                     std::round((max_y - pt.y) * scale)};
                if (units.empty() || u.x != units.back().x || u.y != units.back().y)
                    units.push_back(u);
            }
            const model::Box& b = shape.boxes[r];
            if (b.min_corner().x < query.min_corner().x ||
                b.max_corner().x > query.max_corner().x ||
                b.min_corner().y < query.min_corner().y || b.max_corner().y > query.max_corner().y)
                units = clip_to_square(std::move(units), -kBufferUnits, kTileExtent + kBufferUnits);
            if (units.size() < 3) continue;
            units = model::simplified_ring(std::move(units), tolerance_units(z));
            TileRing ring;
            ring.reserve(units.size());
            for (const auto& u : units) {
                const std::array<std::int32_t, 2> q{static_cast<std::int32_t>(std::lround(u.x)),
                                                    static_cast<std::int32_t>(std::lround(u.y))};
                if (ring.empty() || ring.back() != q) ring.push_back(q);
            }
            while (ring.size() > 1 && ring.back() == ring.front()) ring.pop_back();
            if (ring.size() < 3) continue;
            if (shape.exterior[r]) exterior_kept = true;
            out.rings.emplace_back(std::move(ring), shape.exterior[r]);
        }
        if (!out.rings.empty()) features.push_back(std::move(out));
    }
    return encode_polygon_layer(layer_.name, layer_.fields, features, properties);
}

}  // namespace palliacarte::tiles
