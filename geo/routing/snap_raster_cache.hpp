#pragma once
// Binary cache of snap rasters, next to the road graph's: a country's raster (100 million cells)
// takes 20 s to build and half a second to read, and it depends only on the graph, the cell size
// and how points join the road. The key covers those; a damaged, foreign or stale file is
// ignored (and rebuilt), never trusted.
#include <memory>
#include <optional>
#include <string>

#include "roads/road_graph.hpp"
#include "routing/snap_raster.hpp"

namespace palliacarte::routing {

/// @brief The key of a raster of `cell_m` cells on the graph cached under `road_cache_key`,
/// with these snapping settings (hex digest).
std::string snap_raster_cache_key(const std::string& road_cache_key, double cell_m,
                                  double snap_max_m, double off_network_kmh);

/// @brief The cached raster, or empty when absent, stale, unreadable or not of `graph`'s size.
std::optional<SnapRaster> read_snap_raster(const std::string& file, const std::string& key,
                                           const roads::RoadGraph& graph);

/// @brief Writes atomically (temp file + rename). Returns false (nothing left behind) on error.
bool write_snap_raster(const std::string& file, const std::string& key, const SnapRaster& raster);

/// @brief The raster of `cell_m` cells on `graph` as `snapper` joins places to it, kept beside
/// the road graph's cache file `road_cache_file` (roads-<key>.bin gives
/// roads-<key>-raster-<key>.bin): read back when that holds it (`from_cache` true), else built
/// and written there. Without a cache file (empty), built. A cache that cannot be written
/// (read-only, full) only costs the next run the build.
std::unique_ptr<SnapRaster> cached_snap_raster(const roads::RoadGraph& graph,
                                               const RoadSnapper& snapper, double cell_m,
                                               const std::string& road_cache_file,
                                               bool& from_cache);

}  // namespace palliacarte::routing
