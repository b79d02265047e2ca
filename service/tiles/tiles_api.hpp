#pragma once
// OGC API – Tiles for the polygon collections: vector tiles (Mapbox Vector Tile) in the
// WebMercatorQuad tiling scheme, with the tileset documents that let clients (MapLibre, QGIS,
// GDAL) find them:
//   /collections/{id}/tiles                                  tilesets of the collection
//   /collections/{id}/tiles/WebMercatorQuad                   the tileset
//   /collections/{id}/tiles/WebMercatorQuad/{z}/{row}/{col}   a tile
//   /tileMatrixSets, /tileMatrixSets/WebMercatorQuad          the tiling scheme
// Tiles are cut on demand (tiles/tile_source) and kept by the server's response cache.
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "http/http_message.hpp"
#include "ogc/ogc_api.hpp"
#include "tiles/tile_source.hpp"

namespace palliacarte::tiles {

class TileApi {
  public:
    explicit TileApi(const ogc::OgcApi& ogc);

    http::HttpResponse tilesets(const http::HttpRequest& r, const std::string& collection) const;
    http::HttpResponse tileset(const http::HttpRequest& r, const std::string& collection,
                               const std::string& matrix_set) const;
    /// @brief A tile; the query may select features by property (`type=HAD`) and fields
    /// (`properties=insee,status`), as /items does.
    /// @throws http::ProblemError 400 for a tile outside the matrix or a bad parameter, 404 for
    /// an unknown collection, matrix set, or a collection of points.
    http::HttpResponse tile(const http::HttpRequest& r, const std::string& collection,
                            const std::string& matrix_set, const std::string& z,
                            const std::string& row, const std::string& col) const;
    http::HttpResponse matrix_sets(const http::HttpRequest& r) const;
    http::HttpResponse matrix_set(const std::string& id) const;

    static nlohmann::json openapi_paths(const ogc::OgcApi& ogc);

  private:
    const TileSource& source(const std::string& collection) const;
    const ogc::OgcApi& ogc_;
    std::map<std::string, std::unique_ptr<TileSource>> sources_;
};

}  // namespace palliacarte::tiles
