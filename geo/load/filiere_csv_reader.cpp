#include "load/filiere_csv_reader.hpp"

#include <cmath>
#include <optional>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "load/structure_placement.hpp"

namespace palliacarte::load {

namespace {

struct Columns {
    std::size_t id = 0, type = 0;
    std::optional<std::size_t> name, territory, finess_et, host_rs, commune, lon, lat, x, y,
        setting, intervention, note;
};

std::string get(const core::CsvRecord& r, const std::optional<std::size_t>& col) {
    return col && *col < r.fields.size() ? std::string(core::trim(r.fields[*col])) : std::string();
}

// Reads an (x, y) pair: both empty → nullopt without message; otherwise both must be numbers.
std::optional<std::pair<double, double>> read_pair(
    const core::CsvRecord& r, const std::optional<std::size_t>& cx,
    const std::optional<std::size_t>& cy, const char* names, model::Structure& s,
    core::LoadReport& report, const std::string& path, const std::string& where) {
    const std::string sx = get(r, cx), sy = get(r, cy);
    if (sx.empty() && sy.empty()) return std::nullopt;
    const auto x = core::parse_number(sx), y = core::parse_number(sy);
    if (!x || !y) {
        s.position_problem = std::string(names) + " not numeric";
        report.warn(path, where, "position_rejected",
                    s.id + " : " + names + " '" + sx + "', '" + sy +
                        "' ne sont pas des nombres ; structure gardée sans cette position");
        return std::nullopt;
    }
    return std::make_pair(*x, *y);
}

}  // namespace

void read_filiere_csv(const std::string& path, const model::StructureTypeTable& types,
                      StructurePlacer& placer, std::vector<model::Structure>& out,
                      core::LoadReport& report) {
    auto csv = core::CsvReader::open(path);
    if (csv.encoding() == core::TextEncoding::latin1)
        report.info(path, "", "latin1", "fichier non UTF-8 : lu en ISO-8859-1/Windows-1252");
    const auto id = csv.column({"id", "identifiant"});
    const auto type = csv.column({"type", "type_code"});
    if (!id || !type)
        throw core::DataError(path,
                              "pas un fichier de structures de filière : l'en-tête doit avoir les "
                              "colonnes « id » et « type »");
    Columns c{};
    c.id = *id;
    c.type = *type;
    c.name = csv.column({"name", "nom"});
    c.territory = csv.column({"territory", "territoire"});
    c.finess_et = csv.column({"finess_et", "nofinesset", "finess"});
    c.host_rs = csv.column("host_finess_rs");
    c.commune = csv.column({"commune_insee", "insee"});
    c.lon = csv.column({"lon", "longitude"});
    c.lat = csv.column({"lat", "latitude"});
    c.x = csv.column({"x_l93", "x"});
    c.y = csv.column({"y_l93", "y"});
    c.setting = csv.column("setting");
    c.intervention = csv.column("intervention_communes");
    c.note = csv.column("note");

    // One lon/lat → L93 transform to cross-check files that give both.
    std::optional<crs::CrsTransform> check;
    if (c.x && c.lon) check.emplace("EPSG:4326", "EPSG:2154");

    core::CsvRecord r;
    while (csv.next(r)) {
        const std::string where = "ligne " + std::to_string(r.line);
        if (!core::has_header_width(csv, r, report)) continue;
        model::Structure s;
        s.id = get(r, c.id);
        if (s.id.empty()) {
            report.reject(path, where, "missing_id", "ligne sans identifiant (colonne id)");
            continue;
        }
        const std::string type_text = get(r, c.type);
        const model::StructureType* t = types.find(type_text);
        if (!t) {
            report.reject(path, where, "unknown_type",
                          s.id + " : type de structure « " + type_text +
                              " » inconnu (voir structure-types.json)");
            continue;
        }
        s.type = t->code;
        s.name = get(r, c.name);
        if (s.name.empty()) s.name = s.id;
        s.territory = get(r, c.territory);
        s.finess_et = get(r, c.finess_et);
        s.commune_insee = get(r, c.commune);
        s.setting = get(r, c.setting);
        s.note = get(r, c.note);
        s.intervention_communes = split_codes(get(r, c.intervention));
        s.source = path + ":" + std::to_string(r.line);

        const auto l93 = read_pair(r, c.x, c.y, "x_l93/y_l93", s, report, path, where);
        const auto ll = read_pair(r, c.lon, c.lat, "lon/lat", s, report, path, where);
        if (l93 && ll && check) {
            double cx = ll->first, cy = ll->second;
            if (check->transform(cx, cy)) {
                const double gap = std::hypot(cx - l93->first, cy - l93->second);
                // (a gap past an int, from absurd coordinates, is said as such: casting it
                // would be undefined behaviour)
                if (gap > 100)
                    report.warn(path, where, "coordinates_disagree",
                                s.id + " : lon/lat et x_l93/y_l93 sont à " +
                                    (gap < 1e9 ? std::to_string(static_cast<long>(gap)) + " m"
                                               : std::string("plus de 1 000 000 km")) +
                                    " l'un de l'autre ; x_l93/y_l93 retenus");
            }
        }
        if (l93) {
            placer.place(s, l93->first, l93->second, "EPSG:2154", report, path, where);
            s.position_source = "x_l93/y_l93";
        } else if (ll) {
            placer.place(s, ll->first, ll->second, "EPSG:4326", report, path, where);
            s.position_source = "lon/lat";
        }
        if (!s.position) s.position_source.clear();
        placer.add(std::move(s), out, report, path, where);
    }
}

}  // namespace palliacarte::load
