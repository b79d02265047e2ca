#pragma once
// Where palliacarte keeps its caches (built road graphs, commune extracts).
#include <string>

namespace palliacarte::core {

/// @brief The cache directory: `configured` if set, else $XDG_CACHE_HOME/palliacarte, else
/// ~/.cache/palliacarte. @throws ConfigError if it lies inside `data_root` (shared data is
/// read-only and never written to).
std::string cache_directory(const std::string& configured, const std::string& data_root);

}  // namespace palliacarte::core
