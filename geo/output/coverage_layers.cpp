#include "output/coverage_layers.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/white_zone_ranking.hpp"
#include "crs/crs_transform.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"
#include "model/departement_names.hpp"

namespace palliacarte::output {

namespace bg = boost::geometry;

const char* status_label_fr(analysis::CoverageStatus s) {
    switch (s) {
        case analysis::CoverageStatus::covered:
            return "couvert";
        case analysis::CoverageStatus::partial:
            return "partiel";
        case analysis::CoverageStatus::white_zone:
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
    model::MultiPolygon operator()(model::MultiPolygon mp, int from) {
        if (from == to_) return mp;
        transform(from).transform(mp);
        return mp;
    }
    model::Point operator()(model::Point p, int from) {
        if (from != to_) transform(from).transform(p.x, p.y);
        return p;
    }

  private:
    const crs::CrsTransform& transform(int from) {
        auto& t = transforms_[from];
        if (!t)
            t = std::make_unique<crs::CrsTransform>(crs::epsg_string(from), crs::epsg_string(to_));
        return *t;
    }
    int to_;
    std::map<int, std::unique_ptr<crs::CrsTransform>> transforms_;
};

model::FieldValue real(double v) {
    if (!std::isfinite(v)) return std::monostate{};
    return std::round(v * 100) / 100;  // centimetres and hundredths of minutes are plenty
}
model::FieldValue integer(double v) {
    return static_cast<std::int64_t>(std::llround(v));
}
model::FieldValue text(const std::string& s) {
    if (s.empty()) return std::monostate{};
    return s;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
}

const char* direction_fr(routing::SearchDirection d) {
    return d == routing::SearchDirection::from_sources ? "depuis la structure"
                                                       : "vers la structure";
}

model::Layer communes_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    // analysis.area_only: no population on purpose, so no population figure at all.
    auto people = [&](double v) { return a.area_only ? model::FieldValue{} : integer(v); };
    auto people_share = [&](double share) {
        return a.area_only ? model::FieldValue{} : real(share * 100);
    };
    model::Layer l{"communes_coverage",
                   "Couverture par commune et par type",
                   model::GeometryKind::multipolygon,
                   t.epsg,
                   {},
                   {}};
    l.fields = {
        {"insee", model::FieldType::text, "Code INSEE"},
        {"name", model::FieldType::text, "Commune"},
        {"departement", model::FieldType::text, "Département"},
        {"type", model::FieldType::text, "Type de structure"},
        {"type_label", model::FieldType::text, "Libellé du type"},
        {"threshold_min", model::FieldType::real, "Seuil (min)"},
        {"status", model::FieldType::text, "Statut"},
        {"status_label", model::FieldType::text, "Statut (libellé)"},
        {"method", model::FieldType::text, "Méthode de décision"},
        {"time_model", model::FieldType::text, "Modèle de temps"},
        {"population", model::FieldType::integer, "Population"},
        {"population_65plus", model::FieldType::integer, "Population 65 ans et plus"},
        {"population_within", model::FieldType::integer, "Population dans le seuil"},
        {"population_uncovered", model::FieldType::integer, "Population hors seuil"},
        {"share_population_within", model::FieldType::real,
         "Part de la population dans le seuil (%)"},
        {"share_area_within", model::FieldType::real, "Part de la surface dans le seuil (%)"},
        {"mean_minutes", model::FieldType::real, "Temps moyen pondéré (min)"},
        {"max_minutes", model::FieldType::real, "Temps maximal (min)"},
        {"nearest_structure", model::FieldType::text, "Structure la plus proche (id)"},
        {"nearest_structure_name", model::FieldType::text, "Structure la plus proche"},
        {"declared_area", model::FieldType::boolean, "Zone d'intervention déclarée"},
        {"declared_by", model::FieldType::text, "Déclarée par"},
        {"apl_per_100k", model::FieldType::real, "Accessibilité 2SFCA (pour 100 000 hab.)"}};
    ToLayerCrs crs(l.epsg);
    std::vector<model::MultiPolygon> shapes;
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

model::Layer structures_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    model::Layer l{
        "structures", "Structures de la filière", model::GeometryKind::point, t.epsg, {}, {}};
    l.fields = {{"id", model::FieldType::text, "Identifiant"},
                {"name", model::FieldType::text, "Nom"},
                {"type", model::FieldType::text, "Type"},
                {"type_label", model::FieldType::text, "Libellé du type"},
                {"territory", model::FieldType::text, "Territoire déclaré"},
                {"commune", model::FieldType::text, "Commune (INSEE)"},
                {"finess_et", model::FieldType::text, "FINESS ET"},
                {"placement", model::FieldType::text, "Mode de couverture"},
                {"analysed", model::FieldType::boolean, "Analysé"},
                {"on_network", model::FieldType::boolean, "Raccordé au réseau"},
                {"declared_communes", model::FieldType::integer, "Communes déclarées"},
                {"capacity", model::FieldType::real, "Capacité (lits, places)"},
                {"capacity_unit", model::FieldType::text, "Unité de la capacité"},
                {"activities", model::FieldType::text, "Activités autorisées (FINESS+)"},
                {"time_model", model::FieldType::text, "Modèle de temps"},
                {"source", model::FieldType::text, "Source"}};
    ToLayerCrs crs(l.epsg);
    std::map<std::size_t, const analysis::TypeCoverage*> analysed;
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
        const model::Structure& st = t.structures[s];
        const model::StructureType* type = t.types.find(st.type);
        model::Feature f;
        if (st.position) f.geometry = crs(*st.position, st.epsg);
        const int c = a.structure_commune[s];
        const bool is_analysed = std::any_of(a.types.begin(), a.types.end(),
                                             [&](const auto& tc) { return tc.type == st.type; });
        f.values = {st.id, st.name, st.type, text(type ? type->label : ""), text(st.territory),
                    text(c >= 0 ? t.communes[c].insee : st.commune_insee), text(st.finess_et),
                    std::string(to_string(st.placement)), is_analysed,
                    // No network, no "connected": null rather than a true that means nothing.
                    a.method == analysis::TimeModel::road && st.position && on_network.count(s)
                        ? model::FieldValue(on_network[s])
                        : model::FieldValue(std::monostate{}),
                    integer(static_cast<double>(declared_count[s])),
                    real(st.capacity.value_or(std::nan(""))), text(st.capacity_unit),
                    text(st.activities), a.method_label, st.source};
        l.features.push_back(std::move(f));
    }
    return l;
}

