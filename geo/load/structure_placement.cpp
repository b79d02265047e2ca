#include "load/structure_placement.hpp"

#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <sstream>

#include "crs/crs_transform.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct StructurePlacer::Index {
    bgi::rtree<std::pair<Box, std::size_t>, bgi::quadratic<16>> tree;
};

StructurePlacer::StructurePlacer(const std::vector<Commune>& communes, int epsg, double margin_m,
                                 bool epsg_per_departement)
    : communes_(communes),
      epsg_(epsg),
      margin_m_(margin_m),
      epsg_per_departement_(epsg_per_departement) {
    std::map<int, std::vector<std::pair<Box, std::size_t>>> boxes;
    for (std::size_t i = 0; i < communes.size(); ++i) {
        boxes[communes[i].epsg].emplace_back(communes[i].bbox, i);
        commune_codes_.insert(communes[i].insee);
    }
    for (auto& [crs, list] : boxes) {
        auto idx = std::make_unique<Index>();
        idx->tree = decltype(idx->tree)(list.begin(), list.end());  // bulk load (packing)
        index_.emplace(crs, std::move(idx));
    }
}

StructurePlacer::~StructurePlacer() = default;

const CrsTransform& StructurePlacer::transform(const std::string& from, int to_epsg) {
    const auto key = std::make_pair(from, to_epsg);
    auto it = transforms_.find(key);
    if (it == transforms_.end())
        it = transforms_.emplace(key, std::make_unique<CrsTransform>(from, epsg_string(to_epsg)))
                 .first;
    return *it->second;
}

double StructurePlacer::distance_to_territory(const Point& p, int epsg, double limit,
                                              std::string* insee) const {
    double best = limit + 1;
    const auto idx = index_.find(epsg);
    if (idx == index_.end()) return best;
    const Box search({p.x - limit, p.y - limit}, {p.x + limit, p.y + limit});
    const auto& tree = idx->second->tree;
    for (auto it = tree.qbegin(bgi::intersects(search)); it != tree.qend(); ++it) {
        const Commune& c = communes_[it->second];
        const double d = bg::within(p, c.bbox) && bg::covered_by(p, c.geometry)
                             ? 0.0
                             : bg::distance(p, c.geometry);
        if (d < best) {
            best = d;
            if (insee) *insee = c.insee;
            if (d == 0) break;
        }
    }
    return best;
}

void StructurePlacer::place(Structure& s, double x, double y, const std::string& source_crs,
                            LoadReport& report, const std::string& file, const std::string& where,
                            const std::string& departement) {
    const int target = target_epsg(departement);
    const bool geographic = source_crs == "EPSG:4326" || source_crs == "OGC:CRS84";
    if (geographic && (std::abs(x) > 180 || std::abs(y) > 90)) {
        s.position_problem = "longitude/latitude out of range";
        report.warn(file, where, "position_rejected",
                    s.id + ": longitude/latitude " + std::to_string(x) + ", " + std::to_string(y) +
                        " out of range; structure kept without position");
        return;
    }
    double px = x, py = y;
    if (!transform(source_crs, target).transform(px, py)) {
        s.position_problem = "coordinates cannot be reprojected";
        report.warn(file, where, "position_rejected",
                    s.id + ": coordinates cannot be reprojected from " + source_crs +
                        "; structure kept without position");
        return;
    }
    const Point p{px, py};
    std::string nearest;
    const double d = distance_to_territory(p, target, margin_m_, &nearest);
    if (d > margin_m_) {
        std::ostringstream msg;
        msg << s.id << ": position (" << x << ", " << y << " in " << source_crs << ") is more than "
            << margin_m_ / 1000
            << " km from every commune of the territory (in the sea, or wrong coordinates?); "
               "structure kept without position";
        s.position_problem = "far outside the territory";
        report.warn(file, where, "position_rejected", msg.str());
        return;
    }
    s.position = p;
    s.position_problem.clear();  // an earlier unusable pair (reported) no longer matters
    s.epsg = target;
    s.outside_distance_m = d;
    if (d > 0) {
        std::ostringstream msg;
        msg.precision(1);
        msg << std::fixed << s.id << ": located " << d / 1000
            << " km outside the territory (nearest commune " << nearest << "); kept";
        report.info(file, where, "outside_territory", msg.str());
    }
}

int StructurePlacer::target_epsg(const std::string& departement) const {
    return epsg_per_departement_ && !departement.empty() ? natural_epsg_for_departement(departement)
                                                         : epsg_;
}

bool StructurePlacer::within_reach(double x, double y, const std::string& source_crs,
                                   const std::string& departement) {
    const int target = target_epsg(departement);
    if (!transform(source_crs, target).transform(x, y)) return false;
    return distance_to_territory({x, y}, target, margin_m_) <= margin_m_;
}

bool StructurePlacer::add(Structure s, std::vector<Structure>& out, LoadReport& report,
                          const std::string& file, const std::string& where) {
    if (!ids_.insert(s.id).second) {
        report.reject(
            file, where, "duplicate_id",
            "id '" + s.id + "' already used by an earlier structure; this one is ignored");
        return false;
    }
    std::vector<std::string> known;
    for (auto& code : s.intervention_communes) {
        if (commune_codes_.count(code)) {
            known.push_back(code);
        } else {
            report.warn(
                file, where, "unknown_intervention_commune",
                s.id + ": intervention commune '" + code + "' is not a commune of the territory");
        }
    }
    s.intervention_communes = std::move(known);
    if (s.position) {
        s.placement = Placement::located;
    } else if (!s.intervention_communes.empty() || !s.territory.empty()) {
        s.placement = Placement::declared_area_only;
    } else {
        s.placement = Placement::unlocated;
    }
    out.push_back(std::move(s));
    return true;
}

std::vector<std::string> split_codes(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (const char c : text) {
        if (c == ';' || c == ',' || c == ' ' || c == '|' || c == '\t') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

}  // namespace palliacarte
