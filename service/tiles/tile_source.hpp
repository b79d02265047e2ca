#pragma once
// One polygon collection cut into Web Mercator vector tiles: its features projected once (on
// first use) and indexed; each tile takes the features meeting it, clipped with a buffer,
// snapped to the tile's 4096 units (which simplifies them for the zoom: vertices closer than a
// unit merge) and simplified within one unit, then encoded (tiles/mvt_encoder).
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "model/layer.hpp"

namespace palliacarte::tiles {

/// Web Mercator (EPSG:3857) half-width of the world, in metres.
constexpr double kMercatorHalf = 20037508.342789244;
constexpr int kMaxZoom = 18;

class TileSource {
  public:
    /// @param layer polygons in Lambert-93 (EPSG:2154), kept by reference.
    explicit TileSource(const Layer& layer);
    ~TileSource();

    /// @brief The tile z/x/y (WebMercatorQuad, y from the north) as MVT bytes; empty when no
    /// feature meets it.
    std::string tile(int z, int x, int y) const;

  private:
    struct Prepared;
    const Prepared& prepared() const;
    const Layer& layer_;
    mutable std::once_flag once_;
    mutable std::unique_ptr<Prepared> prepared_;
};

}  // namespace palliacarte::tiles
