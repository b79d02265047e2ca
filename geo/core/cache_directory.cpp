#include "core/cache_directory.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/errors.hpp"

namespace palliacarte::core {

namespace fs = std::filesystem;

std::string cache_directory(const std::string& configured, const std::string& data_root) {
    fs::path dir;
    if (!configured.empty()) {
        dir = configured;
    } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
        dir = fs::path(xdg) / "palliacarte";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = fs::path(home) / ".cache" / "palliacarte";
    } else {
        dir = fs::temp_directory_path() / "palliacarte-cache";
    }
    std::error_code ec;
    const fs::path abs_dir = fs::weakly_canonical(fs::absolute(dir), ec);
    const fs::path abs_root = fs::weakly_canonical(fs::absolute(data_root), ec);
    const auto mismatch =
        std::mismatch(abs_root.begin(), abs_root.end(), abs_dir.begin(), abs_dir.end());
    if (!data_root.empty() && mismatch.first == abs_root.end())
        throw ConfigError("cache directory " + abs_dir.string() + " is inside the data root " +
                          abs_root.string() + "; choose another cache_dir");
    return abs_dir.string();
}

}  // namespace palliacarte::core
