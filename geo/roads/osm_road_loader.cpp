#include "roads/osm_road_loader.hpp"

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "roads/road_graph_builder.hpp"

namespace palliacarte {

namespace {

// One car way as the profile reads its tags.
struct CarWay {
    std::vector<osmium::object_id_type> nodes;
    double kmh = 0;
    int oneway = 0;  // 1 forward only, -1 backward only, 0 both
};

std::string tag(const osmium::TagList& tags, const char* key) {
    const char* v = tags.get_value_by_key(key);
    return v ? v : "";
}

// Pass 1: the car ways and how many ways use each node (shared nodes are junctions).
class WayCollector : public osmium::handler::Handler {
  public:
    WayCollector(const CarProfile& p, RoadLoadStats& s) : profile_(p), stats_(s) {}
    std::vector<CarWay> ways;
    std::unordered_map<osmium::object_id_type, std::uint32_t> node_uses;
    std::size_t reversible = 0, no_access = 0;

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
        CarWay cw;
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
            cw.kmh = profile_.realistic_kmh(*limit);
            ++stats_.speed_from_field;
        } else {
            cw.kmh = *profile_.class_speed_kmh(highway, context);
            ++stats_.speed_from_profile;
        }
        for (const auto& nr : w.nodes()) {
            cw.nodes.push_back(nr.ref());
            ++node_uses[nr.ref()];
        }
        if (cw.nodes.size() < 2) return;
        // Way ends are always split points, even when no other way uses them.
        ++node_uses[cw.nodes.front()];
        ++node_uses[cw.nodes.back()];
        ways.push_back(std::move(cw));
    }

  private:
    const CarProfile& profile_;
    RoadLoadStats& stats_;
};

// Pass 2: locations of the nodes the car ways use, and nothing else.
class NodeCollector : public osmium::handler::Handler {
  public:
    explicit NodeCollector(const std::unordered_map<osmium::object_id_type, std::uint32_t>& wanted)
        : wanted_(wanted) {}
    std::unordered_map<osmium::object_id_type, Point> location;
    void node(const osmium::Node& n) {
        if (!n.location().valid() || !wanted_.count(n.id())) return;
        location.emplace(n.id(), Point{n.location().lon(), n.location().lat()});
    }

  private:
    const std::unordered_map<osmium::object_id_type, std::uint32_t>& wanted_;
};

}  // namespace

RoadGraph load_osm_roads(const std::string& path, int epsg, const CarProfile& profile,
                         RoadLoadStats& stats, LoadReport& report, const ProgressFn& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    stats.path = path;
    if (!std::filesystem::exists(path)) throw DataError(path, "fichier introuvable");
    if (std::filesystem::file_size(path) == 0) throw DataError(path, "fichier vide");
    WayCollector ways(profile, stats);
    NodeCollector* nodes_ptr = nullptr;
    std::unique_ptr<NodeCollector> nodes;
    try {
        if (progress) progress("routes OSM : lecture des voies de " + path, 0, 0);
        osmium::io::Reader way_reader(path, osmium::osm_entity_bits::way);
        osmium::apply(way_reader, ways);
        way_reader.close();
        if (progress) progress("routes OSM : lecture des nœuds", 0, 0);
        nodes = std::make_unique<NodeCollector>(ways.node_uses);
        nodes_ptr = nodes.get();
        osmium::io::Reader node_reader(path, osmium::osm_entity_bits::node);
        osmium::apply(node_reader, *nodes_ptr);
        node_reader.close();
    } catch (const std::exception& e) {
        throw DataError(path,
                        std::string("illisible comme données OpenStreetMap (") + e.what() + ")");
    }
    if (ways.ways.empty())
        throw DataError(path,
                        stats.features == 0
                            ? "aucune voie (highway) dans ce fichier (est-ce un extrait OSM ?)"
                            : "aucune route ouverte aux voitures dans ce fichier");
    if (ways.reversible > 0)
        report.info(
            path, "", "reversible_oneway",
            std::to_string(ways.reversible) + " voies à sens alterné ou réversible écartées");
    if (ways.no_access > 0)
        report.info(
            path, "", "no_car_access",
            std::to_string(ways.no_access) + " voies interdites aux voitures (balises access)");

    // Project every used node once (lon/lat → working CRS).
    std::vector<osmium::object_id_type> ids;
    std::vector<Point> pos;
    ids.reserve(nodes->location.size());
    pos.reserve(nodes->location.size());
    for (const auto& [id, p] : nodes->location) {
        ids.push_back(id);
        pos.push_back(p);
    }
    const CrsTransform to_work("EPSG:4326", epsg_string(epsg));
    if (!pos.empty()) to_work.transform(&pos[0].x, &pos[0].y, pos.size(), sizeof(Point));
    std::unordered_map<osmium::object_id_type, Point> projected;
    projected.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) projected.emplace(ids[i], pos[i]);

    RoadGraphBuilder builder(epsg);
    std::size_t missing_refs = 0, cut_ways = 0;
    std::uint32_t way_index = 0;
    std::vector<Point> via;
    for (const auto& w : ways.ways) {
        ++way_index;
        bool cut = false;
        std::size_t start = 0;  // index of the current piece's first node
        double length = 0;
        via.clear();  // the piece's inner vertices, kept as the edge's shape
        for (std::size_t i = 1; i <= w.nodes.size(); ++i) {
            const auto prev = projected.find(w.nodes[i - 1]);
            if (prev == projected.end()) {  // missing node: restart after it
                ++missing_refs;
                cut = true;
                start = i;
                length = 0;
                via.clear();
                continue;
            }
            if (i == w.nodes.size()) break;
            const auto cur = projected.find(w.nodes[i]);
            if (cur == projected.end()) continue;  // counted at the next step
            length += std::hypot(cur->second.x - prev->second.x, cur->second.y - prev->second.y);
            const bool junction = ways.node_uses[w.nodes[i]] >= 2;
            if (!junction) {
                via.push_back(cur->second);
                continue;
            }
            // A piece from w.nodes[start] to w.nodes[i].
            const Point& a = projected.at(w.nodes[start]);
            const NodeId na = builder.node(std::to_string(w.nodes[start]), a);
            const NodeId nb = builder.node(std::to_string(w.nodes[i]), cur->second);
            if (na != nb && length > 0) {
                const double secs = length / (w.kmh / 3.6);
                stats.links += builder.add_road(na, nb, length, secs, way_index - 1, via,
                                                w.oneway >= 0, w.oneway <= 0);
            }
            start = i;
            length = 0;
            via.clear();
        }
        cut_ways += cut;
    }
    if (missing_refs > 0)
        report.warn(path, "", "missing_node_refs",
                    std::to_string(cut_ways) + " voies citent " + std::to_string(missing_refs) +
                        " nœuds absents du fichier (extrait découpé) ; leurs parties complètes "
                        "sont gardées");
    RoadGraph graph = builder.build(stats.graph);
    if (graph.node_count() == 0)
        throw DataError(path, "aucune route utilisable en voiture (voies incomplètes ou isolées)");
    report_dropped_roads(path, stats.graph, report);
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return graph;
}

}  // namespace palliacarte
