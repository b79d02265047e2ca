#pragma once
// The web map's static files — every file of service/web/ (page, style, ES modules under js/),
// MapLibre GL JS from its npm install there, and styles/palette.json — read once at start-up
// and served from memory under /carte. Nothing is fetched from elsewhere: the map works with no
// internet. A request names a file by its path under /carte/; safe_web_path() decides which
// paths can name a file at all, both when the directory is read and when a request comes.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/territory_config.hpp"

namespace palliacarte::serve {

struct WebFile {
    std::string content_type;
    std::string body;
    std::string etag;  ///< quoted, from the content
    int max_age = 0;   ///< MapLibre is versioned: a day; our own files: revalidated
};

/// @brief `path` ("carte.css", "js/main.js") when it may name a served file: 1 or 2 segments of
/// letters, digits, '.', '-' and '_', none empty or starting with '.', ending in .html, .css,
/// .js, .json, .png or .svg. Anything else ("..", "%2e", "a//b", "x.cpp") is refused.
std::optional<std::string> safe_web_path(std::string_view path);

class WebFiles {
  public:
    /// @brief Reads every file of `web_dir` that safe_web_path() accepts, except npm's (its
    /// package files and node_modules/) and files whose real path leaves `web_dir` (links);
    /// MapLibre from `web_dir`/maplibre-gl.{js,css} or `web_dir`/node_modules/maplibre-gl/dist/;
    /// `styles_dir`/palette.json. Required files not found are listed in missing().
    static WebFiles load(const std::string& web_dir, const std::string& styles_dir);

    /// @brief An optional background under the layers and its credit: the config's web_map,
    /// or serve --basemap / --no-basemap.
    void set_basemap(config::WebMapConfig basemap) { basemap_ = std::move(basemap); }
    const config::WebMapConfig& basemap() const { return basemap_; }

    /// @brief A file by its path under /carte/ ("carte.html", "js/main.js"…), or null.
    const WebFile* find(const std::string& path) const;
    /// @brief Every path served, sorted.
    std::vector<std::string> paths() const;
    /// @brief Paths looked for and not found (empty: the map can be served).
    const std::vector<std::string>& missing() const { return missing_; }

  private:
    void add(const std::string& path, std::string body);

    std::map<std::string, WebFile> files_;
    std::vector<std::string> missing_;
    config::WebMapConfig basemap_;
};

}  // namespace palliacarte::serve
