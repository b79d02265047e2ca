#include "output/markdown_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "output/coverage_layers.hpp"

namespace palliacarte {

namespace {

// "1 654 712": French thousands separator (narrow no-break space is not safe in all viewers).
std::string count(double v) {
    const long long n = std::llround(v);
    std::string digits = std::to_string(std::llabs(n)), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ' ';
        out += digits[i];
    }
    if (n < 0) out.insert(out.begin(), '-');
    return out;
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", share * 100);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string decimal(double v, int digits = 1) {
    if (!std::isfinite(v)) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

}  // namespace

std::string markdown_report(const Territory& t, const CoverageAnalysis& a,
                            const std::vector<std::string>& maps) {
    std::string r;
    auto line = [&](const std::string& s = "") { r += s + "\n"; };
    double population = 0;
    for (const auto& c : t.communes) population += c.population.value_or(0);

    line("# Couverture en soins palliatifs — " + t.config.name);
    line();
    line("- Communes : " + count(double(t.communes.size())) + ", " + count(population) +
         " habitants");
    line("- Temps de trajet : **" + a.method_label + "**");
    if (a.method == "crow_fly")
        line(
            "  - Attention : sans réseau routier, les temps sont des estimations à vol d'oiseau "
            "et les zones desservies sont des cercles.");
    line("- Population localisée : " +
         std::string(a.population.method == "grid"
                         ? "carreaux de population (" + a.population.source +
                               "), découpés par commune et recalés sur la population légale"
                         : "un point par commune (pas de grille de population)"));
    if (a.population.communes_on_proxy)
        line("  - " + count(double(a.population.communes_on_proxy)) +
             " commune(s) sans carreau habité : population placée en un point.");
    if (a.unsnapped_points)
        line("  - " + count(double(a.unsnapped_points)) +
             " point(s) de population à plus de la distance d'accroche d'une route : comptés "
             "hors d'atteinte.");
    line();

    line("## Synthèse par type");
    line();
    line(
        "| Type | Seuil | Structures (localisées / hors réseau / zone déclarée) | Population "
        "dans le seuil | Couverte (temps ou zone déclarée) | Communes en zone blanche | "
        "Habitants hors seuil | dont 65 ans et + |");
    line("|---|---|---|---|---|---|---|---|");
    for (const auto& tc : a.types) {
        double within = 0, covered = 0, pop = 0, elderly_out = 0;
        std::size_t white = 0;
        for (const auto& cc : tc.communes) {
            pop += cc.population;
            within += cc.population_within;
            covered += cc.status == CoverageStatus::covered && !cc.declared_by.empty()
                           ? cc.population
                           : cc.population_within;
            elderly_out += cc.elderly - cc.elderly_within;
            white += cc.status == CoverageStatus::white_zone;
        }
        line("| " + tc.type + " | " + decimal(tc.threshold_min, 0) + " min | " +
             count(double(tc.located.size())) + " / " + count(double(tc.off_network.size())) +
             " / " + count(double(tc.declaring.size())) + " | " +
             percent(pop > 0 ? within / pop : 0) + " | " + percent(pop > 0 ? covered / pop : 0) +
             " | " + count(double(white)) + " | " + count(pop - within) + " | " +
             (a.population.method == "grid" ? count(elderly_out) : std::string("—")) + " |");
    }
    line();
    for (const auto& w : a.combinations) {
        std::string names;
        for (const auto& ty : w.types) names += (names.empty() ? "" : " ni ") + ty;
        line("- Communes sans aucun " + names + " dans le seuil : **" +
             count(double(w.communes.size())) + "** (" + count(w.inhabitants) + " habitants)");
    }
    line();

    line("## Communes à regarder en premier");
    line();
    for (const auto& tc : a.types) {
        std::vector<std::size_t> order;
        for (std::size_t c = 0; c < t.communes.size(); ++c)
            if (tc.communes[c].status != CoverageStatus::covered) order.push_back(c);
        auto out = [&](std::size_t c) {
            return tc.communes[c].population - tc.communes[c].population_within;
        };
        std::stable_sort(order.begin(), order.end(),
                         [&](auto x, auto y) { return out(x) > out(y); });
        line("### " + tc.type + " (" + tc.label + ", seuil " + decimal(tc.threshold_min, 0) +
             " min)");
        line();
        if (order.empty()) {
            line("Toutes les communes sont couvertes.");
            line();
            continue;
        }
        line("| Rang | Commune | Statut | Habitants hors seuil | Temps moyen (min) |");
        line("|---|---|---|---|---|");
        for (std::size_t k = 0; k < order.size() && k < 10; ++k) {
            const auto& cc = tc.communes[order[k]];
            line("| " + std::to_string(k + 1) + " | " + t.communes[order[k]].name + " (" +
                 t.communes[order[k]].insee + ") | " + status_label_fr(cc.status) + " | " +
                 count(out(order[k])) + " | " + decimal(cc.mean_minutes) + " |");
        }
        if (order.size() > 10)
            line("\n… et " + count(double(order.size() - 10)) +
                 " autres communes (voir `white_zones.csv`).");
        line();
    }

    line("## Indicateurs par territoire");
    line();
    std::string grouping;
    for (const auto& ti : a.indicators) {
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
        std::string row = "| " + ti.name + " | " + count(ti.population) + " |";
        for (const auto& tt : ti.types)
            row.append(" ")
                .append(count(double(tt.structures)))
                .append(" (")
                .append(decimal(tt.structures_per_100k, 2))
                .append(") · ")
                .append(percent(tt.share_covered))
                .append(" · ")
                .append(count(double(tt.white_zone_communes)))
                .append(" |");
        line(row);
        const bool last = &ti == &a.indicators.back() || (&ti + 1)->grouping != grouping;
        if (last) line();
    }

    line("## Où implanter une structure de plus ?");
    line();
    bool any = false;
    for (const auto& tc : a.types) {
        std::vector<const CandidateSite*> picks;
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
                 count(p->gain) + " | " + count(p->cumulative) + " |");
        line();
    }
    if (!any)
        line(
            "Aucun site candidat ne réduit la population hors seuil (ou aucun candidat "
            "configuré : `analysis.where_next`).\n");

