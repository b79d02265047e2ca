#include "load/structure_placement.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/text_encoding.hpp"
#include "crs/crs_transform.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte::load {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

struct StructurePlacer::Index {
    bgi::rtree<std::pair<model::Box, std::size_t>, bgi::quadratic<16>> tree;
};

StructurePlacer::StructurePlacer(const std::vector<model::Commune>& communes, int epsg,
                                 double margin_m, bool epsg_per_departement)
    : communes_(communes),
      epsg_(epsg),
      margin_m_(margin_m),
      epsg_per_departement_(epsg_per_departement) {
    std::map<int, std::vector<std::pair<model::Box, std::size_t>>> boxes;
    for (std::size_t i = 0; i < communes.size(); ++i) {
        boxes[communes[i].epsg].emplace_back(communes[i].bbox, i);
        commune_codes_.insert(communes[i].insee);
        departements_.insert(communes[i].departement);
    }
    for (auto& [crs, list] : boxes) {
        auto idx = std::make_unique<Index>();
        idx->tree = decltype(idx->tree)(list.begin(), list.end());  // bulk load (packing)
        index_.emplace(crs, std::move(idx));
    }
}

StructurePlacer::~StructurePlacer() = default;

const crs::CrsTransform& StructurePlacer::transform(const std::string& from, int to_epsg) {
    const auto key = std::make_pair(from, to_epsg);
    auto it = transforms_.find(key);
    if (it == transforms_.end())
        it = transforms_
                 .emplace(key, std::make_unique<crs::CrsTransform>(from, crs::epsg_string(to_epsg)))
                 .first;
    return *it->second;
}

