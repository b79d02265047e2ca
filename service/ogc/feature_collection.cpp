#include "ogc/feature_collection.hpp"

#include <boost/geometry/index/rtree.hpp>
#include <charconv>

#include "core/parallel.hpp"
#include "crs/crs_transform.hpp"
#include "output/geojson_text.hpp"

namespace palliacarte::ogc {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct FeatureCollection::Index {
    bgi::rtree<std::pair<model::Box, std::uint32_t>, bgi::rstar<16>> tree;
};

namespace {

constexpr int kDegreeDecimals = 7;  // ~1 cm
constexpr int kMetreDecimals = 2;

model::Box envelope(const model::Feature& f) {
    model::Box b;
    if (const auto* p = std::get_if<model::Point>(&f.geometry))
        b = model::Box(*p, *p);
    else if (const auto* mp = std::get_if<model::MultiPolygon>(&f.geometry))
        bg::envelope(*mp, b);
    return b;
}

// The query box as a polygon in Lambert-93: its edges densified before reprojection, since a
// straight line in degrees is a curve in metres.
model::Polygon box_in_lambert93(const ItemsQuery& q) {
    auto [a, b, c, d] = *q.bbox;
    double x0 = a, y0 = b, x1 = c, y1 = d;
    if (q.bbox_crs == ServedCrs::epsg4326) {  // latitude first
        x0 = b;
        y0 = a;
        x1 = d;
        y1 = c;
    }
    std::vector<model::Point> ring;
    constexpr int kSteps = 16;
    auto edge = [&](model::Point from, model::Point to) {
        for (int i = 0; i < kSteps; ++i)
            ring.push_back(
                {from.x + (to.x - from.x) * i / kSteps, from.y + (to.y - from.y) * i / kSteps});
    };
    edge({x0, y0}, {x0, y1});  // clockwise: Boost's outer ring
    edge({x0, y1}, {x1, y1});
    edge({x1, y1}, {x1, y0});
    edge({x1, y0}, {x0, y0});
    ring.push_back(ring.front());
    if (q.bbox_crs != ServedCrs::epsg2154) {
        // Outside Lambert-93's domain PROJ may fail: clamp to France's neighbourhood first.
        for (auto& p : ring) {
            p.x = std::clamp(p.x, -180.0, 180.0);
            p.y = std::clamp(p.y, -89.0, 89.0);
        }
        thread_local crs::CrsTransform to_l93("OGC:CRS84", "EPSG:2154");
        to_l93.transform(&ring[0].x, &ring[0].y, ring.size(), sizeof(model::Point));
    }
    model::Polygon poly;
    poly.outer().assign(ring.begin(), ring.end());
    bg::correct(poly);
    return poly;
}

bool equals(const model::FieldValue& have, const model::FieldValue& want) {
    if (std::holds_alternative<std::int64_t>(have) && std::holds_alternative<double>(want))
        return static_cast<double>(std::get<std::int64_t>(have)) == std::get<double>(want);
    if (std::holds_alternative<double>(have) && std::holds_alternative<std::int64_t>(want))
        return std::get<double>(have) == static_cast<double>(std::get<std::int64_t>(want));
    return have == want;
}

}  // namespace

FeatureCollection::FeatureCollection(model::Layer layer, std::string description)
    : layer_(std::move(layer)),
      description_(std::move(description)),
      index_(std::make_unique<Index>()) {
    const std::size_t n = layer_.features.size();
    geometry_.resize(n);
    properties_.resize(n);
    std::vector<model::Box> boxes(n);
    // Encoding is the start-up cost of serving (national communes: ~10 M vertices): all cores,
    // one PROJ transform per worker.
    const std::size_t workers = core::worker_count(n / 256 + 1);
    std::vector<std::unique_ptr<crs::CrsTransform>> to_degrees;
    for (std::size_t w = 0; w < workers; ++w)
        to_degrees.push_back(
            std::make_unique<crs::CrsTransform>(crs::epsg_string(layer_.epsg), "OGC:CRS84"));
    constexpr std::size_t kBlock = 256;
    std::vector<std::array<double, 4>> block_extent((n + kBlock - 1) / kBlock,
                                                    {1e300, 1e300, -1e300, -1e300});
    core::parallel_for((n + kBlock - 1) / kBlock, workers, [&](std::size_t block, std::size_t w) {
        auto& ext = block_extent[block];
        for (std::size_t i = block * kBlock; i < std::min(n, (block + 1) * kBlock); ++i) {
            const model::Feature& f = layer_.features[i];
            boxes[i] = envelope(f);
            output::append_properties(properties_[i], layer_, f);
            auto& g = geometry_[i];
            auto grow = [&](const model::Point& p) {
                ext = {std::min(ext[0], p.x), std::min(ext[1], p.y), std::max(ext[2], p.x),
                       std::max(ext[3], p.y)};
            };
            if (const auto* p = std::get_if<model::Point>(&f.geometry)) {
                output::append_geojson_geometry(g[2], *p, kMetreDecimals, false);
                model::Point d = *p;
                to_degrees[w]->transform(d.x, d.y);
                output::append_geojson_geometry(g[0], d, kDegreeDecimals, false);
                output::append_geojson_geometry(g[1], d, kDegreeDecimals, true);
                grow(d);
            } else if (const auto* mp = std::get_if<model::MultiPolygon>(&f.geometry)) {
                output::append_geojson_geometry(g[2], *mp, kMetreDecimals, false);
                model::MultiPolygon d = *mp;
                to_degrees[w]->transform(d);
                for (const auto& poly : d)
                    for (const auto& p : poly.outer()) grow(p);
                output::append_geojson_geometry(g[0], d, kDegreeDecimals, false);
                output::append_geojson_geometry(g[1], d, kDegreeDecimals, true);
            } else {
                g = {"null", "null", "null"};
            }
        }
    });
    std::array<double, 4> ext{1e300, 1e300, -1e300, -1e300};
    for (const auto& e : block_extent)
        ext = {std::min(ext[0], e[0]), std::min(ext[1], e[1]), std::max(ext[2], e[2]),
               std::max(ext[3], e[3])};
    if (ext[0] <= ext[2]) extent_ = ext;
    std::vector<std::pair<model::Box, std::uint32_t>> entries;
    entries.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if (!std::holds_alternative<std::monostate>(layer_.features[i].geometry))
            entries.emplace_back(boxes[i], static_cast<std::uint32_t>(i));
    index_->tree = decltype(index_->tree)(entries.begin(), entries.end());  // packed (STR)
}

FeatureCollection::~FeatureCollection() = default;
FeatureCollection::FeatureCollection(FeatureCollection&&) noexcept = default;

const char* FeatureCollection::geometry_type() const {
    return layer_.kind == model::GeometryKind::point ? "Point" : "MultiPolygon";
}

Matches FeatureCollection::match(const ItemsQuery& q) const {
    Matches m;
    m.total = size();
    auto keep = [&](std::size_t i) {
        const model::Feature& f = layer_.features[i];
        for (const auto& [field, value] : q.equals)
            if (!equals(f.values[field], value)) return false;
        return true;
    };
    if (q.bbox) {
        const model::Polygon area = box_in_lambert93(q);
        model::Box qb;
        bg::envelope(area, qb);
        for (auto it = index_->tree.qbegin(bgi::intersects(qb)); it != index_->tree.qend(); ++it) {
            const std::size_t i = it->second;
            const model::Feature& f = layer_.features[i];
            const bool hit = std::holds_alternative<model::Point>(f.geometry)
                                 ? bg::covered_by(std::get<model::Point>(f.geometry), area)
                                 : bg::intersects(std::get<model::MultiPolygon>(f.geometry), area);
            if (hit && keep(i)) m.ids.push_back(static_cast<std::uint32_t>(i));
        }
        std::sort(m.ids.begin(), m.ids.end());
    } else if (q.equals.empty()) {
        m.all = true;
    } else {
        for (std::size_t i = 0; i < size(); ++i)
            if (keep(i)) m.ids.push_back(static_cast<std::uint32_t>(i));
    }
    return m;
}

void FeatureCollection::append_feature(std::string& out, std::size_t i, ServedCrs crs,
                                       const std::vector<std::size_t>* properties) const {
    out += R"({"type":"Feature","id":)";
    out += std::to_string(i + 1);
    out += R"(,"geometry":)";
    out += geometry_[i][static_cast<std::size_t>(crs)];
    out += R"(,"properties":)";
    if (properties)
        output::append_properties(out, layer_, layer_.features[i], properties);
    else
        out += properties_[i];
    out.push_back('}');
}

std::optional<std::size_t> FeatureCollection::find(const std::string& id) const {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec != std::errc() || end != id.data() + id.size() || v == 0 || v > size())
        return std::nullopt;
    if (id != std::to_string(v)) return std::nullopt;  // only the canonical id: not "01"
    return v - 1;
}

}  // namespace palliacarte::ogc
