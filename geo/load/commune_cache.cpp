#include "load/commune_cache.hpp"

#include <fstream>

#include "config/territory_config.hpp"
#include "core/binary_io.hpp"
#include "core/diagnostic_io.hpp"

namespace palliacarte::load {

using namespace core::binary;

namespace {

constexpr char kMagic[8] = {'P', 'C', 'C', 'O', 'M', 'M', 'S', '1'};
constexpr std::uint64_t kMaxItems = 1ull << 28;

void write_f64(std::ostream& out, double v) {
    out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
bool read_f64(std::istream& in, double& v) {
    return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v));
}
bool read_size(std::istream& in, std::size_t& v) {
    std::uint64_t u = 0;
    if (!read_u64(in, u)) return false;
    v = static_cast<std::size_t>(u);
    return true;
}

void write_commune(std::ostream& out, const model::Commune& c) {
    write_string(out, c.insee);
    write_string(out, c.name);
    write_string(out, c.departement);
    write_u64(out, c.population ? 1 : 0);
    write_u64(out, static_cast<std::uint64_t>(c.population.value_or(0)));
    write_u64(out, static_cast<std::uint64_t>(c.epsg));
    write_f64(out, c.area_m2);
    for (const double v : {c.bbox.min_corner().x, c.bbox.min_corner().y, c.bbox.max_corner().x,
                           c.bbox.max_corner().y})
        write_f64(out, v);
    write_u64(out, c.source_codes.size());
    for (const auto& s : c.source_codes) write_string(out, s);
    write_u64(out, c.source_features);
    write_u64(out, c.geometry.size());
    for (const model::Polygon& p : c.geometry) {
        write_u64(out, 1 + p.inners().size());
        write_vector(out, std::vector<model::Point>(p.outer().begin(), p.outer().end()));
        for (const model::Ring& r : p.inners())
            write_vector(out, std::vector<model::Point>(r.begin(), r.end()));
    }
}

bool read_commune(std::istream& in, model::Commune& c) {
    std::uint64_t has_pop = 0, pop = 0, epsg = 0, n = 0;
    if (!read_string(in, c.insee) || !read_string(in, c.name) || !read_string(in, c.departement) ||
        !read_u64(in, has_pop) || !read_u64(in, pop) || !read_u64(in, epsg))
        return false;
    if (has_pop) c.population = static_cast<std::int64_t>(pop);
    c.epsg = static_cast<int>(epsg);
    double b[4];
    if (!read_f64(in, c.area_m2)) return false;
    for (double& v : b)
        if (!read_f64(in, v)) return false;
    c.bbox = model::Box({b[0], b[1]}, {b[2], b[3]});
    if (!read_u64(in, n) || n > kMaxItems) return false;
    c.source_codes.resize(n);
    for (auto& s : c.source_codes)
        if (!read_string(in, s)) return false;
    if (!read_size(in, c.source_features) || !read_u64(in, n) || n > kMaxItems) return false;
    c.geometry.resize(n);
    std::vector<model::Point> ring;
    for (model::Polygon& p : c.geometry) {
        std::uint64_t rings = 0;
        if (!read_u64(in, rings) || rings == 0 || rings > kMaxItems) return false;
        for (std::uint64_t r = 0; r < rings; ++r) {
            if (!read_vector(in, ring, kMaxItems)) return false;
            if (r == 0)
                p.outer().assign(ring.begin(), ring.end());
            else
                p.inners().emplace_back(ring.begin(), ring.end());
        }
    }
    return true;
}

}  // namespace

std::string commune_cache_key(const config::TerritoryConfig& config,
                              const CommuneLoadOptions& options) {
    std::string text = file_identity(options.source.path) + '|' +
                       config.document.value("communes", nlohmann::json()).dump() + '|';
    if (config.crosswalk)
        text += file_identity(config.crosswalk->path) + '|' +
                config.document.value("crosswalk", nlohmann::json()).dump();
    text += '|' + std::to_string(options.epsg) + '|' +
            (options.epsg_per_departement ? "auto" : "fixed") + "|dep";
    for (const auto& d : options.departements) text += ',' + d;
    text += "|codes";
    for (const auto& c : options.codes) text += ',' + c;
    return hex_digest(text);
}

std::optional<CachedCommunes> read_commune_cache(const std::string& file, const std::string& key) {
    std::ifstream in(file, std::ios::binary);
    if (!in || !read_header(in, kMagic, key)) return std::nullopt;
    CachedCommunes out;
    CommuneLoadResult& r = out.result;
    std::uint64_t n = 0;
    if (!read_size(in, r.features_read) || !read_size(in, r.features_rejected) ||
        !read_size(in, r.invalid_repaired) || !read_size(in, r.merged_communes) ||
        !read_string(in, r.code_field) || !read_string(in, r.name_field) ||
        !read_string(in, r.population_field) || !read_string(in, r.source_crs) ||
        !read_u64(in, n) || n > kMaxItems)
        return std::nullopt;
    r.communes.resize(n);
    for (model::Commune& c : r.communes)
        if (!read_commune(in, c)) return std::nullopt;
    if (!read_diagnostics(in, out.diagnostics, kMaxItems)) return std::nullopt;
    char end = 0;
    if (in.read(&end, 1)) return std::nullopt;  // trailing bytes: not a file we wrote
    return out;
}

bool write_commune_cache(const std::string& file, const std::string& key,
                         const CachedCommunes& communes) {
    return write_atomically(file, [&](std::ostream& out) {
        const CommuneLoadResult& r = communes.result;
        write_header(out, kMagic, key);
        for (const std::size_t v :
             {r.features_read, r.features_rejected, r.invalid_repaired, r.merged_communes})
            write_u64(out, v);
        for (const auto* s : {&r.code_field, &r.name_field, &r.population_field, &r.source_crs})
            write_string(out, *s);
        write_u64(out, r.communes.size());
        for (const model::Commune& c : r.communes) write_commune(out, c);
        write_diagnostics(out, communes.diagnostics);
    });
}

}  // namespace palliacarte::load
