// SYNTHETIC road network as a real OpenStreetMap PBF (written with libosmium), for national-
// and region-scale benchmarks of the whole import path: no real national road data is
// reachable here. Its shape follows where people live, from the 1 km census grid: in every
// populated square kilometre a street lattice whose junction count grows with its population
// (one junction per --people-per-junction inhabitants, default 5, 1 to 40 × 40), streets as
// long ways with two shape nodes between junctions, a few one-way streets; between neighbouring
// populated squares (up to 4 km apart across empty land) a road with a node every 80 m, cut into
// three ways at a bridge — the degree-2 chains OpenStreetMap is full of — classed trunk every 50
// km, primary every 10 km, secondary every 5 km, else tertiary or unclassified. Deterministic.
//
// usage: palliacarte_make_synthetic_roads GRID.csv OUT.osm.pbf [--bbox lon0,lat0,lon1,lat1]
//                                         [--people-per-junction N]
// GRID.csv: the Census 2021 1 km layout (x_laea, y_laea lower-left corner, lon, lat, T).
#include <osmium/builder/attr.hpp>
#include <osmium/builder/osm_object_builder.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/csv_reader.hpp"
#include "crs/crs_transform.hpp"

using namespace palliacarte;

namespace {

struct Cell {
    std::int64_t x, y;  // lower-left corner, LAEA metres
    double population;
    std::uint32_t k = 1;  // k × k junctions
    std::uint64_t first_junction = 0;
};

struct Way {
    std::uint64_t first_ref;
    std::uint32_t refs;
    const char* highway;
    bool oneway = false, bridge = false;
};

struct Network {
    std::vector<model::Point> node;  // LAEA; OSM id = index + 1
    std::vector<std::uint64_t> refs;
    std::vector<Way> ways;
    std::uint64_t junctions = 0;

    std::uint64_t add_node(double x, double y) {
        node.push_back({x, y});
        return node.size();
    }
    void add_way(const std::vector<std::uint64_t>& ids, const char* highway, bool oneway = false,
                 bool bridge = false) {
        ways.push_back(
            {refs.size(), static_cast<std::uint32_t>(ids.size()), highway, oneway, bridge});
        refs.insert(refs.end(), ids.begin(), ids.end());
    }
};

double arg_number(int argc, char** argv, const std::string& name, double fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return std::atof(argv[i + 1]);
    return fallback;
}

std::vector<Cell> read_cells(const std::string& path, const double box[4]) {
    core::CsvReader csv = core::CsvReader::open(path);
    const auto cx = csv.column("x_laea"), cy = csv.column("y_laea"), clon = csv.column("lon"),
               clat = csv.column("lat"), ct = csv.column("T");
    if (!cx || !cy || !clon || !clat || !ct) {
        std::fprintf(stderr, "%s: needs x_laea, y_laea, lon, lat, T\n", path.c_str());
        std::exit(2);
    }
    std::vector<Cell> cells;
    core::CsvRecord r;
    while (csv.next(r)) {
        const double lon = std::atof(r.fields[*clon].c_str()),
                     lat = std::atof(r.fields[*clat].c_str());
        if (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3]) continue;
        const double t = std::atof(r.fields[*ct].c_str());
        if (t <= 0) continue;
        cells.push_back({std::atoll(r.fields[*cx].c_str()), std::atoll(r.fields[*cy].c_str()), t});
    }
    return cells;
}

