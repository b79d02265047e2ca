// Reader of the flattened FINESS CSV (one row per ET, coordinates already split out).
#include <cmath>
#include <set>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"
#include "load/finess_establishment.hpp"

namespace palliacarte::load {

std::vector<FinessEstablishment> read_finess_flat(const std::string& path,
                                                  const std::vector<std::string>& departements,
                                                  core::LoadReport& report) {
    auto csv = core::CsvReader::open(path);
    const auto et = csv.column("nofinesset");
    const auto cat = csv.column("categetab");
    const auto rs = csv.column({"rs", "raison_sociale"});
    if (!et || !cat || !rs)
        throw core::DataError(
            path, "pas un fichier FINESS à plat : colonnes nofinesset, rs et categetab attendues");
    const auto ej = csv.column("nofinessej");
    const auto rsl = csv.column("rslongue");
    const auto lib = csv.column("libcategetab");
    const auto dep = csv.column({"dep", "departement"});
    const auto commune_name = csv.column("commune");
    const auto addr = csv.column("adresse");
    // Original FINESS coordinates with their CRS, else Lambert-93 columns.
    const auto xs = csv.column("coordx_src"), ys = csv.column("coordy_src"),
               es = csv.column("src_epsg");
    const auto xl = csv.column({"x_l93", "coordxet"}), yl = csv.column({"y_l93", "coordyet"});
    const std::set<std::string> keep(departements.begin(), departements.end());

    auto get = [](const core::CsvRecord& r, const std::optional<std::size_t>& c) {
        return c && *c < r.fields.size() ? std::string(core::trim(r.fields[*c])) : std::string();
    };
    std::vector<FinessEstablishment> out;
    std::set<std::string> seen;
    std::size_t requoted = 0;
    core::CsvRecord r;
    while (csv.next(r)) {
        const std::string where = "ligne " + std::to_string(r.line);
        if (!core::has_header_width(csv, r, report)) continue;
        FinessEstablishment e;
        e.nofinesset = get(r, et);
        // dep column, else from the FINESS number (2A/2B, 97x).
        std::string d = get(r, dep);
        if (d.empty() && e.nofinesset.size() >= 3)
            d = e.nofinesset.substr(0, 2) == "97"
                    ? e.nofinesset.substr(0, 2) + e.nofinesset.substr(3, 1)
                    : e.nofinesset.substr(0, 2);
        e.departement = crs::normalize_departement(d);
        if (!keep.empty() && !keep.count(e.departement)) continue;
        if (e.nofinesset.empty()) {
            report.reject(path, where, "missing_id", "ligne sans nofinesset");
            continue;
        }
        if (!seen.insert(e.nofinesset).second) {
            report.reject(path, where, "duplicate_id", "ET FINESS " + e.nofinesset + " en double");
            continue;
        }
        e.nofinessej = get(r, ej);
        e.rs = get(r, rs);
        e.rslongue = get(r, rsl);
        for (auto* text : {&e.rs, &e.rslongue})
            if (core::unquote_double_encoded(*text)) ++requoted;
        e.categetab = get(r, cat);
        e.libcategetab = get(r, lib);
        e.address = get(r, addr);
        (void)commune_name;
        e.source = path + ":" + std::to_string(r.line);
        e.source_epsg = crs::natural_epsg_for_departement(e.departement);
        std::string sx = get(r, xs), sy = get(r, ys);
        if (!sx.empty() && !sy.empty()) {
            // An EPSG code is a whole number; anything else (1e300 overflows an int) leaves the
            // département's own CRS, and the position is checked against the territory as usual.
            if (const auto epsg = core::parse_number(get(r, es))) {
                if (*epsg >= 1 && *epsg <= 999999 && *epsg == std::floor(*epsg))
                    e.source_epsg = static_cast<int>(*epsg);
                else
                    report.warn(path, where, "position_rejected",
                                "FINESS " + e.nofinesset + " : code EPSG '" + get(r, es) +
                                    "' invalide, SRC du département utilisé");
            }
        } else {
            sx = get(r, xl);
            sy = get(r, yl);
            e.source_epsg = 2154;
        }
        if (!sx.empty() || !sy.empty()) {
            const auto x = core::parse_number(sx), y = core::parse_number(sy);
            if (x && y) {
                e.x = x;
                e.y = y;
            } else {
                e.position_problem = "coordinates not numeric";
                report.warn(path, where, "position_rejected",
                            "FINESS " + e.nofinesset + " : coordonnées '" + sx + "', '" + sy +
                                "' non numériques");
            }
        }
        out.push_back(std::move(e));
    }
    if (requoted > 0)
        report.info(
            path, "", "double_quoted_names",
            std::to_string(requoted) +
                " noms entourés de guillemets doublés dans le fichier ; guillemets retirés");
    return out;
}

}  // namespace palliacarte::load
