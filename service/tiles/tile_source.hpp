#pragma once
// One polygon collection cut into Web Mercator vector tiles: its features projected once (on
// first use) and indexed; each tile takes the features meeting it, snapped to the tile's 4096
// units (which simplifies them for the zoom: vertices closer than a unit merge), clipped with a
// buffer and simplified within two units (up to zoom 6, from outlines simplified within 20 m
// beforehand), then encoded (tiles/mvt_encoder).
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "model/layer.hpp"

namespace palliacarte::tiles {

/// Web Mercator (EPSG:3857) half-width of the world, in metres.
constexpr double kMercatorHalf = 20037508.342789244;
constexpr int kMaxZoom = 18;

class TileSource {
  public:
    /// @param layer polygons in Lambert-93 (EPSG:2154), kept by reference.
    explicit TileSource(const model::Layer& layer);
    ~TileSource();

    /// @brief The tile z/x/y (WebMercatorQuad, y from the north) as MVT bytes; empty when no
    /// feature meets it. Only the features whose fields equal `equals` (field index, value),
    /// with only the `properties` fields when given (a map needs few of them).
    std::string tile(int z, int x, int y,
                     const std::vector<std::pair<std::size_t, model::FieldValue>>& equals = {},
                     const std::vector<std::size_t>* properties = nullptr) const;

  private:
    struct Prepared;
    const Prepared& prepared() const;
    const model::Layer& layer_;
    mutable std::once_flag once_;
    mutable std::unique_ptr<Prepared> prepared_;
};

}  // namespace palliacarte::tiles
