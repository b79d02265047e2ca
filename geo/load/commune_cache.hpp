#pragma once
// Binary cache of a territory's communes as load_communes() left them (reprojected, repaired,
// merged to current codes) with what the load reported. Extracting Corsica's 360 communes from
// the national 46 MB GeoJSON costs ~2 s of GDAL parsing on every run; planners rerun analyses
// with other thresholds many times. The key covers the boundary and crosswalk files (path,
// size, mtime), their config sections, the département/code filters and the CRS choice; any
// change reloads. A damaged or foreign file is ignored, never trusted.
#include <optional>
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "load/commune_loader.hpp"

namespace palliacarte::config {
struct TerritoryConfig;
}  // namespace palliacarte::config

namespace palliacarte::load {

/// @brief The communes of one load and the diagnostics it recorded (replayed on a cache hit).
struct CachedCommunes {
    CommuneLoadResult result;
    std::vector<core::Diagnostic> diagnostics;
};

/// @brief A key (hex digest) for the commune load `options` of `config` would run.
std::string commune_cache_key(const config::TerritoryConfig& config,
                              const CommuneLoadOptions& options);

/// @brief The cached load, or empty when absent, stale or unreadable.
std::optional<CachedCommunes> read_commune_cache(const std::string& file, const std::string& key);

/// @brief Writes atomically; false (nothing left behind) on error.
bool write_commune_cache(const std::string& file, const std::string& key,
                         const CachedCommunes& communes);

}  // namespace palliacarte::load