// The lattice of each cell, its streets, then the roads between neighbouring cells.
Network build(std::vector<Cell>& cells, double people_per_junction) {
    Network net;
    std::unordered_map<std::int64_t, std::size_t> at;  // (x_km, y_km) → cell
    auto key = [](std::int64_t xk, std::int64_t yk) { return xk * 100000 + yk; };
    for (std::size_t c = 0; c < cells.size(); ++c)
        at[key(cells[c].x / 1000, cells[c].y / 1000)] = c;
    std::mt19937_64 rng(2154);
    std::uniform_real_distribution<double> unit(0, 1);
    for (auto& c : cells) {
        c.k = static_cast<std::uint32_t>(
            std::clamp(std::ceil(std::sqrt(c.population / people_per_junction)), 1.0, 40.0));
        const double step = 1000.0 / c.k;
        c.first_junction = net.node.size() + 1;
        for (std::uint32_t b = 0; b < c.k; ++b)
            for (std::uint32_t a = 0; a < c.k; ++a)
                net.add_node(c.x + (a + 0.5 + 0.3 * (unit(rng) - 0.5)) * step,
                             c.y + (b + 0.5 + 0.3 * (unit(rng) - 0.5)) * step);
        net.junctions += std::uint64_t{c.k} * c.k;
    }
    std::vector<std::uint64_t> ids;
    for (auto& c : cells) {
        if (c.k < 2) continue;
        auto junction = [&](std::uint32_t a, std::uint32_t b) {
            return c.first_junction + std::uint64_t{b} * c.k + a;
        };
        // Rows then columns: one way each, a bent shape node between two junctions.
        for (int dir = 0; dir < 2; ++dir)
            for (std::uint32_t line = 0; line < c.k; ++line) {
                ids.clear();
                for (std::uint32_t i = 0; i < c.k; ++i) {
                    const std::uint64_t j = dir == 0 ? junction(i, line) : junction(line, i);
                    if (i > 0) {
                        // Two shape nodes: the street bends a little.
                        const model::Point p = net.node[ids.back() - 1], q = net.node[j - 1];
                        const double bend = 0.1 * (unit(rng) - 0.5);
                        for (const double t : {1.0 / 3, 2.0 / 3})
                            ids.push_back(net.add_node(p.x + t * (q.x - p.x) - bend * (q.y - p.y),
                                                       p.y + t * (q.y - p.y) + bend * (q.x - p.x)));
                    }
                    ids.push_back(j);
                }
                const bool oneway = unit(rng) < 0.05;
                net.add_way(ids, c.population > 2000 ? "residential" : "unclassified", oneway);
            }
    }
    // Roads to the next populated cell east and north (across up to 3 empty ones).
    for (const auto& c : cells)
        for (int dir = 0; dir < 2; ++dir)
            for (int gap = 1; gap <= 4; ++gap) {
                const std::int64_t xk = c.x / 1000 + (dir == 0 ? gap : 0),
                                   yk = c.y / 1000 + (dir == 1 ? gap : 0);
                const auto it = at.find(key(xk, yk));
                if (it == at.end()) continue;
                const Cell& d = cells[it->second];
                const std::uint32_t mc = c.k / 2, md = d.k / 2;
                const std::uint64_t from =
                    dir == 0 ? c.first_junction + std::uint64_t{mc} * c.k + (c.k - 1)
                             : c.first_junction + std::uint64_t{c.k - 1} * c.k + mc;
                const std::uint64_t to =
                    dir == 0 ? d.first_junction + std::uint64_t{md} * d.k : d.first_junction + md;
                const model::Point p = net.node[from - 1], q = net.node[to - 1];
                const double len = std::hypot(q.x - p.x, q.y - p.y);
                const int inner = std::max(2, static_cast<int>(len / 80));
                const std::int64_t line_km = dir == 0 ? c.y / 1000 : c.x / 1000;
                const char* highway = line_km % 50 == 0                            ? "trunk"
                                      : line_km % 10 == 0                          ? "primary"
                                      : line_km % 5 == 0                           ? "secondary"
                                      : std::min(c.population, d.population) > 500 ? "tertiary"
                                                                                   : "unclassified";
                // The road's nodes, a gentle wave; cut into three ways at a bridge.
                std::vector<std::uint64_t> road{from};
                for (int i = 1; i < inner; ++i) {
                    const double t = static_cast<double>(i) / inner;
                    const double wave = 25 * std::sin(t * 6.283);
                    const double nx = -(q.y - p.y) / len, ny = (q.x - p.x) / len;
                    road.push_back(net.add_node(p.x + t * (q.x - p.x) + wave * nx,
                                                p.y + t * (q.y - p.y) + wave * ny));
                }
                road.push_back(to);
                const std::size_t b0 = road.size() / 3, b1 = 2 * road.size() / 3;
                net.add_way({road.begin(), road.begin() + static_cast<long>(b0) + 1}, highway);
                net.add_way({road.begin() + static_cast<long>(b0),
                             road.begin() + static_cast<long>(b1) + 1},
                            highway, false, true);
                net.add_way({road.begin() + static_cast<long>(b1), road.end()}, highway);
                break;
            }
    return net;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: %s GRID.csv OUT.osm.pbf [--bbox lon0,lat0,lon1,lat1] "
                     "[--people-per-junction N]\n",
                     argv[0]);
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    double box[4] = {-180, -90, 180, 90};
    for (int i = 3; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--bbox")
            std::sscanf(argv[i + 1], "%lf,%lf,%lf,%lf", &box[0], &box[1], &box[2], &box[3]);
    const double ppj = arg_number(argc, argv, "--people-per-junction", 5);
    std::vector<Cell> cells = read_cells(argv[1], box);
    Network net = build(cells, ppj);
    // LAEA → lon/lat, in bulk.
    const crs::CrsTransform to_wgs84("EPSG:3035", "EPSG:4326");
    to_wgs84.transform(&net.node[0].x, &net.node[0].y, net.node.size(), sizeof(model::Point));

    osmium::io::Header header;
    header.set("generator", "palliacarte_make_synthetic_roads");
    osmium::io::Writer writer(argv[2], header, osmium::io::overwrite::allow);
    using namespace osmium::builder::attr;
    osmium::memory::Buffer buffer(1 << 22, osmium::memory::Buffer::auto_grow::yes);
    auto flush = [&](bool force) {
        if (!force && buffer.committed() < (1u << 22) - (1u << 16)) return;
        writer(std::move(buffer));
        buffer = osmium::memory::Buffer(1 << 22, osmium::memory::Buffer::auto_grow::yes);
    };
    for (std::size_t i = 0; i < net.node.size(); ++i) {
        osmium::builder::add_node(buffer, _id(static_cast<osmium::object_id_type>(i + 1)),
                                  _version(1),
                                  _location(osmium::Location(net.node[i].x, net.node[i].y)));
        flush(false);
    }
    std::vector<osmium::object_id_type> ids;
    for (std::size_t w = 0; w < net.ways.size(); ++w) {
        const Way& way = net.ways[w];
        ids.assign(net.refs.begin() + static_cast<long>(way.first_ref),
                   net.refs.begin() + static_cast<long>(way.first_ref + way.refs));
        if (way.oneway)
            osmium::builder::add_way(buffer, _id(static_cast<osmium::object_id_type>(w + 1)),
                                     _version(1), _nodes(ids), _tag("highway", way.highway),
                                     _tag("oneway", "yes"));
        else if (way.bridge)
            osmium::builder::add_way(buffer, _id(static_cast<osmium::object_id_type>(w + 1)),
                                     _version(1), _nodes(ids), _tag("highway", way.highway),
                                     _tag("bridge", "yes"));
        else
            osmium::builder::add_way(buffer, _id(static_cast<osmium::object_id_type>(w + 1)),
                                     _version(1), _nodes(ids), _tag("highway", way.highway));
        flush(false);
    }
    flush(true);
    writer.close();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(
        "%zu populated km², %llu junctions, %zu nodes, %zu ways, %zu way node refs → %s "
        "(%.1f s)\n",
        cells.size(), static_cast<unsigned long long>(net.junctions), net.node.size(),
        net.ways.size(), net.refs.size(), argv[2], s);
    return 0;
}
