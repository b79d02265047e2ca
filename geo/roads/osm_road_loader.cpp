#include "roads/osm_road_loader.hpp"

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "roads/pbf_framing.hpp"
#include "roads/road_graph_builder.hpp"

namespace palliacarte::roads {

namespace {

using OsmId = osmium::object_id_type;

// One car way as the profile reads its tags; its node ids are refs[first .. first+count).
struct CarWay {
    OsmId id;
    std::uint64_t first;
    std::uint32_t count;
    float kmh;
    std::int8_t oneway;  // 1 forward only, -1 backward only, 0 both
    std::uint8_t file;
};

std::string tag(const osmium::TagList& tags, const char* key) {
    const char* v = tags.get_value_by_key(key);
    return v ? v : "";
}

// Pass 1: the car ways of every file, their node ids in one flat array (no map per way: a
// country has 60 million way nodes).
class WayCollector : public osmium::handler::Handler {
  public:
    WayCollector(const CarProfile& p, model::RoadLoadStats& s) : profile_(p), stats_(s) {}
    std::vector<CarWay> ways;
    std::vector<OsmId> refs;
    std::size_t reversible = 0, no_access = 0;
    std::uint8_t file = 0;

    void way(const osmium::Way& w) {
        const auto& tags = w.tags();
        const std::string highway = tag(tags, "highway");
        if (highway.empty()) return;
        ++stats_.features;
        if (!profile_.is_routable_class(highway)) {
            ++stats_.skipped_classes[highway];
            return;
        }
        // Access: a general restriction unless cars are explicitly allowed, or a car one.
        const std::string access = tag(tags, "access"), motor = tag(tags, "motor_vehicle"),
                          car = tag(tags, "motorcar");
        const bool car_allowed =
            motor == "yes" || car == "yes" || motor == "destination" || car == "destination";
        if ((profile_.access_excluded(access) && !car_allowed) || profile_.access_excluded(motor) ||
            profile_.access_excluded(car)) {
            ++no_access;
            return;
        }
        CarWay cw{w.id(), refs.size(), 0, 0, 0, file};
        const std::string oneway = tag(tags, "oneway"), junction = tag(tags, "junction");
        if (oneway == "reversible" || oneway == "alternating") {
            ++reversible;  // direction changes with time: not usable for a fixed answer
            return;
        }
        if (oneway == "yes" || oneway == "1" || oneway == "true") {
            cw.oneway = 1;
        } else if (oneway == "-1" || oneway == "reverse") {
            cw.oneway = -1;
        } else if (oneway != "no" && (junction == "roundabout" || junction == "circular" ||
                                      profile_.implied_oneway(highway))) {
            cw.oneway = 1;
        }
        // Urban or rural: French implicit limits say it when mapped.
        RoadContext context = profile_.default_context();
        for (const char* key : {"maxspeed", "maxspeed:type", "source:maxspeed", "zone:maxspeed"}) {
            const std::string v = tag(tags, key);
            if (v == "FR:urban" || v == "FR:zone30" || v == "FR:zone20")
                context = RoadContext::urban;
            if (v == "FR:rural" || v == "FR:motorway") context = RoadContext::rural;
        }
        if (const auto limit = profile_.parse_maxspeed_kmh(tag(tags, "maxspeed"))) {
            cw.kmh = static_cast<float>(profile_.realistic_kmh(*limit));
            ++stats_.speed_from_field;
        } else {
            cw.kmh = static_cast<float>(*profile_.class_speed_kmh(highway, context));
            ++stats_.speed_from_profile;
        }
        if (w.nodes().size() < 2) return;
        for (const auto& nr : w.nodes()) refs.push_back(nr.ref());
        cw.count = static_cast<std::uint32_t>(refs.size() - cw.first);
        ways.push_back(cw);
    }