double StructurePlacer::distance_to_territory(const model::Point& p, int epsg, double limit,
                                              std::string* insee) const {
    double best = limit + 1;
    const auto idx = index_.find(epsg);
    if (idx == index_.end()) return best;
    const model::Box search({p.x - limit, p.y - limit}, {p.x + limit, p.y + limit});
    const auto& tree = idx->second->tree;
    for (auto it = tree.qbegin(bgi::intersects(search)); it != tree.qend(); ++it) {
        const model::Commune& c = communes_[it->second];
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

void StructurePlacer::place(model::Structure& s, double x, double y, const std::string& source_crs,
                            core::LoadReport& report, const std::string& file,
                            const std::string& where, const std::string& departement) {
    const int target = target_epsg(departement);
    const bool geographic = source_crs == "EPSG:4326" || source_crs == "OGC:CRS84";
    // The two coordinates the other way round land in the territory: a swapped pair (lat/lon
    // columns, or Lambert-93 Y/X), most likely. Counted as a rejected row: the planner fixes it.
    auto swapped_lands_inside = [&](std::string* commune) {
        if (geographic && (std::abs(y) > 180 || std::abs(x) > 90)) return false;
        double sx = y, sy = x;
        if (!transform(source_crs, target).transform(sx, sy)) return false;
        return distance_to_territory({sx, sy}, target, 0, commune) <= 0;
    };
    auto reject_swapped = [&](const std::string& commune) {
        std::ostringstream msg;
        msg << s.id << " (" << s.name << ") : coordonnées (" << x << ", " << y << " en "
            << source_crs << ") probablement inversées — dans l'autre ordre, le point tombe "
            << "dans la commune " << commune
            << " ; structure gardée sans position, corrigez l'ordre des colonnes";
        s.position_problem = "coordonnées inversées";
        report.reject(file, where, "swapped_coordinates", msg.str());
    };
    std::string swapped_commune;
    if (geographic && (std::abs(x) > 180 || std::abs(y) > 90)) {
        if (swapped_lands_inside(&swapped_commune)) return reject_swapped(swapped_commune);
        s.position_problem = "longitude/latitude hors bornes";
        report.warn(file, where, "position_rejected",
                    s.id + " : longitude/latitude " + std::to_string(x) + ", " + std::to_string(y) +
                        " hors bornes ; structure gardée sans position");
        return;
    }
    double px = x, py = y;
    if (!transform(source_crs, target).transform(px, py)) {
        if (swapped_lands_inside(&swapped_commune)) return reject_swapped(swapped_commune);
        s.position_problem = "coordonnées impossibles à reprojeter";
        report.warn(file, where, "position_rejected",
                    s.id + " : coordonnées impossibles à reprojeter depuis " + source_crs +
                        " ; structure gardée sans position");
        return;
    }
    const model::Point p{px, py};
    std::string nearest;
    const double d = distance_to_territory(p, target, margin_m_, &nearest);
    if (d > margin_m_) {
        if (swapped_lands_inside(&swapped_commune)) return reject_swapped(swapped_commune);
        std::ostringstream msg;
        msg << s.id << " : position (" << x << ", " << y << " en " << source_crs << ") à plus de "
            << margin_m_ / 1000
            << " km de toute commune du territoire (en mer, ou coordonnées fausses ?) ; "
               "structure gardée sans position";
        s.position_problem = "loin hors du territoire";
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
        msg << std::fixed << s.id << " : à " << d / 1000
            << " km hors du territoire (commune la plus proche : " << nearest << ") ; gardée";
        report.info(file, where, "outside_territory", msg.str());
    }
}

int StructurePlacer::target_epsg(const std::string& departement) const {
    return epsg_per_departement_ && !departement.empty()
               ? crs::natural_epsg_for_departement(departement)
               : epsg_;
}

bool StructurePlacer::within_reach(double x, double y, const std::string& source_crs,
                                   const std::string& departement) {
    const int target = target_epsg(departement);
    if (!transform(source_crs, target).transform(x, y)) return false;
    return distance_to_territory({x, y}, target, margin_m_) <= margin_m_;
}

bool StructurePlacer::add(model::Structure s, std::vector<model::Structure>& out,
                          core::LoadReport& report, const std::string& file,
                          const std::string& where) {
    if (!ids_.insert(s.id).second) {
        report.reject(file, where, "duplicate_id",
                      "identifiant « " + s.id +
                          " » déjà pris par une structure précédente ; celle-ci est ignorée");
        return false;
    }
    std::vector<std::string> known;
    for (auto& code : s.intervention_communes) {
        if (commune_codes_.count(code)) {
            known.push_back(code);
        } else {
            report.warn(file, where, "unknown_intervention_commune",
                        s.id + " : la commune d'intervention « " + code +
                            " » n'est pas une commune du territoire");
        }
    }
    s.intervention_communes = std::move(known);
    if (s.position) {
        s.placement = model::Placement::located;
    } else if (!s.intervention_communes.empty() || !s.territory.empty()) {
        s.placement = model::Placement::declared_area_only;
    } else {
        s.placement = model::Placement::unlocated;
    }
    out.push_back(std::move(s));
    return true;
}

namespace {

// An address as words: folded, without its "| BP 229" part, punctuation as spaces.
std::vector<std::string> address_words(const std::string& address) {
    const std::string folded = core::fold_for_matching(address.substr(0, address.find('|')));
    std::vector<std::string> words(1);
    for (const char c : folded) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            words.back() += c;
        else if (!words.back().empty())
            words.emplace_back();
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

// Two structures at one point are one place when they say so: same FINESS entity, or two
// spellings of one address ("109 R CHARLES DE GAULLE" / "109 AV CHARLES DE GAULLE": the same
// number and a name word in common). Without addresses, the same FINESS ET or the same name.
bool same_place(const model::Structure& a, const model::Structure& b) {
    if (!a.finess_ej.empty() && a.finess_ej == b.finess_ej) return true;
    if (a.address.empty() || b.address.empty())
        return (!a.finess_et.empty() && a.finess_et == b.finess_et) || a.name == b.name;
    const auto wa = address_words(a.address), wb = address_words(b.address);
    const bool numbered =
        !wa.empty() && !wb.empty() && std::isdigit(static_cast<unsigned char>(wa[0][0]));
    if (numbered && wa[0] != wb[0]) return false;
    for (const auto& w : wa)
        if (w.size() >= 4 && std::find(wb.begin(), wb.end(), w) != wb.end()) return true;
    return wa == wb;
}

}  // namespace

void warn_shared_positions(const std::vector<model::Structure>& structures,
                           core::LoadReport& report) {
    std::map<std::tuple<int, double, double>, std::vector<const model::Structure*>> at;
    for (const auto& s : structures)
        if (s.position) at[{s.epsg, s.position->x, s.position->y}].push_back(&s);
    for (const auto& [point, group] : at) {
        if (group.size() < 2) continue;
        // One building (an HAD unit inside its hospital, an EHPAD of the CH) is not a problem;
        // several places at one point are.
        std::vector<const model::Structure*> places;
        for (const auto* s : group)
            if (std::none_of(places.begin(), places.end(),
                             [&](const model::Structure* p) { return same_place(*p, *s); }))
                places.push_back(s);
        if (places.size() < 2) continue;
        std::ostringstream msg;
        msg.precision(1);
        msg << std::fixed << group.size() << " structures au même point (" << std::get<1>(point)
            << ", " << std::get<2>(point) << ") avec des adresses différentes :";
        for (std::size_t k = 0; k < group.size(); ++k)
            msg << (k ? "," : "") << " " << group[k]->name << " (" << group[k]->id
                << (group[k]->address.empty() ? "" : ", " + group[k]->address) << ")";
        msg << " — un géocodage par défaut (centre de commune ?) est probable : vérifiez leurs "
               "positions, les temps de trajet en dépendent";
        const std::string& source = group.front()->source;
        report.warn(source.substr(0, source.rfind(':')), "", "shared_position", msg.str());
    }
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

}  // namespace palliacarte::load
