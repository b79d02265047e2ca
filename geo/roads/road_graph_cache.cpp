#include "roads/road_graph_cache.hpp"

#include <filesystem>
#include <fstream>

#include "core/binary_io.hpp"
#include "core/diagnostic_io.hpp"

namespace palliacarte::roads {

using namespace core::binary;

namespace {

constexpr char kMagic[8] = {'P', 'C', 'R', 'O', 'A', 'D', 'S', '5'};

}  // namespace

std::string road_cache_key(const std::vector<std::string>& source_paths,
                           const std::string& road_config_json, const std::string& profile_text,
                           int epsg) {
    std::string files;
    for (const auto& p : source_paths) files += file_identity(p) + '|';
    return hex_digest(files + std::to_string(epsg) + '|' + road_config_json + '|' + profile_text);
}

std::optional<RoadGraph> read_road_cache(const std::string& file, const std::string& key,
                                         model::RoadLoadStats& stats,
                                         std::vector<core::Diagnostic>& diagnostics) {
    std::ifstream in(file, std::ios::binary);
    if (!in || !read_header(in, kMagic, key)) return std::nullopt;
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
        !read_vector(in, g.first_shape, kMax) ||
        !read_mapped_array(in, core::MappedFile::open(file), g.shape_point, kMax))
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
    std::uint64_t merged = 0, before_merge = 0, files = 0;
    if (!read_u64(in, merged) || !read_u64(in, before_merge)) return std::nullopt;
    stats.graph.merged_nodes = merged;
    stats.graph.edges_before_merge = before_merge;
    if (!read_u64(in, files) || files > 64) return std::nullopt;
    stats.files.assign(files, {});
    for (auto& f : stats.files) {
        std::uint64_t v[5];
        for (auto& x : v)
            if (!read_u64(in, x)) return std::nullopt;
        if (!read_string(in, f.path)) return std::nullopt;
        f.features = v[0];
        f.shared_features = v[1];
        f.links = v[2];
        f.junctions = v[3];
        f.shared_junctions = v[4];
    }
    if (!read_diagnostics(in, diagnostics)) return std::nullopt;
    char end = 0;
    if (in.read(&end, 1)) return std::nullopt;  // trailing bytes: not a file we wrote
    stats.graph.kept_nodes = n;
    stats.graph.kept_edges = m;
    return g;
}

bool write_road_cache(const std::string& file, const std::string& key, const RoadGraph& g,
                      const model::RoadLoadStats& stats,
                      const std::vector<core::Diagnostic>& diagnostics) {
    return write_atomically(file, [&](std::ostream& out) {
        write_header(out, kMagic, key);
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
        // The shapes (half the graph) are mapped when read back: no copy into fresh memory.
        write_aligned_array(out, g.shape_point.data(), g.shape_point.size());
        write_u64(out, stats.graph.merged_nodes);
        write_u64(out, stats.graph.edges_before_merge);
        write_u64(out, stats.files.size());
        for (const auto& f : stats.files) {
            for (const std::size_t v :
                 {f.features, f.shared_features, f.links, f.junctions, f.shared_junctions})
                write_u64(out, v);
            write_string(out, f.path);
        }
        write_diagnostics(out, diagnostics);
    });
}

}  // namespace palliacarte::roads