  private:
    const CarProfile& profile_;
    model::RoadLoadStats& stats_;
};

// Pass 2: locations of the nodes the car ways use (`ids`, sorted), and nothing else. The first
// file that has a node gives its location.
class NodeCollector : public osmium::handler::Handler {
  public:
    NodeCollector(const std::vector<OsmId>& ids, std::vector<model::Point>& lonlat)
        : ids_(ids), lonlat_(lonlat) {}
    void node(const osmium::Node& n) {
        if (!n.location().valid()) return;
        const auto it = std::lower_bound(ids_.begin(), ids_.end(), n.id());
        if (it == ids_.end() || *it != n.id()) return;
        model::Point& p = lonlat_[static_cast<std::size_t>(it - ids_.begin())];
        if (std::isnan(p.x)) p = {n.location().lon(), n.location().lat()};
    }

  private:
    const std::vector<OsmId>& ids_;
    std::vector<model::Point>& lonlat_;
};

template <class Handler>
void read_osm(const std::string& path, osmium::osm_entity_bits::type what, Handler& handler) {
    try {
        osmium::io::Reader reader(path, what);
        osmium::apply(reader, handler);
        reader.close();
    } catch (const std::exception& e) {
        throw core::DataError(
            path, std::string("illisible comme données OpenStreetMap (") + e.what() + ")");
    }
}

void check_readable(const std::string& path) {
    if (!std::filesystem::exists(path)) throw core::DataError(path, "fichier introuvable");
    if (std::filesystem::file_size(path) == 0) throw core::DataError(path, "fichier vide");
    if (is_pbf_path(path)) check_pbf_framing(path);
}

// A way read from two extracts counts once (the first file's copy), and is in both: `files`
// gets, per kept way, the mask of the files that hold it. Ways end up in id order, as in one
// extract, so a network cut into overlapping extracts builds the same graph.
std::vector<std::size_t> dedupe_by_id(const std::vector<CarWay>& ways,
                                      std::vector<model::RoadFileStats>& stats,
                                      std::vector<std::uint64_t>& files) {
    std::vector<std::size_t> order(ways.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return ways[a].id < ways[b].id; });
    std::vector<std::size_t> kept;
    kept.reserve(order.size());
    files.clear();
    for (const std::size_t i : order) {
        const std::uint64_t bit = std::uint64_t{1} << ways[i].file;
        if (!kept.empty() && ways[kept.back()].id == ways[i].id) {
            ++stats[ways[i].file].shared_features;
            files.back() |= bit;
            continue;
        }
        kept.push_back(i);
        files.push_back(bit);
    }
    return kept;
}

// Pass 1 over every file: its car ways into `ways`.
void read_ways(const std::vector<std::string>& paths, WayCollector& ways,
               model::RoadLoadStats& stats, const core::ProgressFn& progress) {
    for (std::size_t f = 0; f < paths.size(); ++f) {
        if (progress) progress("routes OSM : lecture des voies de " + paths[f], 0, 0);
        const std::size_t before = ways.ways.size(), features = stats.features;
        ways.file = static_cast<std::uint8_t>(f);
        read_osm(paths[f], osmium::osm_entity_bits::way, ways);
        stats.files[f].features = ways.ways.size() - before;
        if (stats.features == features)
            throw core::DataError(
                paths[f], "aucune voie (highway) dans ce fichier (est-ce un extrait OSM ?)");
    }
    if (ways.ways.empty())
        throw core::DataError(stats.path, "aucune route ouverte aux voitures dans ce fichier");
}

// Every node id the kept ways use, sorted: a node is then its index in `ids`. A node that
// two ways use, or that ends a way, is a junction (uses 2).
struct WayNodes {
    std::vector<OsmId> ids;
    std::vector<std::uint8_t> uses;        // saturates at 2
    std::vector<std::uint32_t> way_nodes;  // per kept way, its nodes' indices
    std::vector<std::uint64_t> way_first;  // kept way k's nodes: way_nodes[way_first[k] ..]
};

WayNodes index_way_nodes(WayCollector& ways, const std::vector<std::size_t>& kept) {
    WayNodes n;
    for (const std::size_t w : kept)
        n.ids.insert(n.ids.end(), ways.refs.begin() + ways.ways[w].first,
                     ways.refs.begin() + ways.ways[w].first + ways.ways[w].count);
    std::sort(n.ids.begin(), n.ids.end());
    n.ids.erase(std::unique(n.ids.begin(), n.ids.end()), n.ids.end());
    n.uses.assign(n.ids.size(), 0);
    n.way_first.assign(kept.size() + 1, 0);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const CarWay& w = ways.ways[kept[k]];
        for (std::uint32_t i = 0; i < w.count; ++i) {
            const auto x = static_cast<std::uint32_t>(
                std::lower_bound(n.ids.begin(), n.ids.end(), ways.refs[w.first + i]) -
                n.ids.begin());
            n.way_nodes.push_back(x);
            // Way ends are always split points, even when no other way uses them.
            const std::uint8_t add = (i == 0 || i + 1 == w.count) ? 2 : 1;
            n.uses[x] = static_cast<std::uint8_t>(std::min(2, n.uses[x] + add));
        }
        n.way_first[k + 1] = n.way_nodes.size();
    }
    ways.refs.clear();
    ways.refs.shrink_to_fit();
    return n;
}

