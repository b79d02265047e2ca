#include "output/markdown_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/coverage_analysis.hpp"
#include "analysis/white_zone_ranking.hpp"
#include "core/french_format.hpp"
#include "output/coverage_layers.hpp"
#include "output/run_provenance.hpp"
#include "roads/car_profile.hpp"

namespace palliacarte::output {

namespace {

// Red in every Markdown viewer that renders HTML (GitHub, VS Code, pandoc), bold elsewhere.
std::string red(const std::string& text) {
    return "<span style=\"color:#c00000\">**" + text + "**</span>";
}

// What the report says about the structures of one type beside its figures.
struct TypeStructures {
    std::size_t total = 0, located = 0, outside = 0;
    double farthest_outside_km = 0;
    std::size_t base_address_only = 0;  ///< FINESS position, no declared area
};

TypeStructures structures_of(const model::Territory& t, const std::string& type) {
    TypeStructures s;
    for (const auto& st : t.structures) {
        if (st.type != type) continue;
        ++s.total;
        if (st.position) ++s.located;
        if (st.position && st.outside_distance_m > 0) {
            ++s.outside;
            s.farthest_outside_km = std::max(s.farthest_outside_km, st.outside_distance_m / 1000);
        }
        if (!st.finess_et.empty() && st.intervention_communes.empty() && st.territory.empty())
            ++s.base_address_only;
    }
    return s;
}

// Title, run, communes, time model, population placement; a warning per type without data.
void write_header(std::string& r, const model::Territory& t, const analysis::CoverageAnalysis& a,
                  const RunProvenance& provenance) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    const bool by_road = a.method == analysis::TimeModel::road;
    const bool area_only = a.area_only;
    const double population = analysis::analysed_population(t, a);
    line("# Couverture en soins palliatifs — " + t.name);
    line();
    line("- Calcul du " + provenance.run_date.substr(0, 10) + " (palliacarte " +
         provenance.version + ", configuration `" + provenance.config_file +
         "`) ; sources et millésimes en fin de rapport.");
    line("- Communes : " + core::counted(double(t.communes.size()), "commune", "communes") +
         (area_only ? " — analyse en surface seulement (`analysis.area_only`) : aucune part "
                      "de population n'est calculée"
                    : ", " + core::counted(population, "habitant", "habitants")));
    const auto& ps = t.load.population_stats;
    if (!ps.population_without_polygon.empty())
        line(
            "  - " +
            red("Hors carte : " +
                core::counted(double(ps.inhabitants_without_polygon), "habitant", "habitants") +
                " de " +
                core::counted(double(ps.population_without_polygon.size()), "commune", "communes") +
                " de la population légale sans contour communal") +
            " (commune créée ou rétablie après le millésime des contours) : ni sur les cartes "
            "ni dans les parts ci-dessous. Contours plus récents : `palliacarte fetch`.");
    line("- Temps de trajet : **" + a.method_label + "**");
    if (!by_road)
        line(
            "  - Attention : sans réseau routier, les temps sont des estimations à vol d'oiseau "
            "et les zones desservies sont des cercles.");
    line("- Population localisée : " +
         std::string(a.population().method == "grid"
                         ? "carreaux de population (" + a.population().source +
                               "), découpés par commune" +
                               (t.population.from_grid
                                    ? " ; la grille est la population (pas de population "
                                      "communale dans la configuration)"
                                    : " et recalés sur la population légale")
                         : "un point par commune (pas de grille de population)"));
    if (a.population().communes_on_proxy)
        line("  - " +
             core::counted(double(a.population().communes_on_proxy), "commune", "communes") +
             " sans carreau habité : population placée en un point.");
    if (a.unsnapped_points)
        line("  - " + core::counted(a.off_road_inhabitants, "habitant", "habitants") + " (" +
             core::counted(double(a.unsnapped_points), "point", "points") +
             " de population) à plus de " +
             core::thousands(t.roads ? t.road_access.snap_max_distance_m : 0.0) +
             " m de toute route : " +
             (a.off_road_timed ? "comptés avec leur trajet jusqu'à la route la plus proche."
                               : "comptés hors d'atteinte (`roads.off_road`)."));
    line();

