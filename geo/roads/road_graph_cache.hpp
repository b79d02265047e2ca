#pragma once
// Binary cache of built road graphs, so a second start skips parsing and graph building. The
// key covers the source file (path, size, mtime), the road config and the profile's contents;
// any change rebuilds. A damaged or foreign cache file is ignored (and rebuilt), never trusted.
#include <optional>
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "roads/ogr_link_loader.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::roads {

/// @brief A key for these source files + config + profile (hex digest).
std::string road_cache_key(const std::vector<std::string>& source_paths,
                           const std::string& road_config_json, const std::string& profile_text,
                           int epsg);

/// @brief The cached graph, its stats and the diagnostics its build recorded (to be said again),
/// or empty when absent, stale or unreadable.
std::optional<RoadGraph> read_road_cache(const std::string& file, const std::string& key,
                                         model::RoadLoadStats& stats,
                                         std::vector<core::Diagnostic>& diagnostics);

/// @brief Writes atomically (temp file + rename). Returns false (nothing left behind) on error.
bool write_road_cache(const std::string& file, const std::string& key, const RoadGraph& graph,
                      const model::RoadLoadStats& stats,
                      const std::vector<core::Diagnostic>& diagnostics);

}  // namespace palliacarte::roads
