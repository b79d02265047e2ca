#pragma once
// Mapbox Vector Tile 2.1 encoding (protobuf through protozero, which libosmium already brings):
// one layer of polygons whose rings are already clipped and in tile units (0–4096, y down).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/layer.hpp"

namespace palliacarte::tiles {

constexpr std::uint32_t kTileExtent = 4096;

using TileRing = std::vector<std::array<std::int32_t, 2>>;

struct TilePolygonFeature {
    std::uint64_t id = 0;
    const std::vector<model::FieldValue>* values = nullptr;  ///< one per field (NULLs are left out)
    /// Rings, each exterior followed by its holes; any orientation (the encoder orients them:
    /// exterior clockwise on screen, holes anticlockwise, as the specification asks).
    std::vector<std::pair<TileRing, bool>> rings;  ///< ring, is_exterior
};

/// @brief The tile with one layer `name` holding `features` (an empty tile if none), with the
/// attributes of `fields` — only those at the indices `selected` when given.
std::string encode_polygon_layer(const std::string& name,
                                 const std::vector<model::FieldDef>& fields,
                                 const std::vector<TilePolygonFeature>& features,
                                 const std::vector<std::size_t>* selected = nullptr);

}  // namespace palliacarte::tiles