model::Layer catchments_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    model::Layer l{"catchments",
                   a.method == analysis::TimeModel::road
                       ? "Zones desservies (isochrones par la route)"
                       : "Zones desservies (cercles à vol d'oiseau)",
                   model::GeometryKind::multipolygon,
                   t.epsg,
                   {},
                   {}};
    l.fields = {{"kind", model::FieldType::text, "Nature"},
                {"structure_id", model::FieldType::text, "Structure"},
                {"structure_name", model::FieldType::text, "Nom de la structure"},
                {"type", model::FieldType::text, "Type"},
                {"limit_min", model::FieldType::real, "Temps (min)"},
                {"direction", model::FieldType::text, "Sens du trajet"},
                {"time_model", model::FieldType::text, "Modèle de temps"},
                {"area_km2", model::FieldType::real, "Surface (km²)"}};
    ToLayerCrs crs(l.epsg);
    for (const auto& tc : a.types)
        for (std::size_t k = tc.catchment_limits_min.size(); k-- > 0;)
            l.features.push_back(
                {tc.union_catchments[k],
                 {std::string("union"), std::monostate{}, std::monostate{}, tc.type,
                  tc.catchment_limits_min[k], std::string(direction_fr(tc.direction)),
                  a.method_label, real(bg::area(tc.union_catchments[k]) / 1e6)}});
    // Larger limits first so smaller ones draw on top in clients that keep layer order.
    std::vector<const analysis::StructureCatchment*> sorted;
    for (const auto& c : a.catchments) sorted.push_back(&c);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](auto* x, auto* y) { return x->limit_min > y->limit_min; });
    for (const auto* c : sorted) {
        const model::Structure& s = t.structures[c->structure];
        const auto tc = std::find_if(a.types.begin(), a.types.end(),
                                     [&](const auto& x) { return x.type == c->type; });
        l.features.push_back({crs(c->area, s.epsg),
                              {std::string("structure"), s.id, s.name, c->type, c->limit_min,
                               std::string(direction_fr(tc->direction)), a.method_label,
                               real(bg::area(c->area) / 1e6)}});
    }
    return l;
}

