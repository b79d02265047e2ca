#include "serve/web_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace palliacarte::serve {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSegments = 2;  // /carte/{file}, /carte/{dir}/{file}

bool read_file(const fs::path& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    out = text.str();
    return static_cast<bool>(in) || in.eof();
}

// The only files the map serves, with their content type: safe_web_path() refuses the rest.
struct WebType {
    std::string_view extension, content_type;
};
constexpr WebType kWebTypes[] = {{".html", "text/html; charset=utf-8"},
                                 {".css", "text/css; charset=utf-8"},
                                 {".js", "text/javascript; charset=utf-8"},
                                 {".json", "application/json"},
                                 {".png", "image/png"},
                                 {".svg", "image/svg+xml"}};

const WebType* web_type_of(std::string_view name) {
    for (const WebType& t : kWebTypes)
        if (name.ends_with(t.extension)) return &t;
    return nullptr;
}

bool safe_segment(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.size() > 100) return false;
    for (const char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_'))
            return false;
    return true;
}

// npm's own files: the install, not the map.
bool is_npm_file(const fs::path& relative) {
    const std::string first = relative.begin()->string();
    return first == "node_modules" || first == "package.json" || first == "package-lock.json";
}

// True when `file`'s real path is inside `root` (already canonical): no link out of the map.
bool inside(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    if (ec) return false;
    const auto [r, f] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    return r == root.end();
}

}  // namespace

std::optional<std::string> safe_web_path(std::string_view path) {
    std::size_t segments = 0, start = 0;
    while (true) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (!safe_segment(path.substr(start, end - start)) || ++segments > kMaxSegments)
            return std::nullopt;
        if (end == path.size()) break;
        start = end + 1;
    }
    if (!web_type_of(path)) return std::nullopt;
    return std::string(path);
}

void WebFiles::add(const std::string& path, std::string body) {
    WebFile f;
    const WebType* type = web_type_of(path);
    f.content_type = type ? type->content_type : "application/json";
    f.body = std::move(body);
    std::ostringstream tag;
    tag << '"' << std::hex << std::hash<std::string>()(f.body) << '"';
    f.etag = tag.str();
    f.max_age = path.starts_with("maplibre-gl") ? 86400 : 0;
    files_[path] = std::move(f);
}

WebFiles WebFiles::load(const std::string& web_dir, const std::string& styles_dir) {
    WebFiles out;
    std::error_code ec;
    const fs::path web = fs::canonical(web_dir, ec);
    if (!ec) {
        for (auto it = fs::recursive_directory_iterator(web, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const fs::path relative = it->path().lexically_relative(web);
            if (is_npm_file(relative)) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            const auto name = safe_web_path(relative.generic_string());
            std::string body;
            if (it->is_regular_file() && name && inside(web, it->path()) &&
                read_file(it->path(), body))
                out.add(*name, std::move(body));
        }
    }
    // Besides the directory's own: MapLibre from npm, the palette from styles/.
    const fs::path npm = fs::path(web_dir) / "node_modules" / "maplibre-gl" / "dist";
    const std::vector<std::pair<std::string, fs::path>> outside = {
        {"maplibre-gl.js", npm / "maplibre-gl.js"},
        {"maplibre-gl.css", npm / "maplibre-gl.css"},
        {"palette.json", fs::path(styles_dir) / "palette.json"},
    };
    for (const auto& [name, place] : outside) {
        std::string body;
        if (!out.files_.count(name) && read_file(place, body)) out.add(name, std::move(body));
    }
    for (const auto& [name, place] : outside)
        if (!out.files_.count(name)) out.missing_.push_back(place.string());
    for (const char* required : {"carte.html", "carte.css", "js/main.js"})
        if (!out.files_.count(required))
            out.missing_.push_back((fs::path(web_dir) / required).string());
    return out;
}

const WebFile* WebFiles::find(const std::string& path) const {
    const auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

std::vector<std::string> WebFiles::paths() const {
    std::vector<std::string> out;
    for (const auto& [path, file] : files_) out.push_back(path);
    return out;
}

}  // namespace palliacarte::serve
