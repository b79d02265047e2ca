// Reader of the official FINESS etalab extract (etalab-cs1100507-stock-*.csv).
#include <set>
#include <unordered_map>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"
#include "load/finess_establishment.hpp"

namespace palliacarte::load {

namespace {
// Field positions in "structureet" lines of the official layout (0 is the line tag).
enum StructureEt : std::size_t {
    kNoFinessEt = 1,
    kNoFinessEj = 2,
    kRs = 3,
    kRsLongue = 4,
    kNumVoie = 7,
    kTypVoie = 8,
    kVoie = 9,
    kCommune = 12,
    kDepartement = 13,
    kLigneAcheminement = 15,
    kCategEtab = 18,
    kLibCategEtab = 19,
    kMinFields = 20
};
enum Geoloc : std::size_t {
    kGeoFiness = 1,
    kCoordX = 2,
    kCoordY = 3,
    kSourceCoord = 4,
    kGeoMinFields = 4
};
}  // namespace

std::vector<FinessEstablishment> read_finess_etalab(const std::string& path,
                                                    const std::vector<std::string>& departements,
                                                    core::LoadReport& report) {
    auto csv = core::CsvReader::open(path, {';', false});
    if (csv.encoding() == core::TextEncoding::latin1)
        report.info(
            path, "", "latin1",
            "fichier lu en ISO-8859-1/Windows-1252 (anciennes extractions FINESS officielles)");
    const std::set<std::string> keep(departements.begin(), departements.end());
    std::vector<FinessEstablishment> ets;
    std::unordered_map<std::string, std::size_t> by_finess;
    core::CsvRecord r;
    bool seen_header = false, seen_any = false;
    while (csv.next(r)) {
        const std::string where = "ligne " + std::to_string(r.line);
        const std::string tag(core::trim(r.fields[0]));
        if (tag == "finess") {
            seen_header = true;
            continue;
        }
        if (tag == "structureet") {
            seen_any = true;
            if (r.fields.size() < kMinFields) {
                report.reject(path, where, "missing_fields",
                              "ligne structureet de " + std::to_string(r.fields.size()) +
                                  " champs, 32 attendus");
                continue;
            }
            FinessEstablishment et;
            et.departement = crs::normalize_departement(core::trim(r.fields[kDepartement]));
            if (!keep.empty() && !keep.count(et.departement)) continue;
            et.nofinesset = std::string(core::trim(r.fields[kNoFinessEt]));
            et.nofinessej = std::string(core::trim(r.fields[kNoFinessEj]));
            et.rs = std::string(core::trim(r.fields[kRs]));
            et.rslongue = std::string(core::trim(r.fields[kRsLongue]));
            et.categetab = std::string(core::trim(r.fields[kCategEtab]));
            et.libcategetab = std::string(core::trim(r.fields[kLibCategEtab]));
            const std::string commune(core::trim(r.fields[kCommune]));
            // INSEE code = département + commune number; overseas "971" + "01" from "9A" + "101".
            if (!commune.empty())
                et.commune_insee = crs::is_overseas(et.departement)
                                       ? et.departement.substr(0, 2) + commune
                                       : et.departement + commune;
            std::string addr;
            for (std::size_t k : {kNumVoie, kTypVoie, kVoie}) {
                const std::string part(core::trim(r.fields[k]));
                if (!part.empty()) addr += (addr.empty() ? "" : " ") + part;
            }
            et.address = addr;
            et.source_epsg = crs::natural_epsg_for_departement(et.departement);
            et.source = path + ":" + std::to_string(r.line);
            if (et.nofinesset.empty()) {
                report.reject(path, where, "missing_id", "ligne structureet sans nofinesset");
                continue;
            }
            if (!by_finess.emplace(et.nofinesset, ets.size()).second) {
                report.reject(path, where, "duplicate_id",
                              "ET FINESS " + et.nofinesset + " en double");
                continue;
            }
            ets.push_back(std::move(et));
        } else if (tag == "geolocalisation") {
            if (r.fields.size() < kGeoMinFields) {
                report.reject(path, where, "missing_fields", "ligne geolocalisation incomplète");
                continue;
            }
            const auto it = by_finess.find(std::string(core::trim(r.fields[kGeoFiness])));
            if (it == by_finess.end()) continue;  // another département, or unknown ET
            auto& et = ets[it->second];
            const auto x = core::parse_number(r.fields[kCoordX]);
            const auto y = core::parse_number(r.fields[kCoordY]);
            if (!x || !y) {
                et.position_problem = "coordinates not numeric";
                report.warn(path, where, "position_rejected",
                            "FINESS " + et.nofinesset + " : coordonnées '" + r.fields[kCoordX] +
                                "', '" + r.fields[kCoordY] + "' non numériques");
                continue;
            }
            et.x = x;
            et.y = y;
            if (r.fields.size() > kSourceCoord &&
                r.fields[kSourceCoord].find("LAMBERT_93") != std::string::npos)
                et.source_epsg = 2154;
        } else if (!tag.empty()) {
            report.reject(path, where, "unknown_line", "type de ligne inattendu « " + tag + " »");
        }
    }
    if (!seen_any && !seen_header)
        throw core::DataError(
            path,
            "pas un fichier FINESS etalab (ni en-tête « finess;etalab », ni ligne « "
            "structureet »)");
    return ets;
}

}  // namespace palliacarte::load