model::Layer white_zones_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    model::Layer l{
        "white_zones", "Zones blanches", model::GeometryKind::multipolygon, t.epsg, {}, {}};
    l.fields = {
        {"kind", model::FieldType::text, "Nature"},
        {"type", model::FieldType::text, "Type de structure"},
        {"rank", model::FieldType::integer, "Rang (population non couverte)"},
        {"insee", model::FieldType::text, "Code INSEE"},
        {"name", model::FieldType::text, "Commune"},
        {"cell_id", model::FieldType::text, "Carreau"},
        {"status", model::FieldType::text, "Statut"},
        {"population", model::FieldType::integer, "Population"},
        {"population_uncovered", model::FieldType::integer, "Habitants hors seuil"},
        {"population_65plus_uncovered", model::FieldType::integer, "65 ans et plus hors seuil"},
        {"share_uncovered", model::FieldType::real, "Part non couverte (%)"},
        {"mean_minutes", model::FieldType::real, "Temps moyen pondéré (min)"},
        {"threshold_min", model::FieldType::real, "Seuil (min)"},
        {"time_model", model::FieldType::text, "Modèle de temps"}};
    ToLayerCrs crs(l.epsg);
    for (const auto& tc : a.types) {
        // Communes not covered, ranked by inhabitants out of reach.
        const std::vector<std::size_t> order = analysis::white_zone_ranking(tc, t, a.area_only);
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
            if (tc.communes[p.commune].status == analysis::CoverageStatus::covered) continue;
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
                {model::MultiPolygon{a.population().cell(cell).square},
                 {std::string("carreau"), tc.type, std::monostate{}, t.communes[c].insee,
                  t.communes[c].name, a.population().cell(cell).id,
                  std::string(status_label_fr(tc.communes[c].status)), std::monostate{},
                  integer(pop.first), integer(pop.second), std::monostate{}, std::monostate{},
                  tc.threshold_min, a.method_label}});
        }
    }
    return l;
}

model::Layer territories_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    // analysis.area_only: no population on purpose, so no population figure at all.
    auto people = [&](double v) { return a.area_only ? model::FieldValue{} : integer(v); };
    auto people_share = [&](double share) {
        return a.area_only ? model::FieldValue{} : real(share * 100);
    };
    model::Layer l{"territories",
                   "Indicateurs par territoire",
                   model::GeometryKind::multipolygon,
                   t.epsg,
                   {},
                   {}};
    l.fields = {
        {"grouping", model::FieldType::text, "Découpage"},
        {"territory", model::FieldType::text, "Territoire"},
        {"type", model::FieldType::text, "Type de structure"},
        {"communes", model::FieldType::integer, "Communes"},
        {"communes_total", model::FieldType::integer,
         "Communes du groupement (dans et hors territoire)"},
        {"departement", model::FieldType::text, "Département"},
        {"population", model::FieldType::integer, "Population"},
        {"structures", model::FieldType::integer, "Structures"},
        {"structures_per_100k", model::FieldType::real, "Structures pour 100 000 hab."},
        {"capacity", model::FieldType::real, "Capacité (lits ou places, quand la source la donne)"},
        {"capacity_per_100k", model::FieldType::real, "Capacité pour 100 000 hab."},
        {"population_covered", model::FieldType::integer, "Population couverte"},
        {"share_covered", model::FieldType::real, "Part de la population couverte (%)"},
        {"white_zone_communes", model::FieldType::integer, "Communes en zone blanche"},
        {"white_zone_inhabitants", model::FieldType::integer,
         "Habitants des communes en zone blanche"},
        {"uncovered_inhabitants", model::FieldType::integer, "Habitants non couverts"},
        {"mean_apl_per_100k", model::FieldType::real,
         "Accessibilité 2SFCA moyenne (pour 100 000 hab.)"},
        {"time_model", model::FieldType::text, "Modèle de temps"}};
    ToLayerCrs crs(l.epsg);
    // Territory outlines: the GEOS union of their communes.
    const geos::GeosContext geos;
    std::map<std::pair<std::string, std::string>, std::vector<geos::GeosGeometry>> parts;
    std::map<std::pair<std::string, std::string>, int> part_epsg;
    for (const auto& g : t.groupings)
        for (const auto& commune : t.communes) {
            auto it = g.territory_of_commune.find(commune.insee);
            if (it != g.territory_of_commune.end()) {
                parts[{g.name, it->second}].push_back(geos.to_geos(commune.geometry));
                part_epsg[{g.name, it->second}] = commune.epsg;
            }
        }
    std::map<std::pair<std::string, std::string>, model::MultiPolygon> outline;
    for (auto& [key, list] : parts) {
        geos::GeosGeometry u = geos::coverage_union(geos, std::move(list));
        if (u) outline[key] = crs(geos.to_multipolygon(u.get()), part_epsg[key]);
    }
    for (const auto& ti : a.indicators)
        for (std::size_t k = 0; k < ti.types.size(); ++k) {
            const auto& tt = ti.types[k];
            l.features.push_back(
                {outline[{ti.grouping, ti.name}],
                 {ti.grouping_label, ti.name, tt.type, integer(double(ti.communes)),
                  integer(double(ti.communes_total)), model::departement_label(ti.departement),
                  integer(ti.population), integer(double(tt.structures)),
                  real(tt.structures_per_100k), real(tt.capacity), real(tt.capacity_per_100k),
                  people(tt.population_covered), people_share(tt.share_covered),
                  integer(double(tt.white_zone_communes)), integer(tt.white_zone_inhabitants),
                  integer(tt.uncovered_inhabitants), real(tt.mean_fca_per_100k), a.method_label}});
        }
    return l;
}

