#include "cli/summary_text.hpp"

#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "cli/french_numbers.hpp"
#include "cli/text_columns.hpp"
#include "core/text_encoding.hpp"

namespace palliacarte::cli {

using nlohmann::json;

namespace {

// The outer cli::right (text) stays visible beside this one (numbers).
using cli::right;
std::string right(std::size_t v, std::size_t w) {
    return cli::right(std::to_string(v), w);
}

// The communes without a population and the population without a commune. With the grid as
// the population nothing is missing or outside: no lines about it.
void print_missing_population(const json& p, bool from_grid, std::ostream& out) {
    if (from_grid) {
        out << "\n";
        return;
    }
    out << "  sans population : "
        << core::counted(double(p["communes_without_population"].size()), "commune", "communes");
    std::size_t listed = 0;
    for (const auto& w : p["communes_without_population"]) {
        if (listed++ == 10) {
            out << " …";
            break;
        }
        out << "  " << w["insee"].get<std::string>() << " " << w["name"].get<std::string>();
    }
    out << "\n  population sans polygone : "
        << core::counted(p["without_polygon"]["count"].get<double>(), "commune", "communes") << ", "
        << core::counted(p["without_polygon"]["inhabitants"].get<double>(), "habitant", "habitants")
        << "\n\n";
}

// « 3 communes », « 1 commune » from a JSON number.
std::string count_of(const json& v, const char* one, const char* many) {
    return core::counted(v.get<double>(), one, many);
}

// The territory, its data root, and its communes with their population.
void print_communes(const json& s, std::ostream& out) {
    const auto& c = s["communes"];
    const auto& p = c["population"];
    out << "Territoire : " << s["territory"].get<std::string>() << "  ("
        << s["config"].get<std::string>() << ")\n";
    out << "Données    : " << s["data_root"]["path"].get<std::string>() << " ("
        << s["data_root"]["from"].get<std::string>() << "), CRS " << s["crs"].get<std::string>()
        << "\n\n";

    const bool from_grid = p.value("from_grid", false);
    out << "Communes   : " << count_of(c["count"], "commune", "communes") << ", "
        << (from_grid ? std::string("habitants de la grille carroyée (comptés à l'analyse)")
                      : count_of(p["total"], "habitant", "habitants"))
        << ", " << core::decimal_fr(c["area_km2"].get<double>(), 1) << " km²\n";
    out << "  source " << c["source"].get<std::string>() << " (code INSEE lu dans le champ « "
        << c["fields"]["code"].get<std::string>() << " », CRS source "
        << c["source_crs"].get<std::string>() << ")\n";
    out << "  " << count_of(c["features_read"], "polygone lu", "polygones lus") << ", "
        << count_of(c["merged_communes"], "commune fusionnée", "communes fusionnées") << ", "
        << count_of(c["invalid_repaired"], "géométrie réparée", "géométries réparées") << ", "
        << count_of(c["features_rejected"], "rejeté", "rejetés") << "\n";
    out << "  population : " << p["source"].get<std::string>() << "\n";
    print_missing_population(p, from_grid, out);
}

// Structures: counts by type, what the sources say beyond positions, rejections, sources.
void print_structures(const json& s, std::ostream& out) {
    const auto& st = s["structures"];
    out << "Structures : " << core::thousands(st["total"].get<long long>()) << " ("
        << count_of(st["located"], "localisée", "localisées") << ", "
        << core::thousands(st["declared_area_only"].get<long long>())
        << " à zone déclarée seulement, " << core::thousands(st["unlocated"].get<long long>())
        << " sans position ni zone), "
        << count_of(st["rejected"]["count"], "ligne rejetée", "lignes rejetées") << ", "
        << count_of(st["positions_rejected"], "position rejetée", "positions rejetées") << "\n";
    out << "  " << left("type", 10) << right("total", 6) << right("localisées", 12)
        << right("zone seule", 12) << right("sans position", 15) << right("hors territoire", 17)
        << right("position rejetée", 18) << "  libellé\n";
    for (const auto& t : st["by_type"])
        out << "  " << left(t["type"].get<std::string>(), 10)
            << right(t["total"].get<std::size_t>(), 6) << right(t["located"].get<std::size_t>(), 12)
            << right(t["declared_area_only"].get<std::size_t>(), 12)
            << right(t["unlocated"].get<std::size_t>(), 15)
            << right(t["outside_territory"].get<std::size_t>(), 17)
            << right(t["position_rejected"].get<std::size_t>(), 18) << "  "
            << t["label"].get<std::string>() << "\n";
    // What the sources say beyond positions: declared zones, beds or places, and the FINESS+
    // activity codes behind each type.
    for (const auto& t : st["by_type"]) {
        const bool capacity = t.contains("capacity") && !t["capacity"].is_null();
        if (!capacity && t.value("with_zone", 0) == 0 &&
            t.value("activities", json::array()).empty())
            continue;
        out << "  " << left(t["type"].get<std::string>(), 10)
            << core::thousands(t.value("with_position", 0)) << " avec position, "
            << core::thousands(t["total"].get<long long>() - t.value("with_position", 0))
            << " sans ; " << core::thousands(t.value("with_zone", 0)) << " avec zone déclarée, "
            << core::thousands(t["total"].get<long long>() - t.value("with_zone", 0)) << " sans";
        if (capacity) {
            std::string unit;
            for (const auto& u : t["capacity_units"]) {
                if (!unit.empty()) unit += '/';
                unit += u.get<std::string>();
            }
            out << " ; capacité " << core::thousands(std::llround(t["capacity"].get<double>()))
                << " " << (unit.empty() ? "(unité non précisée)" : unit);
        }
        std::string codes;
        for (const auto& c : t.value("activities", json::array())) {
            if (!codes.empty()) codes += ", ";
            codes += c.get<std::string>();
        }
        if (!codes.empty()) out << " ; activités " << codes;
        out << "\n";
    }
    for (const auto& [reason, n] : st["rejected"]["by_reason"].items())
        out << "  rejetées (" << reason << ") : " << n.get<std::size_t>() << "\n";
    for (const auto& src : st["sources"])
        out << "  source " << src["path"].get<std::string>() << " ["
            << src["format"].get<std::string>() << "] : " << src["kept"].get<std::size_t>()
            << " structures\n";
    out << "\n";
}

// Each grouping of communes (départements, EPCI…) and its territories.
void print_groupings(const json& s, bool from_grid, std::ostream& out) {
    out << "Territoires :\n";
    for (const auto& g : s["territories"]) {
        // « Intercommunalités (EPCI) », not « Intercommunalités (EPCI) (EPCI) ».
        const std::string label = g["label"].get<std::string>(),
                          name = g["name"].get<std::string>();
        out << "  " << label
            << (core::fold_for_matching(label).find(core::fold_for_matching(name)) ==
                        std::string::npos
                    ? " (" + name + ")"
                    : "")
            << " : " << core::counted(double(g["territories"].size()), "territoire", "territoires");
        if (!g["unassigned_communes"].empty())
            out << ", "
                << core::counted(double(g["unassigned_communes"].size()), "commune", "communes")
                << " hors groupe";
        out << "\n";
        for (const auto& t : g["territories"])
            out << "    " << left(t["name"].get<std::string>(), 40)
                << right(t["communes"].get<std::size_t>(), 5) << " "
                << core::agree(t["communes"].get<double>(), "commune ", "communes")
                << (from_grid
                        ? std::string()
                        : right(core::thousands(t["population"].get<long long>()), 12) + " hab.")
                << "\n";
    }
    out << "\n";
}

void print_roads(const json& s, std::ostream& out) {
    const auto& r = s["roads"];
    if (r["model"] == "road") {
        out << "Réseau routier : " << r["source"].get<std::string>() << "\n  "
            << core::thousands(r["nodes"].get<long long>()) << " nœuds, "
            << core::thousands(r["edges"].get<long long>()) << " arcs orientés, "
            << core::thousands(r["directed_km"].get<double>())
            << " km orientés ; hors composante principale : "
            << count_of(r["dropped_nodes"], "nœud", "nœuds") << ", "
            << count_of(r["dropped_edges"], "arc", "arcs")
            << " ; vitesses : " << core::thousands(r["speed_from"]["profile"].get<long long>())
            << " du profil, " << core::thousands(r["speed_from"]["field"].get<long long>())
            << " du champ vitesse, " << core::thousands(r["speed_from"]["default"].get<long long>())
            << " par défaut\n";
        if (r["merged_nodes"].get<long long>() > 0)
            out << "  graphe compact : " << core::thousands(r["merged_nodes"].get<long long>())
                << " nœuds de degré 2 fusionnés, "
                << core::thousands(r["edges_before_merge"].get<long long>()) << " arcs → "
                << core::thousands(r["edges"].get<long long>()) << "\n";
        if (r["files"].size() > 1)
            for (const auto& f : r["files"])
                out << "    " << f["path"].get<std::string>() << " : "
                    << core::thousands(f["junctions"].get<long long>()) << " carrefours (dont "
                    << core::thousands(f["shared_junctions"].get<long long>())
                    << " partagés avec un autre fichier), "
                    << core::thousands(f["links"].get<long long>()) << " arcs, "
                    << core::thousands(f["features"].get<long long>()) << " voies lues dont "
                    << core::thousands(f["shared_features"].get<long long>())
                    << " déjà dans un fichier précédent\n";
        out << "  ";
        if (r["from_cache"].get<bool>())
            out << "chargé du cache en " << core::decimal_fr(r["load_seconds"].get<double>(), 2)
                << " s (construction : " << core::decimal_fr(r["build_seconds"].get<double>(), 2)
                << " s)";
        else
            out << "construit en " << core::decimal_fr(r["build_seconds"].get<double>(), 2)
                << " s, mis en cache";
        out << " — " << r["cache_file"].get<std::string>() << "\n\n";
    } else {
        out << "Réseau routier : aucun — " << r["note"].get<std::string>() << "\n\n";
    }
}

// The diagnostics, `per_reason` of each reason in full.
void print_diagnostics(const json& s, std::ostream& out, std::size_t per_reason) {
    const auto& d = s["diagnostics"];
    out << "Signalements : " << count_of(d["rejected"], "rejet", "rejets") << ", "
        << count_of(d["warnings"], "avertissement", "avertissements") << ", "
        << count_of(d["info"], "information", "informations") << "\n";
    std::map<std::string, std::size_t> shown;
    for (const auto& e : d["entries"]) {
        const std::string reason = e["reason"].get<std::string>();
        const std::size_t n = shown[reason]++;
        if (n < per_reason) {
            const std::string severity = e["severity"].get<std::string>();
            out << "  ["
                << (severity == "rejected"  ? "rejet"
                    : severity == "warning" ? "avertissement"
                                            : "information")
                << "] " << e["file"].get<std::string>();
            if (!e["where"].get<std::string>().empty()) out << " " << e["where"].get<std::string>();
            out << " : " << e["message"].get<std::string>() << "\n";
        } else if (n == per_reason) {
            out << "  … " << d["by_reason"][reason].get<std::size_t>() - per_reason << " autres '"
                << reason << "' (--all-diagnostics ou --json pour tout voir)\n";
        }
    }
}

}  // namespace

void print_summary_text(const json& s, std::ostream& out, std::size_t per_reason) {
    print_communes(s, out);
    print_structures(s, out);
    print_groupings(s, s["communes"]["population"].value("from_grid", false), out);
    print_roads(s, out);
    print_diagnostics(s, out, per_reason);
    out << "\nDurées (s) :";
    for (const auto& [step, secs] : s["timings_s"].items())
        out << " " << step << " " << core::decimal_fr(secs.get<double>(), 2);
    out << "\n";
}

}  // namespace palliacarte::cli
