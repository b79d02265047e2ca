#include "routing/snap_raster_cache.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>

#include "core/binary_io.hpp"

namespace palliacarte::routing {

using namespace core::binary;

namespace {

constexpr char kMagic[8] = {'P', 'C', 'S', 'N', 'A', 'P', 'R', '2'};

}  // namespace

std::string snap_raster_cache_key(const std::string& road_cache_key, double cell_m,
                                  double snap_max_m, double off_network_kmh) {
    char params[128];
    std::snprintf(params, sizeof params, "|%.17g|%.17g|%.17g", cell_m, snap_max_m, off_network_kmh);
    return hex_digest(road_cache_key + params);
}

std::optional<SnapRaster> read_snap_raster(const std::string& file, const std::string& key,
                                           const roads::RoadGraph& graph) {
    std::ifstream in(file, std::ios::binary);
    if (!in || !read_header(in, kMagic, key)) return std::nullopt;
    SnapRaster r;
    std::uint64_t cell_bits = 0, dims[4];
    if (!read_u64(in, cell_bits)) return std::nullopt;
    for (auto& d : dims)
        if (!read_u64(in, d)) return std::nullopt;
    std::memcpy(&r.cell_m_, &cell_bits, sizeof r.cell_m_);
    r.col0_ = static_cast<std::int64_t>(dims[0]);
    r.row0_ = static_cast<std::int64_t>(dims[1]);
    r.width_ = static_cast<std::int64_t>(dims[2]);
    r.height_ = static_cast<std::int64_t>(dims[3]);
    constexpr std::uint64_t kMax = 1ull << 34;
    // Mapped, not copied: the system's file cache already holds the pages.
    const auto mapped = core::MappedFile::open(file);
    if (!read_mapped_array(in, mapped, r.cells_, kMax) ||
        !read_mapped_array(in, mapped, r.tail_, kMax) ||
        !read_mapped_array(in, mapped, r.twin_seconds_, kMax) ||
        !read_mapped_array(in, mapped, r.node_reach_m_, kMax))
        return std::nullopt;
    // Structural checks: a truncated or altered file must not reach the surfaces.
    const std::size_t m = graph.edge_count();
    if (!(r.cell_m_ > 0) || r.width_ < 0 || r.height_ < 0 ||
        r.cells_.size() != static_cast<std::size_t>(r.width_ * r.height_) || r.tail_.size() != m ||
        r.twin_seconds_.size() != m || r.node_reach_m_.size() != graph.node_count())
        return std::nullopt;
    for (const SnapRaster::Cell& c : r.cells_)
        if (c.edge != SnapRaster::kNoRoad && c.edge >= m) return std::nullopt;
    for (const roads::NodeId t : r.tail_)
        if (t >= graph.node_count()) return std::nullopt;
    return r;
}

bool write_snap_raster(const std::string& file, const std::string& key, const SnapRaster& r) {
    return write_atomically(file, [&](std::ostream& out) {
        write_header(out, kMagic, key);
        std::uint64_t cell_bits = 0;
        std::memcpy(&cell_bits, &r.cell_m_, sizeof cell_bits);
        write_u64(out, cell_bits);
        for (const std::int64_t d : {r.col0_, r.row0_, r.width_, r.height_})
            write_u64(out, static_cast<std::uint64_t>(d));
        write_aligned_array(out, r.cells_.data(), r.cells_.size());
        write_aligned_array(out, r.tail_.data(), r.tail_.size());
        write_aligned_array(out, r.twin_seconds_.data(), r.twin_seconds_.size());
        write_aligned_array(out, r.node_reach_m_.data(), r.node_reach_m_.size());
    });
}

std::unique_ptr<SnapRaster> cached_snap_raster(const roads::RoadGraph& graph,
                                               const RoadSnapper& snapper, double cell_m,
                                               const std::string& road_cache_file,
                                               bool& from_cache) {
    from_cache = false;
    std::string file, key;
    if (!road_cache_file.empty()) {
        const std::string stem = road_cache_file.ends_with(".bin")
                                     ? road_cache_file.substr(0, road_cache_file.size() - 4)
                                     : road_cache_file;
        key = snap_raster_cache_key(stem.substr(stem.find_last_of('/') + 1), cell_m,
                                    snapper.max_distance_m(), snapper.off_network_mps() * 3.6);
        file = stem + "-raster-" + key + ".bin";
        if (auto cached = read_snap_raster(file, key, graph)) {
            from_cache = true;
            return std::make_unique<SnapRaster>(std::move(*cached));
        }
    }
    auto raster = std::make_unique<SnapRaster>(graph, snapper, cell_m);
    if (!file.empty()) write_snap_raster(file, key, *raster);
    return raster;
}

}  // namespace palliacarte::routing
