#include "tiles/mvt_encoder.hpp"

#include <map>
#include <protozero/pbf_writer.hpp>

namespace palliacarte::tiles {

namespace {

// Protobuf field numbers of vector_tile.proto.
constexpr int kTileLayers = 3;
constexpr int kLayerName = 1, kLayerFeatures = 2, kLayerKeys = 3, kLayerValues = 4,
              kLayerExtent = 5, kLayerVersion = 15;
constexpr int kFeatureId = 1, kFeatureTags = 2, kFeatureType = 3, kFeatureGeometry = 4;
constexpr int kValueString = 1, kValueDouble = 3, kValueSint = 6, kValueBool = 7;
constexpr std::uint32_t kPolygon = 3;

std::uint32_t command(std::uint32_t id, std::uint32_t count) {
    return (id & 7) | (count << 3);
}
std::uint32_t zigzag(std::int32_t v) {
    return (static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31);
}

// Twice the signed area in tile units (y down): positive is clockwise on screen.
std::int64_t doubled_area(const TileRing& r) {
    std::int64_t a = 0;
    for (std::size_t i = 0, n = r.size(); i < n; ++i) {
        const auto& p = r[i];
        const auto& q = r[(i + 1) % n];
        a += static_cast<std::int64_t>(p[0]) * q[1] - static_cast<std::int64_t>(q[0]) * p[1];
    }
    return a;
}

// A value's key in the layer's value table (values are shared between features).
struct ValueKey {
    int kind;
    std::string text;
    double number;
    bool operator<(const ValueKey& o) const {
        if (kind != o.kind) return kind < o.kind;
        if (text != o.text) return text < o.text;
        return number < o.number;
    }
};

}  // namespace

std::string encode_polygon_layer(const std::string& name,
                                 const std::vector<model::FieldDef>& fields,
                                 const std::vector<TilePolygonFeature>& features,
                                 const std::vector<std::size_t>* selected) {
    std::vector<std::size_t> keys;  // the layer's keys, as field indices
    if (selected)
        for (const std::size_t k : *selected) {
            if (k < fields.size()) keys.push_back(k);
        }
    else
        for (std::size_t k = 0; k < fields.size(); ++k) keys.push_back(k);
    std::string out;
    if (features.empty()) return out;
    protozero::pbf_writer tile(out);
    protozero::pbf_writer layer(tile, kTileLayers);
    layer.add_uint32(kLayerVersion, 2);
    layer.add_string(kLayerName, name);
    std::map<ValueKey, std::uint32_t> value_index;
    std::vector<ValueKey> values;
    std::vector<std::uint32_t> tags, geometry;
    for (const auto& f : features) {
        tags.clear();
        geometry.clear();
        if (f.values)
            for (std::size_t key_index = 0; key_index < keys.size(); ++key_index) {
                const std::size_t k = keys[key_index];
                if (k >= f.values->size()) continue;
                const model::FieldValue& v = (*f.values)[k];
                ValueKey key{};
                if (const auto* s = std::get_if<std::string>(&v))
                    key = {0, *s, 0};
                else if (const auto* i = std::get_if<std::int64_t>(&v))
                    key = {1, {}, static_cast<double>(*i)};
                else if (const auto* d = std::get_if<double>(&v))
                    key = {2, {}, *d};
                else if (const auto* b = std::get_if<bool>(&v))
                    key = {3, {}, *b ? 1.0 : 0.0};
                else
                    continue;  // NULL: no tag
                auto [it, fresh] =
                    value_index.emplace(key, static_cast<std::uint32_t>(values.size()));
                if (fresh) values.push_back(key);
                tags.push_back(static_cast<std::uint32_t>(key_index));
                tags.push_back(it->second);
            }
        std::int32_t cx = 0, cy = 0;  // the cursor: parameters are deltas from it
        for (const auto& entry : f.rings) {
            const TileRing& ring = entry.first;  // not a structured binding: clang 14 cannot
            const bool exterior = entry.second;  // capture those in the lambda below
            if (ring.size() < 3) continue;
            const std::int64_t area = doubled_area(ring);
            if (area == 0) continue;
            const bool reverse = exterior ? area < 0 : area > 0;
            auto at = [&](std::size_t i) -> const std::array<std::int32_t, 2>& {
                return reverse ? ring[ring.size() - 1 - i] : ring[i];
            };
            geometry.push_back(command(1, 1));
            geometry.push_back(zigzag(at(0)[0] - cx));
            geometry.push_back(zigzag(at(0)[1] - cy));
            cx = at(0)[0];
            cy = at(0)[1];
            geometry.push_back(command(2, static_cast<std::uint32_t>(ring.size() - 1)));
            for (std::size_t i = 1; i < ring.size(); ++i) {
                geometry.push_back(zigzag(at(i)[0] - cx));
                geometry.push_back(zigzag(at(i)[1] - cy));
                cx = at(i)[0];
                cy = at(i)[1];
            }
            geometry.push_back(command(7, 1));
        }
        if (geometry.empty()) continue;
        protozero::pbf_writer feature(layer, kLayerFeatures);
        feature.add_uint64(kFeatureId, f.id);
        feature.add_packed_uint32(kFeatureTags, tags.begin(), tags.end());
        feature.add_enum(kFeatureType, kPolygon);
        feature.add_packed_uint32(kFeatureGeometry, geometry.begin(), geometry.end());
    }
    // Every field kept is a key, used or not: simple and small.
    for (const std::size_t k : keys) layer.add_string(kLayerKeys, fields[k].name);
    for (const auto& v : values) {
        protozero::pbf_writer value(layer, kLayerValues);
        switch (v.kind) {
            case 0:
                value.add_string(kValueString, v.text);
                break;
            case 1:
                value.add_sint64(kValueSint, static_cast<std::int64_t>(v.number));
                break;
            case 2:
                value.add_double(kValueDouble, v.number);
                break;
            default:
                value.add_bool(kValueBool, v.number != 0);
                break;
        }
    }
    layer.add_uint32(kLayerExtent, kTileExtent);
    return out;
}

}  // namespace palliacarte::tiles