    // A type with no usable structure is not "0 % covered": it is missing data, most likely.
    for (const auto& tc : a.types) {
        const TypeStructures s = structures_of(t, tc.type);
        if (tc.located.empty() && tc.declaring.empty())
            line("> " +
                 red("Attention — " + tc.type + " : aucune structure " +
                     (s.total ? "localisée ni zone déclarée (" +
                                    core::counted(double(s.total), "structure", "structures") +
                                    " sans position)"
                              : "chargée") +
                     ". Les chiffres « 0 % » et les zones blanches de ce type reflètent "
                     "l'absence de données, pas forcément l'absence d'offre : vérifiez "
                     "les sources de structures de la configuration.") +
                 "\n");
        else if (s.outside > 0 && s.outside == s.located)
            line("> " + tc.type + " : " +
                 (s.outside == 1 ? std::string("la structure localisée est hors du territoire")
                                 : "les " + core::thousands(double(s.outside)) +
                                       " structures localisées sont toutes hors du territoire") +
                 ", à moins de " + core::decimal_fr(s.farthest_outside_km + 0.05, 1) +
                 " km : elles desservent le territoire depuis l'extérieur.\n");
    }
}

// Per type: structures, shares within the threshold and covered, white zones; combinations.
void write_synthesis(std::string& r, const model::Territory& t,
                     const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    const bool area_only = a.area_only;
    line("## Synthèse par type");
    line();
    if (area_only) {
        line(
            "| Type | Seuil | Structures (localisées / hors réseau / zone déclarée) | Surface "
            "dans le seuil | Communes en zone blanche |");
        line("|---|---|---|---|---|");
    } else {
        line(
            "| Type | Seuil | Structures (localisées / hors réseau / zone déclarée) | Population "
            "dans le seuil | Couverte (temps ou zone déclarée) | Communes en zone blanche | "
            "Habitants hors seuil | dont 65 ans et + |");
        line("|---|---|---|---|---|---|---|---|");
    }
    for (const auto& tc : a.types) {
        const analysis::TypeTotals totals = analysis::type_totals(tc, t, a.rule);
        const double within = totals.within, covered = totals.covered, pop = totals.population,
                     elderly_out = totals.elderly_out, area = totals.area,
                     area_within = totals.area_within;
        const std::size_t white = totals.white_zone_communes;
        const std::string structures = core::thousands(double(tc.located.size())) + " / " +
                                       core::thousands(double(tc.off_network.size())) + " / " +
                                       core::thousands(double(tc.declaring.size()));
        const std::string type = tc.located.empty() && tc.declaring.empty()
                                     ? red(tc.type + " (aucune structure)")
                                     : tc.type;
        if (area_only)
            line("| " + type + " | " + core::decimal_fr(tc.threshold_min, 0) + " min | " +
                 structures + " | " + core::percent_fr(area > 0 ? area_within / area : 0) + " | " +
                 core::thousands(double(white)) + " |");
        else
            line("| " + type + " | " + core::decimal_fr(tc.threshold_min, 0) + " min | " +
                 structures + " | " + core::percent_fr(pop > 0 ? within / pop : 0) + " | " +
                 core::percent_fr(pop > 0 ? covered / pop : 0) + " | " +
                 core::thousands(double(white)) + " | " + core::thousands(pop - within) + " | " +
                 (a.population().method == "grid" ? core::thousands(elderly_out)
                                                  : std::string("—")) +
                 " |");
    }
    line();
    for (const auto& w : a.combinations) {
        std::string names;
        for (const auto& ty : w.types) names += (names.empty() ? "" : " ni ") + ty;
        line("- Communes sans aucun " + names + " dans le seuil : **" +
             core::thousands(double(w.communes.size())) + "**" +
             (area_only ? "" : " (" + core::counted(w.inhabitants, "habitant", "habitants") + ")"));
    }
    line();
}

// 2SFCA per type: the territory and its least and best endowed communes.
void write_accessibility(std::string& r, const model::Territory& t,
                         const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    const bool area_only = a.area_only;
    if (!area_only) {
        line("## Accessibilité (2SFCA)");
        line();
        line(
            "Structures accessibles pour 100 000 habitants, pondérées par le temps et par la "
            "population qui se les partage (méthode de l'APL de la DREES) ; en lits ou places "
            "quand toutes les structures du type en donnent le nombre (FINESS+).");
        line();
        line("| Type | Territoire | Commune la moins bien dotée | Commune la mieux dotée |");
        line("|---|---|---|---|");
        for (const auto& tc : a.types) {
            double weighted = 0, pop = 0;
            int lo = -1, hi = -1;
            for (std::size_t c = 0; c < tc.communes.size(); ++c) {
                const auto& cc = tc.communes[c];
                if (cc.population <= 0) continue;
                weighted += cc.fca_per_100k * cc.population;
                pop += cc.population;
                if (lo < 0 || cc.fca_per_100k < tc.communes[lo].fca_per_100k) lo = int(c);
                if (hi < 0 || cc.fca_per_100k > tc.communes[hi].fca_per_100k) hi = int(c);
            }
            auto commune = [&](int c) {
                return c < 0 ? std::string("—")
                             : t.communes[c].name + " (" + t.communes[c].insee +
                                   ") : " + core::decimal_fr(tc.communes[c].fca_per_100k, 2);
            };
            const std::string unit =
                tc.supply_unit == "structures" ? "" : " (" + tc.supply_unit + ")";
            line("| " + tc.type + unit + " | " + core::decimal_fr(pop > 0 ? weighted / pop : 0, 2) +
                 " | " + commune(lo) + " | " + commune(hi) + " |");
        }
        line();
    }
}

// Per type, the ten communes to look at first (white_zone_ranking).
void write_communes_first(std::string& r, const model::Territory& t,
                          const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    const bool area_only = a.area_only;
    line("## Communes à regarder en premier");
    line();
    for (const auto& tc : a.types) {
        const std::vector<std::size_t> order = analysis::white_zone_ranking(tc, t, area_only);
        auto out = [&](std::size_t c) { return analysis::out_of_reach(tc, t, c, area_only); };
        line("### " + tc.type + " (" + tc.label + ", seuil " +
             core::decimal_fr(tc.threshold_min, 0) + " min)");
        line();
        const TypeStructures s = structures_of(t, tc.type);
        if (s.base_address_only > 0 && tc.direction == routing::SearchDirection::from_sources)
            line(
                "> " + core::counted(double(s.base_address_only), "structure", "structures") +
                " de ce type " +
                core::agree(double(s.base_address_only), "est placée", "sont placées") +
                " à l'adresse de " + core::agree(double(s.base_address_only), "son", "leur") +
                " siège (FINESS) : la zone d'intervention réelle peut être plus large. Déclarez-la "
                "(`intervention_communes`, colonne ou champ des structures) pour qu'elle compte "
                "dans la couverture.\n");
        if (order.empty()) {
            line("Toutes les communes sont couvertes.");
            line();
            continue;
        }
        line(area_only ? "| Rang | Commune | Statut | Surface hors seuil (km²) | Structure la "
                         "plus proche |"
                       : "| Rang | Commune | Statut | Habitants hors seuil | Temps moyen (min) | "
                         "Structure la plus proche |");
        line(area_only ? "|---|---|---|---|---|" : "|---|---|---|---|---|---|");
        for (std::size_t k = 0; k < order.size() && k < 10; ++k) {
            const auto& cc = tc.communes[order[k]];
            const std::string nearest =
                cc.nearest_structure_name.empty() ? "—" : cc.nearest_structure_name;
            line("| " + std::to_string(k + 1) + " | " + t.communes[order[k]].name + " (" +
                 t.communes[order[k]].insee + ") | " + status_label_fr(cc.status) + " | " +
                 (area_only ? core::decimal_fr(out(order[k]) / 1e6, 1)
                            : core::thousands(out(order[k])) + " | " +
                                  core::decimal_fr(cc.mean_minutes)) +
                 " | " + nearest + " |");
        }
        if (order.size() > 10)
            line("\n… et " +
                 core::counted(double(order.size() - 10), "autre commune", "autres communes") +
                 " (voir `white_zones.csv`).");
        line();
    }
}

// Per grouping (département, then coordination territories…), per type.
void write_indicators(std::string& r, const model::Territory& t,
                      const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    line("## Indicateurs par territoire");
    line();
    // Groupings below the département (EPCI…) by département, then least covered first.
    std::vector<const analysis::TerritoryIndicators*> rows;
    for (const auto& ti : a.indicators) rows.push_back(&ti);
    for (auto first = rows.begin(); first != rows.end();) {
        auto last = std::find_if(first, rows.end(),
                                 [&](const auto* t) { return t->grouping != (*first)->grouping; });
        if ((*first)->grouping != "departement")
            std::stable_sort(first, last, [](const auto* x, const auto* y) {
                if (x->departement != y->departement) return x->departement < y->departement;
                return !x->types.empty() && !y->types.empty() &&
                       x->types.front().share_covered < y->types.front().share_covered;
            });
        first = last;
    }
    std::set<std::string> departements;
    for (const auto& c : t.communes) departements.insert(c.departement);
    const bool several_departements = departements.size() > 1;
    std::string grouping;
    for (std::size_t r_index = 0; r_index < rows.size(); ++r_index) {
        const analysis::TerritoryIndicators& ti = *rows[r_index];
        if (ti.grouping != grouping) {
            grouping = ti.grouping;
            line("### " + ti.grouping_label);
            line();
            std::string head = "| Territoire | Habitants |", sep = "|---|---|";
            for (const auto& tc : a.types) {
                head +=
                    " " + tc.type + " : structures (/100 000 hab.) · couverts · zones blanches |";
                sep += "---|";
            }
            line(head);
            line(sep);
        }
        std::string name = ti.name;
        if (several_departements && ti.grouping != "departement" && !ti.departement.empty())
            name += " (" + ti.departement + ")";
        if (ti.communes_total > ti.communes)
            name += " — " + core::thousands(double(ti.communes)) + " " +
                    core::agree(double(ti.communes), "commune", "communes") + " sur " +
                    core::thousands(double(ti.communes_total)) + " dans le territoire";
        std::string row = "| " + name + " | " + core::thousands(ti.population) + " |";
        for (const auto& tt : ti.types)
            row.append(" ")
                .append(core::thousands(double(tt.structures)))
                .append(" (")
                .append(core::decimal_fr(tt.structures_per_100k, 2))
                .append(") · ")
                .append(core::percent_fr(tt.share_covered))
                .append(" · ")
                .append(core::thousands(double(tt.white_zone_communes)))
                .append(" |");
        line(row);
        const bool last = r_index + 1 == rows.size() || rows[r_index + 1]->grouping != grouping;
        if (last) line();
    }
}

// The greedy picks of "where next", per type.
void write_where_next(std::string& r, const model::Territory& /*t*/,
                      const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    line("## Où implanter une structure de plus ?");
    line();
    bool any = false;
    for (const auto& tc : a.types) {
        std::vector<const analysis::CandidateSite*> picks;
        for (const auto& c : a.candidates)
            if (c.type == tc.type && c.rank > 0) picks.push_back(&c);
        if (picks.empty()) continue;
        any = true;
        std::sort(picks.begin(), picks.end(), [](auto* x, auto* y) { return x->rank < y->rank; });
        line("### " + tc.type);
        line();
        line("| Rang | Site | Origine | Habitants gagnés | Cumul |");
        line("|---|---|---|---|---|");
        for (const auto* p : picks)
            line("| " + std::to_string(p->rank) + " | " + p->name + " | " + p->origin + " | " +
                 core::thousands(p->gain) + " | " + core::thousands(p->cumulative) + " |");
        line();
    }
    if (!any)
        line(
            "Aucun site candidat ne réduit la population hors seuil (ou aucun candidat "
            "configuré : `analysis.where_next`).\n");
}

// The PNG maps (each carries its own legend, scale and sources).
void write_maps(std::string& r, const model::Territory& /*t*/, const analysis::CoverageAnalysis& a,
                const std::vector<std::string>& maps) {
    if (maps.empty()) return;
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    line("## Cartes");
    line();
    line(
        "Chaque carte porte sa légende (communes et habitants par statut), son échelle et ses "
        "sources ; les zones blanches sont hachurées. Pour l'impression : `carte_<TYPE>.pdf` "
        "(vectoriel, `analyze --maps pdf|all`).");
    line();
    for (std::size_t k = 0; k < a.types.size() && k < maps.size(); ++k)
        if (!maps[k].empty()) line("![" + a.types[k].type + "](" + maps[k] + ")\n");
}

// What the load and the analysis flagged (five per reason).
void write_diagnostics(std::string& r, const model::Territory& t,
                       const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    // What the load and the analysis flagged, beside the figures they qualify.
    {
        std::map<std::string, std::size_t> total, shown;
        for (const auto* report : {&t.load.report, &a.report})
            for (const auto& d : report->entries())
                if (d.severity != core::Severity::info) ++total[d.reason];
        if (!total.empty()) {
            line("## Signalements");
            line();
            for (const auto* report : {&t.load.report, &a.report})
                for (const auto& d : report->entries()) {
                    if (d.severity == core::Severity::info) continue;
                    const std::size_t n = shown[d.reason]++;
                    if (n < 5)
                        line("- " +
                             std::string(d.severity == core::Severity::rejected ? "**rejet**"
                                                                                : "avertissement") +
                             " — `" + d.file + "`" + (d.where.empty() ? "" : " " + d.where) +
                             " : " + d.message);
                    else if (n == 5)
                        line("- … et " + core::thousands(total[d.reason] - 5) + " autres « " +
                             d.reason + " » (`palliacarte inspect`).");
                }
            line();
        }
    }
}

// How statuses, 2SFCA, siting and catchments were decided.
void write_method(std::string& r, const model::Territory& t, const analysis::CoverageAnalysis& a) {
    auto line = [&](const std::string& s = "") { r.append(s).append("\n"); };
    const bool by_road = a.method == analysis::TimeModel::road;
    const bool area_only = a.area_only;
    line("## Méthode");
    line();
    line("- Statut d'une commune pour un type : *couvert* si au moins " +
         core::percent_fr(a.rule.covered_min_share) + " de sa " +
         (area_only ? "surface" : "population") + " est dans le seuil" +
         (a.rule.declared_area_covers
              ? std::string(" ou si une structure la déclare dans sa zone d'intervention")
              : std::string()) +
         " ; *zone blanche* si au plus " + core::percent_fr(a.rule.white_zone_max_share) +
         " l'est ; *partiel* entre les deux (réglable : `analysis.coverage`).");
    if (!area_only)
        line(
            "- Accessibilité 2SFCA (méthode de l'APL) : offre d'une structure = 1, partagée "
            "entre les habitants dans le seuil, pondérée par le temps (poids 1 jusqu'à la moitié "
            "du seuil, puis décroissant jusqu'à 0,25 au seuil).");
    line(
        "- Où implanter : choix glouton du site qui couvre le plus d'habitants encore hors "
        "seuil, puis du suivant, etc. (gain marginal affiché).");
    if (by_road && a.catchment_shape.road_bands)
        line("- Zones desservies (isochrones) : routes atteintes dans le temps, élargies de " +
             core::thousands(a.catchment_shape.road_buffer_m) +
             " m de chaque côté, découpées sur les communes du territoire.");
    else if (by_road)
        line(
            "- Zones desservies (isochrones) : les lieux atteints dans le temps par la règle "
            "qui chronomètre les habitants — la route jusqu'au point de route le plus proche, "
            "puis " +
            core::thousands(t.car_profile ? t.car_profile->off_network_kmh() : 15.0) +
            " km/h hors réseau jusqu'à " + core::thousands(t.road_access.snap_max_distance_m) +
            " m de la route —, calculés sur une grille de " +
            core::thousands(a.catchment_shape.surface_cell_m) +
            " m et découpés sur les communes du territoire : une commune couverte est "
            "coloriée là où ses habitants sont atteints.");
    else
        line(
            "- Zones desservies (cercles) : disques dont le rayon est la distance parcourue "
            "dans le temps à la vitesse du modèle, divisée par le facteur de détour, découpés "
            "sur les communes du territoire.");
    const std::size_t rejected =
        t.load.report.count(core::Severity::rejected) + a.report.count(core::Severity::rejected);
    line("- Enregistrements rejetés au chargement et à l'analyse : " +
         core::thousands(double(rejected)) + " (détail : `palliacarte inspect`).");
    line();
}

}  // namespace

std::string markdown_report(const model::Territory& t, const analysis::CoverageAnalysis& a,
                            const std::vector<std::string>& maps, const RunProvenance& provenance) {
    std::string r;
    write_header(r, t, a, provenance);
    write_synthesis(r, t, a);
    write_accessibility(r, t, a);
    write_communes_first(r, t, a);
    write_indicators(r, t, a);
    write_where_next(r, t, a);
    write_maps(r, t, a, maps);
    write_diagnostics(r, t, a);
    write_method(r, t, a);
    r += provenance.markdown();
    return r;
}

}  // namespace palliacarte::output
