#include "serve/web_files.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace palliacarte::serve {

namespace fs = std::filesystem;

namespace {

bool read_file(const fs::path& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    out = text.str();
    return static_cast<bool>(in) || in.eof();
}

std::string content_type_of(const std::string& name) {
    if (name.ends_with(".html")) return "text/html; charset=utf-8";
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
    return "application/json";
}

}  // namespace

WebFiles WebFiles::load(const std::string& web_dir, const std::string& styles_dir) {
    WebFiles out;
    const fs::path web(web_dir);
    const fs::path npm = web / "node_modules" / "maplibre-gl" / "dist";
    // Name served → where it may be, in order.
    const std::vector<std::pair<std::string, std::vector<fs::path>>> wanted = {
        {"carte.html", {web / "carte.html"}},
        {"carte.css", {web / "carte.css"}},
        {"carte.js", {web / "carte.js"}},
        {"maplibre-gl.js", {web / "maplibre-gl.js", npm / "maplibre-gl.js"}},
        {"maplibre-gl.css", {web / "maplibre-gl.css", npm / "maplibre-gl.css"}},
        {"palette.json", {web / "palette.json", fs::path(styles_dir) / "palette.json"}},
    };
    for (const auto& [name, places] : wanted) {
        WebFile f;
        bool found = false;
        for (const auto& place : places)
            if (read_file(place, f.body)) {
                found = true;
                break;
            }
        if (!found) {
            out.missing_.push_back(places.back().string());
            continue;
        }
        f.content_type = content_type_of(name);
        std::ostringstream tag;
        tag << '"' << std::hex << std::hash<std::string>()(f.body) << '"';
        f.etag = tag.str();
        f.max_age = name.starts_with("maplibre-gl") ? 86400 : 0;
        out.files_.emplace(name, std::move(f));
    }
    return out;
}

const WebFile* WebFiles::find(const std::string& name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace palliacarte::serve
