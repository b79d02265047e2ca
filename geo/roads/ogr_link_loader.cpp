#include "roads/ogr_link_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "core/connection_text.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "gdal/ogr_source.hpp"
#include "roads/edge_shape.hpp"

namespace palliacarte::roads {

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

// The config's fields (roads.fields) as indexes in the layer.
struct LinkFields {
    std::optional<int> from, to, length, road_class, speed, direction;
};

LinkFields resolve_link_fields(const config::RoadSourceConfig& config, OGRFeatureDefn* defn,
                               const std::string& path) {
    auto field = [&](const char* ours) -> std::optional<int> {
        const auto it = config.fields.find(ours);
        if (it == config.fields.end()) return std::nullopt;
        const auto idx = gdal::find_field(defn, it->second);
        if (!idx)
            throw core::ConfigError(core::without_password(path) + " : pas de champ « " +
                                    it->second + " » (roads.fields." + ours + ")");
        return idx;
    };
    LinkFields f{field("from_node"), field("to_node"),   field("length"),
                 field("class"),     field("speed_kmh"), field("direction")};
    if (f.from.has_value() != f.to.has_value())
        throw core::DataError(
            path, "roads.fields : from_node et to_node vont ensemble (les deux ou aucun)");
    return f;
}

// A class rule with its fields resolved and values folded once.
struct ClassRule {
    std::vector<std::pair<int, std::vector<std::string>>> when;
    std::string road_class;
};

std::vector<ClassRule> compile_class_rules(const config::RoadSourceConfig& config,
                                           OGRFeatureDefn* defn, const std::string& path) {
    std::vector<ClassRule> rules;
    for (const auto& cr : config.class_rules) {
        ClassRule rule{{}, cr.road_class};
        for (const auto& [name, values] : cr.when) {
            const auto idx = gdal::find_field(defn, name);
            if (!idx)
                throw core::ConfigError(core::without_password(path) + " : pas de champ « " + name +
                                        " » (roads.class_rules)");
            std::vector<std::string> folded;
            for (const auto& v : values) folded.push_back(core::fold_for_matching(v));
            rule.when.emplace_back(*idx, std::move(folded));
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

// The class field's value, unless a class rule matches the feature first.
std::string road_class_of(OGRFeature& f, const LinkFields& fields,
                          const std::vector<ClassRule>& rules) {
    for (const auto& rule : rules) {
        bool all = true;
        for (const auto& [idx, values] : rule.when) {
            const std::string v = core::fold_for_matching(core::trim(gdal::field_text(f, idx)));
            all = all && std::find(values.begin(), values.end(), v) != values.end();
        }
        if (all) return rule.road_class;
    }
    return fields.road_class ? gdal::field_text(f, *fields.road_class) : "";
}

LinkDirection direction_of(const config::RoadSourceConfig& config, const std::string& value) {
    for (const auto& [kind, values] : config.direction_values)
        for (const auto& v : values)
            if (core::fold_for_matching(v) == core::fold_for_matching(value)) {
                if (kind == "forward") return LinkDirection::forward;
                if (kind == "backward") return LinkDirection::backward;
                if (kind == "closed") return LinkDirection::closed;
                return LinkDirection::both;
            }
    return config.direction == config::LinkLayout::forward ? LinkDirection::forward
                                                           : LinkDirection::both;
}

// The feature's line: a LineString, or a MultiLineString of one part; null otherwise.
const OGRLineString* single_line(const OGRGeometry* g) {
    if (g && wkbFlatten(g->getGeometryType()) == wkbLineString) return g->toLineString();
    if (g && wkbFlatten(g->getGeometryType()) == wkbMultiLineString &&
        g->toMultiLineString()->getNumGeometries() == 1)
        return g->toMultiLineString()->getGeometryRef(0);
    return nullptr;
}

// Speed: a real value in the speed field, else the profile's class speed, else the default.
double link_kmh(OGRFeature& f, const LinkFields& fields, const config::RoadSourceConfig& config,
                const CarProfile& profile, const std::string& road_class,
                model::RoadLoadStats& stats) {
    if (fields.speed && f.IsFieldSetAndNotNull(*fields.speed)) {
        const double v = f.GetFieldAsDouble(*fields.speed);
        const auto def = config.importer_default_speeds_kmh.find(road_class);
        const bool importer_default =
            def != config.importer_default_speeds_kmh.end() && std::abs(def->second - v) < 0.5;
        if (v > 0 && v < 250 && !importer_default) {
            ++stats.speed_from_field;
            return config.speed_field_kind == config::SpeedFieldKind::limit
                       ? profile.realistic_kmh(v)
                       : v;
        }
    }
    if (!road_class.empty()) {
        if (const auto kmh = profile.class_speed_kmh(road_class, profile.default_context())) {
            ++stats.speed_from_profile;
            return *kmh;
        }
    }
    ++stats.speed_default;
    return config.default_speed_kmh;
}

// One link into the shared builder (unless an earlier file had it, or it is a loop).
struct LinkEnds {
    NodeId a, b;
    bool forward, backward;
};
void add_link(LinkUnion& u, std::size_t file_index, const LinkEnds& ends, double length,
              double secs, const std::vector<model::Point>& shape, model::RoadLoadStats& stats) {
    model::RoadFileStats& file = stats.files[file_index];
    // The same link in two files (an overlap band): same ends, length and direction. Its
    // junctions are in both files. Parallel twins within one file are kept, as with one file.
    if (u.several_files) {
        const auto [it, first] = u.seen.emplace(
            LinkKey{ends.a, ends.b, std::llround(length * 100), ends.forward, ends.backward},
            file_index);
        if (!first && it->second != file_index) {
            ++file.shared_features;
            u.overlap.touch(ends.a, file_index);
            u.overlap.touch(ends.b, file_index);
            return;
        }
    }
    if (ends.a == ends.b) {  // a loop adds nothing to shortest paths
        ++stats.loops;
        return;
    }
    const std::size_t made =
        u.builder.add_road(ends.a, ends.b, length, secs, u.next_link++,
                           std::span<const model::Point>(shape).subspan(1, shape.size() - 2),
                           ends.forward, ends.backward);
    stats.links += made;
    file.links += made;
    u.overlap.touch(ends.a, file_index);
    u.overlap.touch(ends.b, file_index);
}

// One file's features into the shared builder.
void read_link_file(const config::RoadSourceConfig& config, std::size_t file_index, int epsg,
                    const CarProfile& profile, LinkUnion& u, model::RoadLoadStats& stats,
                    core::LoadReport& report, const core::ProgressFn& progress) {
    const std::string& path = config.paths[file_index];
    if (progress) progress("routes : ouverture de " + core::without_password(path), 0, 0);
    gdal::OgrSource src = gdal::open_vector_layer(path, config.layer, config.sql);
    if (!config.where.empty()) {
        gdal::QuietGdalErrors quiet;
        if (src.layer->SetAttributeFilter(config.where.c_str()) != OGRERR_NONE)
            throw core::DataError(path, "filtre attributaire invalide « " + config.where +
                                            "': " + gdal::QuietGdalErrors::last_message());
    }
    OGRFeatureDefn* defn = src.layer->GetLayerDefn();
    const LinkFields fields = resolve_link_fields(config, defn, path);
    const std::vector<ClassRule> rules = compile_class_rules(config, defn, path);
    const std::string crs =
        config.source_crs.empty() ? gdal::layer_crs(src.layer) : config.source_crs;
    if (crs.empty())
        throw core::DataError(path,
                              "la couche routière n'a pas de CRS : renseignez roads.source_crs");
    const crs::CrsTransform to_work(crs, crs::epsg_string(epsg));

    const GIntBig total = src.layer->GetFeatureCount(FALSE);
    core::ProgressTicker ticker(progress, "routes : lecture des tronçons", total > 0 ? total : 0,
                                5000);
    std::uint32_t number = 0;
    model::RoadFileStats& file = stats.files[file_index];
    std::vector<model::Point> shape;
    for (OGRFeatureUniquePtr f(src.layer->GetNextFeature()); f;
         f.reset(src.layer->GetNextFeature())) {
        ++number;
        ++stats.features;
        ++file.features;
        ticker.tick(number);
        const std::string where = "objet " + std::to_string(number);
        const OGRLineString* line = single_line(f->GetGeometryRef());
        if (!line || line->getNumPoints() < 2) {
            ++stats.rejected;
            report.reject(path, where, "not_a_line", "tronçon sans géométrie de ligne");
            continue;
        }
        const std::string road_class = road_class_of(*f, fields, rules);
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
            to_work.transform(&shape[0].x, &shape[0].y, shape.size(), sizeof(model::Point)) != 0) {
            ++stats.rejected;
            report.reject(path, where, "reprojection_failed", "tronçon impossible à reprojeter");
            continue;
        }
        double length = 0;
        if (fields.length && f->IsFieldSetAndNotNull(*fields.length))
            length = f->GetFieldAsDouble(*fields.length);
        if (!(length > 0)) length = polyline_length(shape);
        if (!(length > 0)) {
            ++stats.rejected;
            report.reject(path, where, "zero_length", "tronçon de longueur nulle");
            continue;
        }
        const double secs =
            length / (link_kmh(*f, fields, config, profile, road_class, stats) / 3.6);
        const LinkDirection dir =
            direction_of(config, fields.direction ? gdal::field_text(*f, *fields.direction) : "");
        if (dir == LinkDirection::closed) continue;
        const model::Point a = shape.front(), b = shape.back();
        const NodeId na = fields.from ? u.builder.node(gdal::field_text(*f, *fields.from), a)
                                      : u.builder.node_at(a);
        const NodeId nb =
            fields.to ? u.builder.node(gdal::field_text(*f, *fields.to), b) : u.builder.node_at(b);
        add_link(u, file_index,
                 {na, nb, dir == LinkDirection::forward || dir == LinkDirection::both,
                  dir == LinkDirection::backward || dir == LinkDirection::both},
                 length, secs, shape, stats);
    }
    ticker.finish(number);
    if (file.features == 0)
        throw core::DataError(path, "aucun tronçon routier (vérifiez roads.layer et roads.where)");
}

}  // namespace

RoadGraph load_ogr_links(const config::RoadSourceConfig& config, int epsg,
                         const CarProfile& profile, model::RoadLoadStats& stats,
                         core::LoadReport& report, const core::ProgressFn& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    if (config.paths.size() > SourceFileOverlap::kMaxFiles)
        throw core::DataError(joined_paths(config.paths),
                              "au plus " + std::to_string(SourceFileOverlap::kMaxFiles) +
                                  " fichiers routiers dans un réseau");
    stats.path = joined_paths(config.paths);
    stats.files.assign(config.paths.size(), {});
    LinkUnion u{RoadGraphBuilder(epsg, config.merge_chains), config.paths.size() > 1, {}, 0, {}};
    for (std::size_t f = 0; f < config.paths.size(); ++f) {
        stats.files[f].path = core::without_password(config.paths[f]);
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

}  // namespace palliacarte::roads
