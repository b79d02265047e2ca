#include "cli/analysis_summary.hpp"

#include <algorithm>
#include <map>

#include "analysis/coverage_analysis.hpp"
#include "analysis/white_zone_ranking.hpp"
#include "cli/text_columns.hpp"
#include "config/territory_config.hpp"
#include "core/french_format.hpp"
#include "model/territory.hpp"

namespace palliacarte::cli {

void print_analysis_summary(const config::TerritoryConfig& config, const model::Territory& t,
                            const analysis::CoverageAnalysis& a, std::ostream& out) {
    const double population = analysis::analysed_population(t, a);
    out << "Territoire : " << t.name << " — "
        << core::counted(double(t.communes.size()), "commune", "communes") << ", "
        << (a.area_only ? std::string("analyse en surface seulement")
                        : core::counted(population, "habitant", "habitants"))
        << ", " << core::counted(double(t.structures.size()), "structure", "structures") << "\n";
    out << "Configuration : " << t.config_path << "\n";
    out << "Temps de trajet : " << a.method_label << "\n";
    for (const auto& tc : a.types) {
        const analysis::TypeTotals totals = analysis::type_totals(tc, t, a.rule);
        const double pop = totals.population, within = totals.within, covered = totals.covered,
                     area = totals.area, area_within = totals.area_within;
        const std::size_t white = totals.white_zone_communes;
        out << "  " << left(tc.type, 10) << " seuil " << core::decimal_fr(tc.threshold_min, 0)
            << " min : ";
        if (tc.located.empty() && tc.declaring.empty()) {
            out << "ATTENTION, aucune structure localisée : "
                << core::counted(double(white), "commune", "communes")
                << " en zone blanche faute de données — vérifiez les sources\n";
            continue;
        }
        if (a.area_only)
            out << core::percent_fr(area > 0 ? area_within / area : 0) << " de la surface";
        else
            out << core::percent_fr(pop > 0 ? within / pop : 0) << " de la population";
        out << " dans le seuil";
        if (!a.area_only && covered > within)
            out << " (" << core::percent_fr(pop > 0 ? covered / pop : 0)
                << " avec les zones d'intervention déclarées)";
        out << ", " << core::counted(double(white), "commune", "communes") << " en zone blanche\n";
    }
    // Structures per type that stand outside the territory (regional HAD based next door).
    for (const auto& tc : a.types) {
        std::size_t located = 0, outside = 0;
        double farthest = 0;
        for (const auto& s : t.structures)
            if (s.type == tc.type && s.position) {
                ++located;
                if (s.outside_distance_m > 0) {
                    ++outside;
                    farthest = std::max(farthest, s.outside_distance_m);
                }
            }
        if (outside == 0) continue;
        out << "  " << tc.type << " : "
            << (outside == located
                    ? core::thousands(outside) + " " + tc.type +
                          (outside == 1 ? " (hors du territoire" : " (toutes hors du territoire")
                    : core::thousands(outside) + " des " + core::thousands(located) + " " +
                          tc.type + " (hors du territoire")
            << ", à moins de " << core::decimal_fr(config.structure_margin_km, 0)
            << " km ; la plus éloignée à " << core::decimal_fr(farthest / 1000, 1) << " km)\n";
    }
    const auto& ps = t.load.population_stats;
    if (!ps.population_without_polygon.empty())
        out << "Hors carte : "
            << core::counted(double(ps.inhabitants_without_polygon), "habitant", "habitants")
            << " de "
            << core::counted(double(ps.population_without_polygon.size()), "commune", "communes")
            << " sans contour (ni sur les cartes ni dans les parts)\n";
    if (a.unsnapped_points > 0)
        out << "Hors route : " << core::counted(a.off_road_inhabitants, "habitant", "habitants")
            << " à plus de " << core::thousands(t.road_access.snap_max_distance_m)
            << " m d'une route ("
            << (a.off_road_timed ? "comptés avec leur trajet jusqu'à la route"
                                 : "comptés hors d'atteinte")
            << ")\n";
}

void print_diagnostics(const model::Territory& t, const analysis::CoverageAnalysis& a,
                       std::ostream& out, std::size_t per_reason) {
    const std::size_t rejected =
        t.load.report.count(core::Severity::rejected) + a.report.count(core::Severity::rejected);
    const std::size_t warnings =
        t.load.report.count(core::Severity::warning) + a.report.count(core::Severity::warning);
    out << "Signalements : " << core::counted(double(rejected), "rejet", "rejets") << ", "
        << core::counted(double(warnings), "avertissement", "avertissements") << "\n";
    std::map<std::string, std::size_t> by_reason, shown;
    for (const auto* report : {&t.load.report, &a.report})
        for (const auto& d : report->entries())
            if (d.severity != core::Severity::info) ++by_reason[d.reason];
    for (const auto* report : {&t.load.report, &a.report})
        for (const auto& d : report->entries()) {
            if (d.severity == core::Severity::info) continue;
            const std::size_t n = shown[d.reason]++;
            if (n < per_reason)
                out << "  [" << (d.severity == core::Severity::rejected ? "rejet" : "avertissement")
                    << "] " << d.file << (d.where.empty() ? "" : " " + d.where) << " : "
                    << d.message << "\n";
            else if (n == per_reason)
                out << "  … " << core::thousands(by_reason[d.reason] - per_reason) << " autres « "
                    << d.reason << " » (palliacarte inspect pour tout voir)\n";
        }
}

}  // namespace palliacarte::cli