// Pass 2: the nodes' positions, projected once (lon/lat → working CRS) in place: no copy of
// 60 million points. The missing ones stay NaN.
std::vector<model::Point> read_node_positions(const std::vector<std::string>& paths,
                                              const std::vector<OsmId>& ids, int epsg,
                                              const core::ProgressFn& progress) {
    std::vector<model::Point> pos(ids.size(),
                                  model::Point{std::numeric_limits<double>::quiet_NaN(), 0});
    NodeCollector nodes(ids, pos);
    for (const auto& path : paths) {
        if (progress) progress("routes OSM : lecture des nœuds de " + path, 0, 0);
        read_osm(path, osmium::osm_entity_bits::node, nodes);
    }
    std::vector<bool> missing(pos.size());
    for (std::size_t i = 0; i < pos.size(); ++i) missing[i] = std::isnan(pos[i].x);
    const crs::CrsTransform to_work("EPSG:4326", crs::epsg_string(epsg));
    if (!pos.empty()) to_work.transform(&pos[0].x, &pos[0].y, pos.size(), sizeof(model::Point));
    for (std::size_t i = 0; i < pos.size(); ++i)
        if (missing[i]) pos[i].x = std::numeric_limits<double>::quiet_NaN();
    return pos;
}

struct CutCounts {
    std::size_t missing_refs = 0, cut_ways = 0;
};

// Cuts every kept way at its junctions into edges of the builder; a missing node restarts the
// way after it (a cut extract), and is counted.
CutCounts cut_ways_into_edges(const WayCollector& ways, const std::vector<std::size_t>& kept,
                              const std::vector<std::uint64_t>& way_files, const WayNodes& n,
                              const std::vector<model::Point>& pos, RoadGraphBuilder& builder,
                              SourceFileOverlap& overlap, model::RoadLoadStats& stats) {
    std::vector<NodeId> graph_node(n.ids.size(), kNoNode);
    auto junction = [&](std::uint32_t x) {
        if (graph_node[x] == kNoNode) graph_node[x] = builder.add_node(pos[x]);
        return graph_node[x];
    };
    CutCounts counts;
    std::vector<model::Point> via;
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const CarWay& w = ways.ways[kept[k]];
        const std::uint32_t* nodes_of = n.way_nodes.data() + n.way_first[k];
        model::RoadFileStats& file = stats.files[w.file];
        bool cut = false;
        std::size_t start = 0;  // index of the current piece's first node
        double length = 0;
        via.clear();  // the piece's inner vertices, kept as the edge's shape
        for (std::size_t i = 1; i <= w.count; ++i) {
            const model::Point& prev = pos[nodes_of[i - 1]];
            if (std::isnan(prev.x)) {  // missing node: restart after it
                ++counts.missing_refs;
                cut = true;
                start = i;
                length = 0;
                via.clear();
                continue;
            }
            if (i == w.count) break;
            const model::Point& cur = pos[nodes_of[i]];
            if (std::isnan(cur.x)) continue;  // counted at the next step
            length += std::hypot(cur.x - prev.x, cur.y - prev.y);
            if (n.uses[nodes_of[i]] < 2) {
                via.push_back(cur);
                continue;
            }
            // A piece from node `start` to node i.
            const NodeId na = junction(nodes_of[start]), nb = junction(nodes_of[i]);
            if (na != nb && length > 0) {
                const std::size_t made = builder.add_road(na, nb, length, length / (w.kmh / 3.6),
                                                          static_cast<std::uint32_t>(k), via,
                                                          w.oneway >= 0, w.oneway <= 0);
                stats.links += made;
                file.links += made;
                for (std::size_t f = 0; f < stats.files.size(); ++f)
                    if (way_files[k] >> f & 1) {
                        overlap.touch(na, f);
                        overlap.touch(nb, f);
                    }
            }
            start = i;
            length = 0;
            via.clear();
        }
        counts.cut_ways += cut;
    }
    return counts;
}

