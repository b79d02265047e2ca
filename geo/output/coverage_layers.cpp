#include "output/coverage_layers.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/white_zone_ranking.hpp"
#include "crs/crs_transform.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"
#include "model/departement_names.hpp"

namespace palliacarte {

namespace bg = boost::geometry;

const char* status_label_fr(CoverageStatus s) {
    switch (s) {
        case CoverageStatus::covered:
            return "couvert";
        case CoverageStatus::partial:
            return "partiel";
        case CoverageStatus::white_zone:
            return "zone blanche";
    }
    return "?";
}

namespace {

// Geometries into the layer's CRS: overseas communes and structures of a national run are in
// their local CRS; a layer has one.
class ToLayerCrs {
  public:
    explicit ToLayerCrs(int to) : to_(to) {}
    MultiPolygon operator()(MultiPolygon mp, int from) {
        if (from == to_) return mp;
        transform(from).transform(mp);
        return mp;
    }
    Point operator()(Point p, int from) {
        if (from != to_) transform(from).transform(p.x, p.y);
        return p;
    }

  private:
    const CrsTransform& transform(int from) {
        auto& t = transforms_[from];
        if (!t) t = std::make_unique<CrsTransform>(epsg_string(from), epsg_string(to_));
        return *t;
    }
    int to_;
    std::map<int, std::unique_ptr<CrsTransform>> transforms_;
};

FieldValue real(double v) {
    if (!std::isfinite(v)) return std::monostate{};
    return std::round(v * 100) / 100;  // centimetres and hundredths of minutes are plenty
}
FieldValue integer(double v) {
    return static_cast<std::int64_t>(std::llround(v));
}
FieldValue text(const std::string& s) {
    if (s.empty()) return std::monostate{};
    return s;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
}

const char* direction_fr(SearchDirection d) {
    return d == SearchDirection::from_sources ? "depuis la structure" : "vers la structure";
}

Layer communes_layer(const Territory& t, const CoverageAnalysis& a) {
    // analysis.area_only: no population on purpose, so no population figure at all.
    auto people = [&](double v) { return a.area_only ? FieldValue{} : integer(v); };
    auto people_share = [&](double share) {
        return a.area_only ? FieldValue{} : real(share * 100);
    };
    Layer l{"communes_coverage",
            "Couverture par commune et par type",
            GeometryKind::multipolygon,
            t.epsg,
            {},
            {}};
    l.fields = {
        {"insee", FieldType::text, "Code INSEE"},
        {"name", FieldType::text, "Commune"},
        {"departement", FieldType::text, "Département"},
        {"type", FieldType::text, "Type de structure"},
        {"type_label", FieldType::text, "Libellé du type"},
        {"threshold_min", FieldType::real, "Seuil (min)"},
        {"status", FieldType::text, "Statut"},
        {"status_label", FieldType::text, "Statut (libellé)"},
        {"method", FieldType::text, "Méthode de décision"},
        {"time_model", FieldType::text, "Modèle de temps"},
        {"population", FieldType::integer, "Population"},
        {"population_65plus", FieldType::integer, "Population 65 ans et plus"},
        {"population_within", FieldType::integer, "Population dans le seuil"},
        {"population_uncovered", FieldType::integer, "Population hors seuil"},
        {"share_population_within", FieldType::real, "Part de la population dans le seuil (%)"},
        {"share_area_within", FieldType::real, "Part de la surface dans le seuil (%)"},
        {"mean_minutes", FieldType::real, "Temps moyen pondéré (min)"},
        {"max_minutes", FieldType::real, "Temps maximal (min)"},
        {"nearest_structure", FieldType::text, "Structure la plus proche (id)"},
        {"nearest_structure_name", FieldType::text, "Structure la plus proche"},
        {"declared_area", FieldType::boolean, "Zone d'intervention déclarée"},
        {"declared_by", FieldType::text, "Déclarée par"},
        {"apl_per_100k", FieldType::real, "Accessibilité 2SFCA (pour 100 000 hab.)"}};
    ToLayerCrs crs(l.epsg);
    std::vector<MultiPolygon> shapes;
    for (const auto& commune : t.communes) shapes.push_back(crs(commune.geometry, commune.epsg));
    for (const auto& tc : a.types)
        for (std::size_t c = 0; c < t.communes.size(); ++c) {
            const auto& commune = t.communes[c];
            const auto& cc = tc.communes[c];
            l.features.push_back({shapes[c],
                                  {commune.insee,
                                   commune.name,
                                   commune.departement,
                                   tc.type,
                                   tc.label,
                                   tc.threshold_min,
                                   std::string(to_string(cc.status)),
                                   std::string(status_label_fr(cc.status)),
                                   cc.method,
                                   a.method_label,
                                   people(cc.population),
                                   people(cc.elderly),
                                   people(cc.population_within),
                                   people(cc.population - cc.population_within),
                                   people_share(cc.share_population_within),
                                   real(cc.share_area_within * 100),
                                   real(cc.mean_minutes),
                                   real(cc.max_minutes),
                                   text(cc.nearest_structure),
                                   text(cc.nearest_structure_name),
                                   !cc.declared_by.empty(),
                                   text(join(cc.declared_by)),
                                   real(cc.fca_per_100k)}});
        }
    return l;
}

Layer structures_layer(const Territory& t, const CoverageAnalysis& a) {
    Layer l{"structures", "Structures de la filière", GeometryKind::point, t.epsg, {}, {}};
    l.fields = {{"id", FieldType::text, "Identifiant"},
                {"name", FieldType::text, "Nom"},
                {"type", FieldType::text, "Type"},
                {"type_label", FieldType::text, "Libellé du type"},
                {"territory", FieldType::text, "Territoire déclaré"},
                {"commune", FieldType::text, "Commune (INSEE)"},
                {"finess_et", FieldType::text, "FINESS ET"},
                {"placement", FieldType::text, "Mode de couverture"},
                {"analysed", FieldType::boolean, "Analysé"},
                {"on_network", FieldType::boolean, "Raccordé au réseau"},
                {"declared_communes", FieldType::integer, "Communes déclarées"},
                {"capacity", FieldType::real, "Capacité (lits, places)"},
                {"capacity_unit", FieldType::text, "Unité de la capacité"},
                {"activities", FieldType::text, "Activités autorisées (FINESS+)"},
                {"time_model", FieldType::text, "Modèle de temps"},
                {"source", FieldType::text, "Source"}};
    ToLayerCrs crs(l.epsg);
    std::map<std::size_t, const TypeCoverage*> analysed;
    std::map<std::size_t, bool> on_network;
    std::map<std::size_t, std::size_t> declared_count;
    for (const auto& tc : a.types) {
        for (auto s : tc.located) analysed[s] = &tc, on_network[s] = true;
        for (auto s : tc.off_network) analysed[s] = &tc, on_network[s] = false;
    }
    for (const auto& tc : a.types)
        for (std::size_t c = 0; c < tc.communes.size(); ++c)
            for (const auto& id : tc.communes[c].declared_by)
                for (std::size_t s = 0; s < t.structures.size(); ++s)
                    if (t.structures[s].id == id) ++declared_count[s];
    for (std::size_t s = 0; s < t.structures.size(); ++s) {
        const Structure& st = t.structures[s];
        const StructureType* type = t.types.find(st.type);
        Feature f;
        if (st.position) f.geometry = crs(*st.position, st.epsg);
        const int c = a.structure_commune[s];
        const bool is_analysed = std::any_of(a.types.begin(), a.types.end(),
                                             [&](const auto& tc) { return tc.type == st.type; });
        f.values = {st.id, st.name, st.type, text(type ? type->label : ""), text(st.territory),
                    text(c >= 0 ? t.communes[c].insee : st.commune_insee), text(st.finess_et),
                    std::string(to_string(st.placement)), is_analysed,
                    // No network, no "connected": null rather than a true that means nothing.
                    a.method == TimeModel::road && st.position && on_network.count(s)
                        ? FieldValue(on_network[s])
                        : FieldValue(std::monostate{}),
                    integer(static_cast<double>(declared_count[s])),
                    real(st.capacity.value_or(std::nan(""))), text(st.capacity_unit),
                    text(st.activities), a.method_label, st.source};
        l.features.push_back(std::move(f));
    }
    return l;
}

Layer catchments_layer(const Territory& t, const CoverageAnalysis& a) {
    Layer l{"catchments",
            a.method == TimeModel::road ? "Zones desservies (isochrones par la route)"
                                        : "Zones desservies (cercles à vol d'oiseau)",
            GeometryKind::multipolygon,
            t.epsg,
            {},
            {}};
    l.fields = {{"kind", FieldType::text, "Nature"},
                {"structure_id", FieldType::text, "Structure"},
                {"structure_name", FieldType::text, "Nom de la structure"},
                {"type", FieldType::text, "Type"},
                {"limit_min", FieldType::real, "Temps (min)"},
                {"direction", FieldType::text, "Sens du trajet"},
                {"time_model", FieldType::text, "Modèle de temps"},
                {"area_km2", FieldType::real, "Surface (km²)"}};
    ToLayerCrs crs(l.epsg);
    for (const auto& tc : a.types)
        for (std::size_t k = tc.catchment_limits_min.size(); k-- > 0;)
            l.features.push_back(
                {tc.union_catchments[k],
                 {std::string("union"), std::monostate{}, std::monostate{}, tc.type,
                  tc.catchment_limits_min[k], std::string(direction_fr(tc.direction)),
                  a.method_label, real(bg::area(tc.union_catchments[k]) / 1e6)}});
    // Larger limits first so smaller ones draw on top in clients that keep layer order.
    std::vector<const StructureCatchment*> sorted;
    for (const auto& c : a.catchments) sorted.push_back(&c);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](auto* x, auto* y) { return x->limit_min > y->limit_min; });
    for (const auto* c : sorted) {
        const Structure& s = t.structures[c->structure];
        const auto tc = std::find_if(a.types.begin(), a.types.end(),
                                     [&](const auto& x) { return x.type == c->type; });
        l.features.push_back({crs(c->area, s.epsg),
                              {std::string("structure"), s.id, s.name, c->type, c->limit_min,
                               std::string(direction_fr(tc->direction)), a.method_label,
                               real(bg::area(c->area) / 1e6)}});
    }
    return l;
}