    line("## Cartes");
    line();
    line(
        "Légende : bleu = couvert, jaune = partiel, rouge = zone blanche ; points = structures "
        "du type (cercle creux : structure hors réseau routier).");
    line();
    for (std::size_t k = 0; k < a.types.size() && k < maps.size(); ++k)
        if (!maps[k].empty()) line("![" + a.types[k].type + "](" + maps[k] + ")\n");

    line("## Méthode");
    line();
    line("- Statut d'une commune pour un type : *couvert* si au moins " +
         percent(a.rule.covered_min_share) + " de sa population est dans le seuil" +
         (a.rule.declared_area_covers
              ? std::string(" ou si une structure la déclare dans sa zone d'intervention")
              : std::string()) +
         " ; *zone blanche* si au plus " + percent(a.rule.white_zone_max_share) +
         " l'est ; *partiel* entre les deux (réglable : `analysis.coverage`).");
    line(
        "- Accessibilité 2SFCA (méthode de l'APL) : offre d'une structure = 1, partagée entre "
        "les habitants dans le seuil, pondérée par le temps (poids 1 jusqu'à la moitié du "
        "seuil, puis décroissant jusqu'à 0,25 au seuil).");
    line(
        "- Où implanter : choix glouton du site qui couvre le plus d'habitants encore hors "
        "seuil, puis du suivant, etc. (gain marginal affiché).");
    line(
        "- Zones desservies : routes atteintes dans le temps, élargies de 150 m de chaque côté, "
        "découpées sur les communes du territoire.");
    std::size_t rejected = t.report.count(Severity::rejected) + a.report.count(Severity::rejected);
    line("- Enregistrements rejetés au chargement et à l'analyse : " + count(double(rejected)) +
         " (détail : `palliacarte inspect`).");
    return r;
}

}  // namespace palliacarte