// What the ways lost or shared, said once for the whole network.
void report_ways(const WayCollector& ways, const CutCounts& cut, const model::RoadLoadStats& stats,
                 core::LoadReport& report) {
    if (ways.reversible > 0)
        report.info(
            stats.path, "", "reversible_oneway",
            std::to_string(ways.reversible) + " voies à sens alterné ou réversible écartées");
    if (ways.no_access > 0)
        report.info(
            stats.path, "", "no_car_access",
            std::to_string(ways.no_access) + " voies interdites aux voitures (balises access)");
    if (cut.missing_refs > 0)
        report.warn(stats.path, "", "missing_node_refs",
                    std::to_string(cut.cut_ways) + " voies citent " +
                        std::to_string(cut.missing_refs) +
                        " nœuds absents du fichier (extrait découpé) ; leurs parties complètes "
                        "sont gardées");
    if (stats.files.size() > 1) {
        std::size_t shared = 0;
        for (const auto& f : stats.files) shared += f.shared_features;
        report.info(stats.path, "", "roads_merged",
                    std::to_string(stats.files.size()) + " extraits réunis en un réseau ; " +
                        std::to_string(shared) +
                        " voies présentes dans plusieurs extraits comptées une fois");
    }
}

}  // namespace

RoadGraph load_osm_roads(const std::vector<std::string>& paths, int epsg, const CarProfile& profile,
                         model::RoadLoadStats& stats, core::LoadReport& report,
                         const core::ProgressFn& progress, bool merge_chains) {
    const auto t0 = std::chrono::steady_clock::now();
    if (paths.size() > SourceFileOverlap::kMaxFiles)
        throw core::DataError(joined_paths(paths),
                              "au plus " + std::to_string(SourceFileOverlap::kMaxFiles) +
                                  " extraits OpenStreetMap dans un réseau");
    stats.path = joined_paths(paths);
    stats.files.assign(paths.size(), {});
    for (std::size_t f = 0; f < paths.size(); ++f) {
        stats.files[f].path = paths[f];
        check_readable(paths[f]);
    }
    WayCollector ways(profile, stats);
    read_ways(paths, ways, stats, progress);
    std::vector<std::uint64_t> way_files;
    const std::vector<std::size_t> kept = dedupe_by_id(ways.ways, stats.files, way_files);
    WayNodes nodes = index_way_nodes(ways, kept);
    std::vector<model::Point> pos = read_node_positions(paths, nodes.ids, epsg, progress);
    RoadGraphBuilder builder(epsg, merge_chains);
    SourceFileOverlap overlap;
    const CutCounts cut =
        cut_ways_into_edges(ways, kept, way_files, nodes, pos, builder, overlap, stats);
    overlap.count(stats.files);
    report_ways(ways, cut, stats, report);
    // What the pieces were cut from goes before the graph is built: building is the peak.
    nodes = WayNodes();
    std::vector<model::Point>().swap(pos);
    std::vector<std::uint64_t>().swap(way_files);
    std::vector<CarWay>().swap(ways.ways);
    RoadGraph graph = builder.build(stats.graph);
    if (graph.node_count() == 0)
        throw core::DataError(stats.path,
                              "aucune route utilisable en voiture (voies incomplètes ou isolées)");
    report_dropped_roads(stats.path, stats.graph, report);
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return graph;
}

}  // namespace palliacarte::roads