Layer white_zones_layer(const Territory& t, const CoverageAnalysis& a) {
    Layer l{"white_zones", "Zones blanches", GeometryKind::multipolygon, t.epsg, {}, {}};
    l.fields = {{"kind", FieldType::text, "Nature"},
                {"type", FieldType::text, "Type de structure"},
                {"rank", FieldType::integer, "Rang (population non couverte)"},
                {"insee", FieldType::text, "Code INSEE"},
                {"name", FieldType::text, "Commune"},
                {"cell_id", FieldType::text, "Carreau"},
                {"status", FieldType::text, "Statut"},
                {"population", FieldType::integer, "Population"},
                {"population_uncovered", FieldType::integer, "Habitants hors seuil"},
                {"population_65plus_uncovered", FieldType::integer, "65 ans et plus hors seuil"},
                {"share_uncovered", FieldType::real, "Part non couverte (%)"},
                {"mean_minutes", FieldType::real, "Temps moyen pondéré (min)"},
                {"threshold_min", FieldType::real, "Seuil (min)"},
                {"time_model", FieldType::text, "Modèle de temps"}};
    ToLayerCrs crs(l.epsg);
    for (const auto& tc : a.types) {
        // Communes not covered, ranked by inhabitants out of reach.
        const std::vector<std::size_t> order = white_zone_ranking(tc, t, a.area_only);
        auto uncovered = [&](std::size_t c) {
            return tc.communes[c].population - tc.communes[c].population_within;
        };
        std::int64_t rank = 0;
        for (const std::size_t c : order) {
            const auto& cc = tc.communes[c];
            l.features.push_back(
                {crs(t.communes[c].geometry, t.communes[c].epsg),
                 {std::string("commune"), tc.type, ++rank, t.communes[c].insee, t.communes[c].name,
                  std::monostate{}, std::string(status_label_fr(cc.status)), integer(cc.population),
                  integer(uncovered(c)), integer(cc.elderly - cc.elderly_within),
                  real(cc.population > 0 ? 100 * uncovered(c) / cc.population : 100),
                  real(cc.mean_minutes), tc.threshold_min, a.method_label}});
        }
        // Populated grid cells out of reach (with a grid): the part of each cell in such
        // communes, summed over its pieces.
        if (a.population().method != "grid") continue;
        const double threshold_s = tc.threshold_min * 60;
        std::map<std::int32_t, std::pair<double, double>> cells;  // cell → population, 65+
        // A cell straddling communes is labelled by the one holding most of its uncovered
        // population (not the last piece met: Bonifacio's cell was named Porto-Vecchio).
        std::map<std::int32_t, std::map<std::size_t, double>> cell_communes;
        for (std::size_t i = 0; i < a.population().points.size(); ++i) {
            const auto& p = a.population().points[i];
            if (p.cell < 0 || tc.nearest.seconds[i] <= threshold_s) continue;
            if (tc.communes[p.commune].status == CoverageStatus::covered) continue;
            cells[p.cell].first += p.population;
            cells[p.cell].second += p.elderly;
            cell_communes[p.cell][p.commune] += p.population;
        }
        for (const auto& [cell, pop] : cells) {
            const auto& shares = cell_communes[cell];
            const std::size_t c =
                std::max_element(shares.begin(), shares.end(), [](const auto& x, const auto& y) {
                    return x.second < y.second;
                })->first;
            l.features.push_back(
                {MultiPolygon{a.population().cell(cell).square},
                 {std::string("carreau"), tc.type, std::monostate{}, t.communes[c].insee,
                  t.communes[c].name, a.population().cell(cell).id,
                  std::string(status_label_fr(tc.communes[c].status)), std::monostate{},
                  integer(pop.first), integer(pop.second), std::monostate{}, std::monostate{},
                  tc.threshold_min, a.method_label}});
        }
    }
    return l;
}

