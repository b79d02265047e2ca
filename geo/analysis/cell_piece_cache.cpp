#include "analysis/cell_piece_cache.hpp"

#include <cmath>
#include <fstream>

#include "core/binary_io.hpp"

namespace palliacarte::analysis {

using namespace core::binary;

namespace {

constexpr char kMagic[8] = {'P', 'C', 'P', 'I', 'E', 'C', 'E', '1'};

template <class T>
std::uint64_t hash_value(const T& v, std::uint64_t h) {
    return fnv1a(&v, sizeof v, h);
}

std::uint64_t hash_ring(const model::Ring& ring, std::uint64_t h) {
    h = hash_value(ring.size(), h);
    return ring.empty() ? h : fnv1a(ring.data(), ring.size() * sizeof(model::Point), h);
}

}  // namespace

std::string cell_piece_cache_key(const std::vector<model::Commune>& communes, int epsg,
                                 const std::vector<model::PopulationCell>& cells) {
    std::uint64_t h = hash_value(epsg, kFnvOffset);
    h = hash_value(communes.size(), h);
    for (const model::Commune& c : communes) {
        h = hash_value(c.epsg, hash_value(c.geometry.size(), h));
        for (const auto& poly : c.geometry) {
            h = hash_ring(poly.outer(), hash_value(poly.inners().size(), h));
            for (const auto& inner : poly.inners()) h = hash_ring(inner, h);
        }
    }
    h = hash_value(cells.size(), h);
    for (const model::PopulationCell& cell : cells) h = hash_ring(cell.square.outer(), h);
    return hex_digest(h);
}

std::optional<std::vector<CellPiece>> read_cell_pieces(const std::string& file,
                                                       const std::string& key, std::size_t communes,
                                                       std::size_t cells) {
    std::ifstream in(file, std::ios::binary);
    if (!in || !read_header(in, kMagic, key)) return std::nullopt;
    std::vector<CellPiece> pieces;
    if (!read_vector(in, pieces, 1ull << 32)) return std::nullopt;
    for (const CellPiece& p : pieces)
        if (p.commune >= communes || p.cell < 0 || static_cast<std::size_t>(p.cell) >= cells ||
            !std::isfinite(p.position.x) || !std::isfinite(p.position.y) ||
            !(p.share >= 0 && p.share <= 1) || !(p.area_m2 >= 0))
            return std::nullopt;
    return pieces;
}

bool write_cell_pieces(const std::string& file, const std::string& key,
                       const std::vector<CellPiece>& pieces) {
    return write_atomically(file, [&](std::ostream& out) {
        write_header(out, kMagic, key);
        write_vector(out, pieces);
    });
}

}  // namespace palliacarte::analysis
