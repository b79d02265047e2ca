#include "roads/road_graph_cache.hpp"

#include <unistd.h>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace palliacarte {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'P', 'C', 'R', 'O', 'A', 'D', 'S', '2'};

// 64-bit FNV-1a: a change detector for the key, not a security hash.
std::uint64_t fnv1a(const std::string& text, std::uint64_t h = 1469598103934665603ull) {
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

template <class T>
void write_vector(std::ostream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

template <class T>
bool read_vector(std::istream& in, std::vector<T>& v, std::uint64_t max_items) {
    std::uint64_t n = 0;
    if (!in.read(reinterpret_cast<char*>(&n), sizeof n) || n > max_items) return false;
    v.resize(n);
    return static_cast<bool>(
        in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

void write_u64(std::ostream& out, std::uint64_t v) {
    out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
bool read_u64(std::istream& in, std::uint64_t& v) {
    return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v));
}

}  // namespace

std::string road_cache_directory(const std::string& configured, const std::string& data_root) {
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

std::string road_cache_key(const std::string& source_path, const std::string& road_config_json,
                           const std::string& profile_text, int epsg) {
    std::error_code ec;
    const auto size = fs::file_size(source_path, ec);
    const auto mtime = fs::last_write_time(source_path, ec).time_since_epoch().count();
    std::ostringstream key;
    key << fs::absolute(source_path).string() << '|' << size << '|' << mtime << '|' << epsg << '|'
        << road_config_json << '|' << profile_text;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key.str())));
    return hex;
}

std::optional<RoadGraph> read_road_cache(const std::string& file, const std::string& key,
                                         RoadLoadStats& stats) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    char magic[8];
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0)
        return std::nullopt;
    std::uint64_t key_len = 0;
    if (!read_u64(in, key_len) || key_len != key.size()) return std::nullopt;
    std::string stored(key_len, '\0');
    if (!in.read(stored.data(), static_cast<std::streamsize>(key_len)) || stored != key)
        return std::nullopt;
    RoadGraph g;
    std::uint64_t epsg = 0, counts[13];
    if (!read_u64(in, epsg)) return std::nullopt;
    for (auto& c : counts)
        if (!read_u64(in, c)) return std::nullopt;
    g.epsg = static_cast<int>(epsg);
    constexpr std::uint64_t kMax = 1ull << 32;
    if (!read_vector(in, g.node_position, kMax) || !read_vector(in, g.first_out, kMax) ||
        !read_vector(in, g.out_arc, kMax) || !read_vector(in, g.length_m, kMax) ||
        !read_vector(in, g.source_link, kMax) || !read_vector(in, g.first_in, kMax) ||
        !read_vector(in, g.in_arc, kMax) || !read_vector(in, g.in_edge, kMax) ||
        !read_vector(in, g.first_shape, kMax) || !read_vector(in, g.shape_point, kMax))
        return std::nullopt;
    // Structural checks: a truncated or altered file must not reach the searches.
    const std::size_t n = g.node_position.size(), m = g.out_arc.size();
    if (g.first_out.size() != n + 1 || g.first_in.size() != n + 1 || g.length_m.size() != m ||
        g.source_link.size() != m || g.in_arc.size() != m || g.in_edge.size() != m ||
        g.first_shape.size() != m + 1 || g.first_out.back() != m || g.first_in.back() != m ||
        g.first_shape.back() != g.shape_point.size())
        return std::nullopt;
    for (std::size_t e = 0; e < m; ++e)
        if (g.out_arc[e].node >= n || g.in_edge[e] >= m || g.in_arc[e].node >= n ||
            g.first_shape[e] > g.first_shape[e + 1])
            return std::nullopt;
    stats.features = counts[0];
    stats.links = counts[1];
    stats.rejected = counts[2];
    stats.loops = counts[3];
    stats.graph.input_nodes = counts[4];
    stats.graph.input_edges = counts[5];
    stats.graph.components = counts[6];
    stats.graph.dropped_nodes = counts[7];
    stats.graph.dropped_edges = counts[8];
    stats.speed_from_profile = counts[9];
    stats.speed_from_field = counts[10];
    stats.speed_default = counts[11];
    stats.build_seconds = static_cast<double>(counts[12]) / 1000.0;
    stats.graph.kept_nodes = n;
    stats.graph.kept_edges = m;
    return g;
}

bool write_road_cache(const std::string& file, const std::string& key, const RoadGraph& g,
                      const RoadLoadStats& stats) {
    std::error_code ec;
    fs::create_directories(fs::path(file).parent_path(), ec);
    const std::string tmp = file + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out.write(kMagic, sizeof kMagic);
        write_u64(out, key.size());
        out.write(key.data(), static_cast<std::streamsize>(key.size()));
        write_u64(out, static_cast<std::uint64_t>(g.epsg));
        for (const std::uint64_t c :
             {std::uint64_t(stats.features), std::uint64_t(stats.links),
              std::uint64_t(stats.rejected), std::uint64_t(stats.loops),
              std::uint64_t(stats.graph.input_nodes), std::uint64_t(stats.graph.input_edges),
              std::uint64_t(stats.graph.components), std::uint64_t(stats.graph.dropped_nodes),
              std::uint64_t(stats.graph.dropped_edges), std::uint64_t(stats.speed_from_profile),
              std::uint64_t(stats.speed_from_field), std::uint64_t(stats.speed_default),
              static_cast<std::uint64_t>(stats.build_seconds * 1000.0 + 0.5)})
            write_u64(out, c);
        write_vector(out, g.node_position);
        write_vector(out, g.first_out);
        write_vector(out, g.out_arc);
        write_vector(out, g.length_m);
        write_vector(out, g.source_link);
        write_vector(out, g.first_in);
        write_vector(out, g.in_arc);
        write_vector(out, g.in_edge);
        write_vector(out, g.first_shape);
        write_vector(out, g.shape_point);
        if (!out) {
            fs::remove(tmp, ec);
            return false;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
    return !ec;
}

}  // namespace palliacarte