Layer territories_layer(const Territory& t, const CoverageAnalysis& a) {
    // analysis.area_only: no population on purpose, so no population figure at all.
    auto people = [&](double v) { return a.area_only ? FieldValue{} : integer(v); };
    auto people_share = [&](double share) {
        return a.area_only ? FieldValue{} : real(share * 100);
    };
    Layer l{
        "territories", "Indicateurs par territoire", GeometryKind::multipolygon, t.epsg, {}, {}};
    l.fields = {
        {"grouping", FieldType::text, "Découpage"},
        {"territory", FieldType::text, "Territoire"},
        {"type", FieldType::text, "Type de structure"},
        {"communes", FieldType::integer, "Communes"},
        {"communes_total", FieldType::integer, "Communes du groupement (dans et hors territoire)"},
        {"departement", FieldType::text, "Département"},
        {"population", FieldType::integer, "Population"},
        {"structures", FieldType::integer, "Structures"},
        {"structures_per_100k", FieldType::real, "Structures pour 100 000 hab."},
        {"capacity", FieldType::real, "Capacité (lits ou places, quand la source la donne)"},
        {"capacity_per_100k", FieldType::real, "Capacité pour 100 000 hab."},
        {"population_covered", FieldType::integer, "Population couverte"},
        {"share_covered", FieldType::real, "Part de la population couverte (%)"},
        {"white_zone_communes", FieldType::integer, "Communes en zone blanche"},
        {"white_zone_inhabitants", FieldType::integer, "Habitants des communes en zone blanche"},
        {"uncovered_inhabitants", FieldType::integer, "Habitants non couverts"},
        {"mean_apl_per_100k", FieldType::real, "Accessibilité 2SFCA moyenne (pour 100 000 hab.)"},
        {"time_model", FieldType::text, "Modèle de temps"}};
    ToLayerCrs crs(l.epsg);
    // Territory outlines: the GEOS union of their communes.
    const GeosContext geos;
    std::map<std::pair<std::string, std::string>, std::vector<GeosGeometry>> parts;
    std::map<std::pair<std::string, std::string>, int> part_epsg;
    for (const auto& g : t.groupings)
        for (const auto& commune : t.communes) {
            auto it = g.territory_of_commune.find(commune.insee);
            if (it != g.territory_of_commune.end()) {
                parts[{g.name, it->second}].push_back(geos.to_geos(commune.geometry));
                part_epsg[{g.name, it->second}] = commune.epsg;
            }
        }
    std::map<std::pair<std::string, std::string>, MultiPolygon> outline;
    for (auto& [key, list] : parts) {
        GeosGeometry u = coverage_union(geos, std::move(list));
        if (u) outline[key] = crs(geos.to_multipolygon(u.get()), part_epsg[key]);
    }
    for (const auto& ti : a.indicators)
        for (std::size_t k = 0; k < ti.types.size(); ++k) {
            const auto& tt = ti.types[k];
            l.features.push_back(
                {outline[{ti.grouping, ti.name}],
                 {ti.grouping_label, ti.name, tt.type, integer(double(ti.communes)),
                  integer(double(ti.communes_total)), departement_label(ti.departement),
                  integer(ti.population), integer(double(tt.structures)),
                  real(tt.structures_per_100k), real(tt.capacity), real(tt.capacity_per_100k),
                  people(tt.population_covered), people_share(tt.share_covered),
                  integer(double(tt.white_zone_communes)), integer(tt.white_zone_inhabitants),
                  integer(tt.uncovered_inhabitants), real(tt.mean_fca_per_100k), a.method_label}});
        }
    return l;
}