model::Layer candidates_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    model::Layer l{"candidate_sites",
                   "Sites candidats (où implanter ?)",
                   model::GeometryKind::point,
                   t.epsg,
                   {},
                   {}};
    l.fields = {{"type", model::FieldType::text, "Type à implanter"},
                {"id", model::FieldType::text, "Identifiant"},
                {"name", model::FieldType::text, "Nom"},
                {"origin", model::FieldType::text, "Origine du candidat"},
                {"commune", model::FieldType::text, "Commune (INSEE)"},
                {"rank", model::FieldType::integer, "Rang de choix"},
                {"gain", model::FieldType::integer, "Gain marginal (habitants)"},
                {"cumulative", model::FieldType::integer, "Gain cumulé (habitants)"},
                {"potential", model::FieldType::integer, "Potentiel seul (habitants)"},
                {"time_model", model::FieldType::text, "Modèle de temps"}};
    ToLayerCrs crs(l.epsg);
    for (const auto& c : a.candidates)
        l.features.push_back(
            {crs(c.position, c.epsg),
             {c.type, c.id, c.name, c.origin, text(c.commune),
              c.rank > 0 ? model::FieldValue(std::int64_t{c.rank})
                         : model::FieldValue(std::monostate{}),
              c.rank > 0 ? integer(c.gain) : model::FieldValue(std::monostate{}),
              c.rank > 0 ? integer(c.cumulative) : model::FieldValue(std::monostate{}),
              integer(c.potential), a.method_label}});
    return l;
}

}  // namespace

model::Layer commune_summary_layer(const model::Territory& t, const analysis::CoverageAnalysis& a) {
    model::Layer l{"communes", "Communes", model::GeometryKind::multipolygon, t.epsg, {}, {}};
    l.fields = {{"insee", model::FieldType::text, "Code INSEE"},
                {"name", model::FieldType::text, "Commune"},
                {"departement", model::FieldType::text, "Département"},
                {"population", model::FieldType::integer, "Population"},
                {"area_km2", model::FieldType::real, "Surface (km²)"}};
    for (const auto& tc : a.types) {
        std::string key = tc.type;
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        l.fields.push_back({key + "_status", model::FieldType::text, "Statut " + tc.type});
        l.fields.push_back(
            {key + "_minutes", model::FieldType::real, "Temps moyen " + tc.type + " (min)"});
        l.fields.push_back({key + "_share_within", model::FieldType::real,
                            "Population à moins de " +
                                std::to_string(std::lround(tc.threshold_min)) + " min " + tc.type +
                                " (%)"});
    }
    ToLayerCrs crs(l.epsg);
    for (std::size_t c = 0; c < t.communes.size(); ++c) {
        const auto& commune = t.communes[c];
        model::Feature f{
            crs(commune.geometry, commune.epsg),
            {commune.insee, commune.name, commune.departement,
             commune.population ? model::FieldValue(*commune.population) : model::FieldValue{},
             real(commune.area_m2 / 1e6)}};
        for (const auto& tc : a.types) {
            const auto& cc = tc.communes[c];
            f.values.push_back(std::string(to_string(cc.status)));
            f.values.push_back(real(cc.mean_minutes));
            f.values.push_back(a.area_only ? model::FieldValue{}
                                           : real(cc.share_population_within * 100));
        }
        l.features.push_back(std::move(f));
    }
    return l;
}

std::vector<model::Layer> coverage_layers(const model::Territory& territory,
                                          const analysis::CoverageAnalysis& analysis) {
    return {communes_layer(territory, analysis),    structures_layer(territory, analysis),
            catchments_layer(territory, analysis),  white_zones_layer(territory, analysis),
            territories_layer(territory, analysis), candidates_layer(territory, analysis)};
}

}  // namespace palliacarte::output
