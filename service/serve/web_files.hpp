#pragma once
// The web map's static files — service/web/ (page, style, script), MapLibre GL JS from its npm
// install there, and styles/palette.json — read once at start-up and served from memory under
// /carte. Nothing is fetched from elsewhere: the map works with no internet.
#include <map>
#include <string>
#include <vector>

#include "config/territory_config.hpp"

namespace palliacarte::serve {

struct WebFile {
    std::string content_type;
    std::string body;
    std::string etag;  ///< quoted, from the content
    int max_age = 0;   ///< MapLibre is versioned: a day; our own files: revalidated
};

class WebFiles {
  public:
    /// @brief Reads the files the map needs: `web_dir`/carte.{html,css,js}, MapLibre from
    /// `web_dir`/maplibre-gl.{js,css} or `web_dir`/node_modules/maplibre-gl/dist/, and
    /// `styles_dir`/palette.json. Files not found are listed in missing().
    static WebFiles load(const std::string& web_dir, const std::string& styles_dir);

    /// @brief An optional background under the layers and its credit: the config's web_map,
    /// or serve --basemap / --no-basemap.
    void set_basemap(WebMapConfig basemap) { basemap_ = std::move(basemap); }
    const WebMapConfig& basemap() const { return basemap_; }

    /// @brief A file by its name under /carte/ ("carte.js", "maplibre-gl.js"…), or null.
    const WebFile* find(const std::string& name) const;
    /// @brief Paths looked for and not found (empty: the map can be served).
    const std::vector<std::string>& missing() const { return missing_; }

  private:
    std::map<std::string, WebFile> files_;
    std::vector<std::string> missing_;
    WebMapConfig basemap_;
};

}  // namespace palliacarte::serve