Layer candidates_layer(const Territory& t, const CoverageAnalysis& a) {
    Layer l{
        "candidate_sites", "Sites candidats (où implanter ?)", GeometryKind::point, t.epsg, {}, {}};
    l.fields = {{"type", FieldType::text, "Type à implanter"},
                {"id", FieldType::text, "Identifiant"},
                {"name", FieldType::text, "Nom"},
                {"origin", FieldType::text, "Origine du candidat"},
                {"commune", FieldType::text, "Commune (INSEE)"},
                {"rank", FieldType::integer, "Rang de choix"},
                {"gain", FieldType::integer, "Gain marginal (habitants)"},
                {"cumulative", FieldType::integer, "Gain cumulé (habitants)"},
                {"potential", FieldType::integer, "Potentiel seul (habitants)"},
                {"time_model", FieldType::text, "Modèle de temps"}};
    ToLayerCrs crs(l.epsg);
    for (const auto& c : a.candidates)
        l.features.push_back(
            {crs(c.position, c.epsg),
             {c.type, c.id, c.name, c.origin, text(c.commune),
              c.rank > 0 ? FieldValue(std::int64_t{c.rank}) : FieldValue(std::monostate{}),
              c.rank > 0 ? integer(c.gain) : FieldValue(std::monostate{}),
              c.rank > 0 ? integer(c.cumulative) : FieldValue(std::monostate{}),
              integer(c.potential), a.method_label}});
    return l;
}

}  // namespace

