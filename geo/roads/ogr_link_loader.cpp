#include "roads/ogr_link_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "gdal/ogr_source.hpp"
#include "roads/edge_shape.hpp"

namespace palliacarte {

namespace {

enum class LinkDirection { both, forward, backward, closed };

// The same link read from two files: a key of its ends, length (cm) and directions.
using LinkKey = std::tuple<NodeId, NodeId, long long, bool, bool>;

// What the files of one network share while they are read.
struct LinkUnion {
    RoadGraphBuilder builder;
    bool several_files;
    std::map<LinkKey, std::size_t> seen;  // link → the file it was first read from (several files)
    std::uint32_t next_link = 0;
    SourceFileOverlap overlap;
};

// One file's features into the shared builder.
void read_link_file(const RoadSourceConfig& config, std::size_t file_index, int epsg,
                    const CarProfile& profile, LinkUnion& u, RoadLoadStats& stats,
                    LoadReport& report, const ProgressFn& progress) {
    const std::string& path = config.paths[file_index];
    RoadGraphBuilder& builder = u.builder;
    if (progress) progress("routes : ouverture de " + path, 0, 0);
    OgrSource src = open_vector_layer(path, config.layer);
    if (!config.where.empty()) {
        QuietGdalErrors quiet;
        if (src.layer->SetAttributeFilter(config.where.c_str()) != OGRERR_NONE)
            throw DataError(path, "filtre attributaire invalide « " + config.where +
                                      "': " + QuietGdalErrors::last_message());
    }
    OGRFeatureDefn* defn = src.layer->GetLayerDefn();
    auto field = [&](const char* ours) -> std::optional<int> {
        const auto it = config.fields.find(ours);
        if (it == config.fields.end()) return std::nullopt;
        const auto idx = find_field(defn, it->second);
        if (!idx)
            throw DataError(path,
                            "pas de champ « " + it->second + " » (roads.fields." + ours + ")");
        return idx;
    };
    const auto f_from = field("from_node"), f_to = field("to_node"), f_len = field("length"),
               f_class = field("class"), f_speed = field("speed_kmh"), f_dir = field("direction");
    if (f_from.has_value() != f_to.has_value())
        throw DataError(path,
                        "roads.fields : from_node et to_node vont ensemble (les deux ou aucun)");

    // Class rules with their fields resolved and values folded once.
    struct Rule {
        std::vector<std::pair<int, std::vector<std::string>>> when;
        std::string road_class;
    };
    std::vector<Rule> rules;
    for (const auto& cr : config.class_rules) {
        Rule rule{{}, cr.road_class};
        for (const auto& [name, values] : cr.when) {
            const auto idx = find_field(defn, name);
            if (!idx) throw DataError(path, "pas de champ « " + name + " » (roads.class_rules)");
            std::vector<std::string> folded;
            for (const auto& v : values) folded.push_back(fold_for_matching(v));
            rule.when.emplace_back(*idx, std::move(folded));
        }
        rules.push_back(std::move(rule));
    }
    const std::string crs = config.source_crs.empty() ? layer_crs(src.layer) : config.source_crs;
    if (crs.empty())
        throw DataError(path, "la couche routière n'a pas de CRS : renseignez roads.source_crs");
    const CrsTransform to_work(crs, epsg_string(epsg));

    auto direction_of = [&](const std::string& value) {
        for (const auto& [kind, values] : config.direction_values)
            for (const auto& v : values)
                if (fold_for_matching(v) == fold_for_matching(value)) {
                    if (kind == "forward") return LinkDirection::forward;
                    if (kind == "backward") return LinkDirection::backward;
                    if (kind == "closed") return LinkDirection::closed;
                    return LinkDirection::both;
                }
        return config.direction == LinkLayout::forward ? LinkDirection::forward
                                                       : LinkDirection::both;
    };

    const GIntBig total = src.layer->GetFeatureCount(FALSE);
    ProgressTicker ticker(progress, "routes : lecture des tronçons", total > 0 ? total : 0, 5000);
    std::uint32_t number = 0;
    RoadFileStats& file = stats.files[file_index];
    std::vector<Point> shape;
    for (OGRFeatureUniquePtr f(src.layer->GetNextFeature()); f;
         f.reset(src.layer->GetNextFeature())) {
        ++number;
        ++stats.features;
        ++file.features;
        ticker.tick(number);
        const std::string where = "objet " + std::to_string(number);
        const OGRGeometry* g = f->GetGeometryRef();
        const OGRLineString* line = nullptr;
        if (g && wkbFlatten(g->getGeometryType()) == wkbLineString) line = g->toLineString();
        if (g && wkbFlatten(g->getGeometryType()) == wkbMultiLineString &&
            g->toMultiLineString()->getNumGeometries() == 1)
            line = g->toMultiLineString()->getGeometryRef(0);
        if (!line || line->getNumPoints() < 2) {
            ++stats.rejected;
            report.reject(path, where, "not_a_line", "tronçon sans géométrie de ligne");
            continue;
        }
        std::string road_class = f_class ? field_text(*f, *f_class) : "";
        for (const auto& rule : rules) {
            bool all = true;
            for (const auto& [idx, values] : rule.when) {
                const std::string v = fold_for_matching(trim(field_text(*f, idx)));
                all = all && std::find(values.begin(), values.end(), v) != values.end();
            }
            if (all) {
                road_class = rule.road_class;
                break;
            }
        }
        if (!road_class.empty() && !profile.is_routable_class(road_class)) {
            ++stats.skipped_classes[road_class];
            continue;
        }
        // The whole line in the working CRS: end points make the topology, inner vertices the
        // edge's shape, and the drawn length stands in when no length field is set.
        const int count = line->getNumPoints();
        shape.resize(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) shape[i] = {line->getX(i), line->getY(i)};
        if (!to_work.is_identity() &&
            to_work.transform(&shape[0].x, &shape[0].y, shape.size(), sizeof(Point)) != 0) {
            ++stats.rejected;
            report.reject(path, where, "reprojection_failed", "tronçon impossible à reprojeter");
            continue;
        }
        const Point a = shape.front(), b = shape.back();
        double length = 0;
        if (f_len && f->IsFieldSetAndNotNull(*f_len)) length = f->GetFieldAsDouble(*f_len);
        if (!(length > 0)) length = polyline_length(shape);
        if (!(length > 0)) {
            ++stats.rejected;
            report.reject(path, where, "zero_length", "tronçon de longueur nulle");
            continue;
        }
        // Speed: a real value in the speed field, else the profile's class speed.
        std::optional<double> kmh;
        if (f_speed && f->IsFieldSetAndNotNull(*f_speed)) {
            const double v = f->GetFieldAsDouble(*f_speed);
            const auto def = config.importer_default_speeds_kmh.find(road_class);
            const bool importer_default =
                def != config.importer_default_speeds_kmh.end() && std::abs(def->second - v) < 0.5;
            if (v > 0 && v < 250 && !importer_default) {
                kmh =
                    config.speed_field_kind == SpeedFieldKind::limit ? profile.realistic_kmh(v) : v;
                ++stats.speed_from_field;
            }
        }
        if (!kmh && !road_class.empty()) {
            kmh = profile.class_speed_kmh(road_class, profile.default_context());
            if (kmh) ++stats.speed_from_profile;
        }
        if (!kmh) {
            kmh = config.default_speed_kmh;
            ++stats.speed_default;
        }
        const double secs = length / (*kmh / 3.6);
        const LinkDirection dir = f_dir ? direction_of(field_text(*f, *f_dir)) : direction_of("");
        if (dir == LinkDirection::closed) continue;
        NodeId na, nb;
        if (f_from) {
            na = builder.node(field_text(*f, *f_from), a);
            nb = builder.node(field_text(*f, *f_to), b);
        } else {
            na = builder.node_at(a);
            nb = builder.node_at(b);
        }
        const bool forward = dir == LinkDirection::forward || dir == LinkDirection::both;
        const bool backward = dir == LinkDirection::backward || dir == LinkDirection::both;
        // The same link in two files (an overlap band): same ends, length and direction. Its
        // junctions are in both files. Parallel twins within one file are kept, as with one
        // file.
        if (u.several_files) {
            const auto [it, first] = u.seen.emplace(
                LinkKey{na, nb, std::llround(length * 100), forward, backward}, file_index);
            if (!first && it->second != file_index) {
                ++file.shared_features;
                u.overlap.touch(na, file_index);
                u.overlap.touch(nb, file_index);
                continue;
            }
        }
        if (na == nb) {  // a loop adds nothing to shortest paths
            ++stats.loops;
            continue;
        }
        const std::size_t made = builder.add_road(
            na, nb, length, secs, u.next_link++,
            std::span<const Point>(shape).subspan(1, shape.size() - 2), forward, backward);
        stats.links += made;
        file.links += made;
        u.overlap.touch(na, file_index);
        u.overlap.touch(nb, file_index);
    }
    ticker.finish(number);
    if (file.features == 0)
        throw DataError(path, "aucun tronçon routier (vérifiez roads.layer et roads.where)");
}

}  // namespace

RoadGraph load_ogr_links(const RoadSourceConfig& config, int epsg, const CarProfile& profile,
                         RoadLoadStats& stats, LoadReport& report, const ProgressFn& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    if (config.paths.size() > SourceFileOverlap::kMaxFiles)
        throw DataError(joined_paths(config.paths),
                        "au plus " + std::to_string(SourceFileOverlap::kMaxFiles) +
                            " fichiers routiers dans un réseau");
    stats.path = joined_paths(config.paths);
    stats.files.assign(config.paths.size(), {});
    LinkUnion u{RoadGraphBuilder(epsg, config.merge_chains), config.paths.size() > 1, {}, 0, {}};
    for (std::size_t f = 0; f < config.paths.size(); ++f) {
        stats.files[f].path = config.paths[f];
        read_link_file(config, f, epsg, profile, u, stats, report, progress);
    }
    u.overlap.count(stats.files);
    const std::string& path = stats.path;
    if (config.paths.size() > 1) {
        std::size_t shared = 0;
        for (const auto& f : stats.files) shared += f.shared_features;
        report.info(path, "", "roads_merged",
                    std::to_string(config.paths.size()) + " fichiers réunis en un réseau ; " +
                        std::to_string(shared) +
                        " tronçons présents dans plusieurs fichiers comptés une fois");
    }
    RoadGraph graph = u.builder.build(stats.graph);
    report_dropped_roads(path, stats.graph, report);
    for (const auto& [cls, n] : stats.skipped_classes)
        report.info(path, "", "road_class_skipped",
                    std::to_string(n) + " tronçons de classe « " + cls +
                        " » ne sont pas pour les voitures dans le profil " + profile.name());
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return graph;
}

}  // namespace palliacarte
