#include "cli/summary_text.hpp"

#include <iomanip>
#include <map>
#include <sstream>

#include "cli/french_numbers.hpp"

namespace palliacarte::cli {

using nlohmann::json;

namespace {

// Display width of UTF-8 text: code points, not bytes (setw counts bytes, and misaligns "é").
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}
std::string left(const std::string& s, std::size_t w) {
    return s + std::string(w > width(s) ? w - width(s) : 0, ' ');
}
std::string right(const std::string& s, std::size_t w) {
    return std::string(w > width(s) ? w - width(s) : 0, ' ') + s;
}
std::string right(std::size_t v, std::size_t w) {
    return right(std::to_string(v), w);
}

}  // namespace

void print_summary_text(const json& s, std::ostream& out, std::size_t per_reason) {
    const auto& c = s["communes"];
    const auto& p = c["population"];
    out << "Territoire : " << s["territory"].get<std::string>() << "  ("
        << s["config"].get<std::string>() << ")\n";
    out << "Données    : " << s["data_root"]["path"].get<std::string>() << " ("
        << s["data_root"]["from"].get<std::string>() << "), CRS " << s["crs"].get<std::string>()
        << "\n\n";

    auto n = [](const json& v, const char* one, const char* many) {
        return counted(v.get<double>(), one, many);
    };
    out << "Communes   : " << n(c["count"], "commune", "communes") << ", "
        << n(p["total"], "habitant", "habitants") << ", " << std::fixed << std::setprecision(1)
        << c["area_km2"].get<double>() << " km²\n";
    out << "  source " << c["source"].get<std::string>() << " (code INSEE lu dans le champ « "
        << c["fields"]["code"].get<std::string>() << " », CRS source "
        << c["source_crs"].get<std::string>() << ")\n";
    out << "  " << n(c["features_read"], "polygone lu", "polygones lus") << ", "
        << n(c["merged_communes"], "commune fusionnée", "communes fusionnées") << ", "
        << n(c["invalid_repaired"], "géométrie réparée", "géométries réparées") << ", "
        << n(c["features_rejected"], "rejeté", "rejetés") << "\n";
    out << "  population : " << p["source"].get<std::string>() << "\n";
    out << "  sans population : "
        << counted(double(p["communes_without_population"].size()), "commune", "communes");
    std::size_t listed = 0;
    for (const auto& w : p["communes_without_population"]) {
        if (listed++ == 10) {
            out << " …";
            break;
        }
        out << "  " << w["insee"].get<std::string>() << " " << w["name"].get<std::string>();
    }
    out << "\n  population sans polygone : "
        << n(p["without_polygon"]["count"], "commune", "communes") << ", "
        << n(p["without_polygon"]["inhabitants"], "habitant", "habitants") << "\n\n";

    const auto& st = s["structures"];
    out << "Structures : " << thousands(st["total"].get<long long>()) << " ("
        << n(st["located"], "localisée", "localisées") << ", "
        << thousands(st["declared_area_only"].get<long long>()) << " à zone déclarée seulement, "
        << thousands(st["unlocated"].get<long long>()) << " sans position ni zone), "
        << n(st["rejected"]["count"], "ligne rejetée", "lignes rejetées") << ", "
        << n(st["positions_rejected"], "position rejetée", "positions rejetées") << "\n";
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
    for (const auto& [reason, n] : st["rejected"]["by_reason"].items())
        out << "  rejetées (" << reason << ") : " << n.get<std::size_t>() << "\n";
    for (const auto& src : st["sources"])
        out << "  source " << src["path"].get<std::string>() << " ["
            << src["format"].get<std::string>() << "] : " << src["kept"].get<std::size_t>()
            << " structures\n";
    out << "\n";

    out << "Territoires :\n";
    for (const auto& g : s["territories"]) {
        // « Intercommunalités (EPCI) », not « Intercommunalités (EPCI) (EPCI) ».
        const std::string label = g["label"].get<std::string>(),
                          name = g["name"].get<std::string>();
        out << "  " << label << (label.find(name) == std::string::npos ? " (" + name + ")" : "")
            << " : " << counted(double(g["territories"].size()), "territoire", "territoires");
        if (!g["unassigned_communes"].empty())
            out << ", " << counted(double(g["unassigned_communes"].size()), "commune", "communes")
                << " hors groupe";
        out << "\n";
        for (const auto& t : g["territories"])
            out << "    " << left(t["name"].get<std::string>(), 40)
                << right(t["communes"].get<std::size_t>(), 5) << " "
                << agree(t["communes"].get<double>(), "commune ", "communes")
                << right(thousands(t["population"].get<long long>()), 12) << " hab.\n";
    }
    out << "\n";

    const auto& r = s["roads"];
    if (r["model"] == "road") {
        out << "Réseau routier : " << r["source"].get<std::string>() << "\n  "
            << r["nodes"].get<std::size_t>() << " nœuds, " << r["edges"].get<std::size_t>()
            << " arcs orientés, " << std::setprecision(0) << r["directed_km"].get<double>()
            << " km orientés ; hors composante principale : "
            << r["dropped_nodes"].get<std::size_t>() << " nœuds, "
            << r["dropped_edges"].get<std::size_t>()
            << " arcs ; vitesses : " << r["speed_from"]["profile"].get<std::size_t>()
            << " du profil, " << r["speed_from"]["field"].get<std::size_t>()
            << " du champ vitesse, " << r["speed_from"]["default"].get<std::size_t>()
            << " par défaut\n  " << std::setprecision(2);
        if (r["from_cache"].get<bool>())
            out << "chargé du cache en " << r["load_seconds"].get<double>()
                << " s (construction : " << r["build_seconds"].get<double>() << " s)";
        else
            out << "construit en " << r["build_seconds"].get<double>() << " s, mis en cache";
        out << " — " << r["cache_file"].get<std::string>() << "\n\n";
    } else {
        out << "Réseau routier : aucun — " << r["note"].get<std::string>() << "\n\n";
    }
    out << std::setprecision(1);

    const auto& d = s["diagnostics"];
    out << "Signalements : " << n(d["rejected"], "rejet", "rejets") << ", "
        << n(d["warnings"], "avertissement", "avertissements") << ", "
        << n(d["info"], "information", "informations") << "\n";
    std::map<std::string, std::size_t> shown;
    for (const auto& e : d["entries"]) {
        const std::string reason = e["reason"].get<std::string>();
        const std::size_t n = shown[reason]++;
        if (n < per_reason) {
            out << "  [" << e["severity"].get<std::string>() << "] "
                << e["file"].get<std::string>();
            if (!e["where"].get<std::string>().empty()) out << " " << e["where"].get<std::string>();
            out << " : " << e["message"].get<std::string>() << "\n";
        } else if (n == per_reason) {
            out << "  … " << d["by_reason"][reason].get<std::size_t>() - per_reason << " autres '"
                << reason << "' (--all-diagnostics ou --json pour tout voir)\n";
        }
    }
    out << "\nDurées (s) :";
    for (const auto& [step, secs] : s["timings_s"].items())
        out << " " << step << " " << std::setprecision(2) << secs.get<double>();
    out << "\n";
}

}  // namespace palliacarte::cli