Layer commune_summary_layer(const Territory& t, const CoverageAnalysis& a) {
    Layer l{"communes", "Communes", GeometryKind::multipolygon, t.epsg, {}, {}};
    l.fields = {{"insee", FieldType::text, "Code INSEE"},
                {"name", FieldType::text, "Commune"},
                {"departement", FieldType::text, "Département"},
                {"population", FieldType::integer, "Population"},
                {"area_km2", FieldType::real, "Surface (km²)"}};
    for (const auto& tc : a.types) {
        std::string key = tc.type;
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        l.fields.push_back({key + "_status", FieldType::text, "Statut " + tc.type});
        l.fields.push_back(
            {key + "_minutes", FieldType::real, "Temps moyen " + tc.type + " (min)"});
        l.fields.push_back({key + "_share_within", FieldType::real,
                            "Population à moins de " +
                                std::to_string(std::lround(tc.threshold_min)) + " min " + tc.type +
                                " (%)"});
    }
    ToLayerCrs crs(l.epsg);
    for (std::size_t c = 0; c < t.communes.size(); ++c) {
        const auto& commune = t.communes[c];
        Feature f{crs(commune.geometry, commune.epsg),
                  {commune.insee, commune.name, commune.departement,
                   commune.population ? FieldValue(*commune.population) : FieldValue{},
                   real(commune.area_m2 / 1e6)}};
        for (const auto& tc : a.types) {
            const auto& cc = tc.communes[c];
            f.values.push_back(std::string(to_string(cc.status)));
            f.values.push_back(real(cc.mean_minutes));
            f.values.push_back(a.area_only ? FieldValue{} : real(cc.share_population_within * 100));
        }
        l.features.push_back(std::move(f));
    }
    return l;
}

std::vector<Layer> coverage_layers(const Territory& territory, const CoverageAnalysis& analysis) {
    return {communes_layer(territory, analysis),    structures_layer(territory, analysis),
            catchments_layer(territory, analysis),  white_zones_layer(territory, analysis),
            territories_layer(territory, analysis), candidates_layer(territory, analysis)};
}

}  // namespace palliacarte
