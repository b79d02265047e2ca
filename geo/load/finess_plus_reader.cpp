// Reader of the FINESS+ open-data files of the ANS (data.gouv.fr, monthly): `finess-activites`
// (every authorised activity, with capacities and zones d'intervention) and
// `finess-structures` (every establishment, with its address and coordinates). Both are
// streamed one legal entity at a time: the national files are ~1.5 GB.
#include <charconv>
#include <cmath>
#include <set>
#include <unordered_map>

#include "core/errors.hpp"
#include "core/json_element_stream.hpp"
#include "crs/departement_crs.hpp"
#include "load/finess_establishment.hpp"

namespace palliacarte::load {

namespace {

using json = nlohmann::json;

// The member `key` of an object, or null: a reference either way, so reading a record's nested
// blocks copies nothing (`cond ? j[key] : json()` would copy the block each time).
const json& member(const json& j, const char* key) {
    static const json null_value;
    if (!j.is_object()) return null_value;
    const auto it = j.find(key);
    return it == j.end() ? null_value : *it;
}

std::string text(const json& j, const char* key) {
    if (!j.is_object()) return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Active: in force (etatObjet "A") and neither an end of authorisation nor an effective end.
bool is_active(const json& generic) {
    return text(generic, "etatObjet") == "A" && text(generic, "dateFinActiviteAutorisee").empty() &&
           text(generic, "dateFinEffectiveActivite").empty();
}

std::vector<std::string> zone_of(const json& activity) {
    std::vector<std::string> out;
    const auto it = activity.find("zoneIntervention");
    if (it == activity.end() || !it->is_object()) return out;
    const auto communes = it->find("communeZI");
    if (communes == it->end() || !communes->is_array()) return out;
    for (const auto& c : *communes) {
        std::string code = text(c, "commune");
        if (!code.empty()) out.push_back(std::move(code));
    }
    return out;
}

// One figure per activity: the statuses (TRE_R330) repeat the same beds, and the legal entity's
// authorisation repeats its establishments' — summing either counts them twice or more.
void read_capacity(const json& activity, FinessActivity& a) {
    const auto it = activity.find("capacite");
    if (it == activity.end() || !it->is_array()) return;
    for (const auto& c : *it) {
        const auto n = number(text(c, "nombre"));
        if (!n) continue;
        const std::string unit = text(c, "uniteMesureCapacite");
        if (a.capacity && unit != a.capacity_unit) continue;  // another unit: first one kept
        if (!a.capacity || *n > *a.capacity) a.capacity = *n;
        a.capacity_unit = unit;
    }
}

// The nature's code block: typeActiviteASR {activiteSanitaireRegulee, modaliteActivite,
// formeActivite}, typeActiviteAMF {activiteAMF, …}, typeActiviteAMSR {activiteSocialeRegulee,
// modeFonctionnement…}: read by the shape of the names, whatever the nature.
void read_nature(const json& activity, FinessActivity& a) {
    const json& nature = member(activity, "nature");
    a.nature = text(nature, "codeNature");
    const json& specific = member(nature, "caracteristiquesSpecifiques");
    if (!specific.is_object()) return;
    for (const auto& [key, block] : specific.items()) {
        if (key.rfind("typeActivite", 0) != 0 || !block.is_object()) continue;
        for (const auto& [k, v] : block.items()) {
            if (!v.is_string()) continue;
            if (k.rfind("activite", 0) == 0 && a.activity.empty())
                a.activity = v.get<std::string>();
            else if (k.rfind("modalite", 0) == 0 && a.modality.empty())
                a.modality = v.get<std::string>();
            else if (k == "formeActivite")
                a.form = v.get<std::string>();
        }
        if (a.modality.empty()) a.modality = text(block, "modeFonctionnement");
        break;
    }
}

struct Authorisation {
    std::vector<std::string> zone;
    std::optional<double> capacity;
    std::string capacity_unit;
};

// INSEE code → département ("2A004" → "2A", "97101" → "971"); empty for no code.
std::string departement_of_commune(const std::string& insee) {
    return insee.size() < 2 ? std::string()
                            : crs::normalize_departement(crs::departement_of_insee(insee));
}

// A FINESS number starts with its département: "2A…", "92…", overseas "97" + the fourth
// character ("9710…" → 971), as the flat FINESS file has it.
std::string departement_of_finess(const std::string& number) {
    if (number.size() < 4) return {};
    return crs::normalize_departement(number.rfind("97", 0) == 0 ? number.substr(0, 2) + number[3]
                                                                 : number.substr(0, 2));
}

// Metropolitan Lambert-93 (with a margin for Corsica and the borders).
bool plausible_l93(double x, double y) {
    return x > 0 && x < 1'400'000 && y > 6'000'000 && y < 7'200'000;
}

}  // namespace

namespace {

using ActivitiesByEstablishment = std::unordered_map<std::string, std::vector<FinessActivity>>;

// 1. Activities, by establishment number (active ones only; of the départements asked for,
// when the establishment's number says it is elsewhere, not held at all).
ActivitiesByEstablishment read_activities(const std::string& activities_path,
                                          const std::set<std::string>& keep,
                                          core::LoadReport& report, FinessPlusCounts* counts,
                                          const FinessPlusFilter& filter) {
    ActivitiesByEstablishment by_ege;
    FinessPlusCounts local;
    FinessPlusCounts& n = counts ? *counts : local;
    std::size_t &entities = n.entities, &ege_count = n.establishments, &authorised = n.authorised,
                &exercised = n.exercised, &inactive = n.inactive;
    // Counted on every record, in force or not — only when the caller asks for the counts.
    auto count = [&n, counts](const json& a) {
        if (!counts) return;
        FinessActivity fa;
        read_nature(a, fa);
        read_capacity(a, fa);
        n.capacities_by_code[fa.code()].push_back(fa.capacity.value_or(std::nan("")));
        if (!zone_of(a).empty()) ++n.zones;
    };
    const auto act = core::stream_json_array(activities_path, "pmej", [&](json&& pm) {
        ++entities;
        std::unordered_map<std::string, Authorisation> authorisations;
        if (pm.contains("activitesAutorisees") && pm["activitesAutorisees"].is_array())
            for (const auto& a : pm["activitesAutorisees"]) {
                ++authorised;
                count(a);
                const json& g = member(a, "caracteristiquesGeneriques");
                Authorisation au;
                au.zone = zone_of(a);
                FinessActivity tmp;
                read_capacity(a, tmp);
                au.capacity = tmp.capacity;
                au.capacity_unit = tmp.capacity_unit;
                authorisations[text(g, "activiteAeId")] = std::move(au);
            }
        if (!pm.contains("ege") || !pm["ege"].is_array()) return;
        for (const auto& e : pm["ege"]) {
            ++ege_count;
            const std::string num = text(e, "numFinessEge");
            if (!e.contains("activitesExercees") || !e["activitesExercees"].is_array()) continue;
            for (const auto& a : e["activitesExercees"]) {
                ++exercised;
                count(a);
                const json& g = member(a, "caracteristiquesGeneriques");
                if (!is_active(g)) {
                    ++inactive;
                    continue;
                }
                FinessActivity fa;
                fa.id = text(g, "activiteAeId");
                fa.authorisation_id = text(g, "identifiantAutorisation");
                read_nature(a, fa);
                read_capacity(a, fa);
                fa.zone = zone_of(a);
                const auto au = authorisations.find(fa.authorisation_id);
                if (au != authorisations.end()) {
                    if (!fa.capacity) {
                        fa.capacity = au->second.capacity;
                        fa.capacity_unit = au->second.capacity_unit;
                    }
                    // The zone is declared on the authorisation (R6123-140 for HAD).
                    for (const auto& c : au->second.zone)
                        if (std::find(fa.zone.begin(), fa.zone.end(), c) == fa.zone.end())
                            fa.zone.push_back(c);
                }
                if (filter.activity && !filter.activity(fa)) continue;
                if (!keep.empty() && !keep.count(departement_of_finess(num))) continue;
                by_ege[num].push_back(std::move(fa));
            }
        }
    });
    report.info(
        activities_path, "", "finess_plus_activities",
        std::to_string(entities) + " entités juridiques, " + std::to_string(ege_count) +
            " établissements, " + std::to_string(authorised + exercised) + " activités (" +
            std::to_string(authorised) + " autorisées, " + std::to_string(exercised) +
            " exercées dont " + std::to_string(inactive) +
            " inactives ou closes, laissées de côté) — schéma " +
            (act.top_level.count("schemaVersion") ? act.top_level.at("schemaVersion") : "?") +
            ", généré le " +
            (act.top_level.count("generatedAt") ? act.top_level.at("generatedAt") : "?"));
    return by_ege;
}

struct PositionCounts {
    std::size_t swapped = 0, wgs84 = 0, no_coordinates = 0, closed = 0;
};

// The establishment's postal address and position: Lambert-93 when plausible (X and Y swapped
// back when published the wrong way round), else WGS84.
void place_establishment(FinessEstablishment& et, const json& address, PositionCounts& n) {
    const std::string street = text(address, "ligneQuatre");
    const std::string town = text(address, "codePostal") + " " + text(address, "ligneAcheminement");
    et.address = street.empty() ? town : street + ", " + town;
    const json& c = member(address, "coordonneesGeographique");
    auto x = number(text(c, "coordonneeX")), y = number(text(c, "coordonneeY"));
    // Published with X holding the northing: swapped back when that is plainly so.
    if (x && y && !plausible_l93(*x, *y) && plausible_l93(*y, *x)) {
        std::swap(x, y);
        ++n.swapped;
    }
    const auto lat = number(text(c, "directionLatitude")),
               lon = number(text(c, "directionLongitude"));
    if (x && y && plausible_l93(*x, *y)) {
        et.x = x;
        et.y = y;
        et.source_epsg = 2154;
    } else if (lat && lon) {
        et.x = lon;  // overseas, or no Lambert-93 pair: the WGS84 one
        et.y = lat;
        et.source_epsg = 4326;
        ++n.wgs84;
    } else {
        ++n.no_coordinates;
    }
}

void report_positions(const std::string& structures_path, const PositionCounts& positions,
                      core::LoadReport& report) {
    if (positions.swapped > 0)
        report.info(structures_path, "", "swapped_coordinates",
                    std::to_string(positions.swapped) +
                        " adresse(s) en Lambert-93 publiées avec X et Y inversés (X = ordonnée) : "
                        "remises dans l'ordre");
    if (positions.wgs84 > 0)
        report.info(structures_path, "", "wgs84_coordinates",
                    std::to_string(positions.wgs84) +
                        " établissement(s) placé(s) par leurs coordonnées WGS84 (pas de paire "
                        "Lambert-93 utilisable : outre-mer ou absente)");
    if (positions.no_coordinates > 0)
        report.info(
            structures_path, "", "no_coordinates",
            std::to_string(positions.no_coordinates) + " établissement(s) sans coordonnées");
    if (positions.closed > 0)
        report.info(structures_path, "", "closed_establishments",
                    std::to_string(positions.closed) +
                        " établissement(s) fermé(s) (etatObjet ≠ A) laissés de côté");
}

}  // namespace

std::vector<FinessEstablishment> read_finess_plus(const std::string& activities_path,
                                                  const std::string& structures_path,
                                                  const std::vector<std::string>& departements,
                                                  core::LoadReport& report,
                                                  FinessPlusCounts* counts,
                                                  const FinessPlusFilter& filter) {
    const std::set<std::string> keep(departements.begin(), departements.end());
    ActivitiesByEstablishment by_ege =
        read_activities(activities_path, keep, report, counts, filter);

    // 2. Establishments with their address, joined to their activities.
    std::vector<FinessEstablishment> out;
    std::set<std::string> seen;
    PositionCounts positions;
    core::stream_json_array(structures_path, "pmej", [&](json&& pm) {
        const json& info = member(pm, "informationsGeneralesPMEJ");
        const std::string ej = text(info, "numFinessPm");
        if (!pm.contains("ege") || !pm["ege"].is_array()) return;
        for (const auto& e : pm["ege"]) {
            const json& gi = member(e, "informationsGeneralesEGE");
            FinessEstablishment et;
            et.nofinesset = text(gi, "numFinessEge");
            const std::string where = "établissement " + et.nofinesset;
            if (et.nofinesset.empty()) {
                report.reject(structures_path, "entité " + ej, "missing_id",
                              "établissement sans numFinessEge");
                continue;
            }
            if (text(e, "etatObjet") != "A") {
                ++positions.closed;
                continue;
            }
            const json* address = nullptr;
            if (e.contains("adresse") && e["adresse"].is_array())
                for (const auto& a : e["adresse"]) {
                    if (!address) address = &a;
                    if (a.contains("coordonneesGeographique")) {
                        address = &a;
                        break;
                    }
                }
            et.commune_insee = address ? text(*address, "cogCommune") : "";
            et.departement = departement_of_commune(et.commune_insee);
            if (et.departement.empty())
                et.departement = crs::normalize_departement(et.nofinesset.substr(0, 2));
            if (!keep.empty() && !keep.count(et.departement)) continue;
            if (!seen.insert(et.nofinesset).second) {
                report.reject(structures_path, where, "duplicate_id",
                              "établissement " + et.nofinesset + " en double");
                continue;
            }
            et.nofinessej = ej;
            et.rs = text(gi, "nomEgeCourt");
            et.rslongue = text(gi, "nomEgeLong");
            et.categetab = text(e, "categorieentiteGeographiqueExercice");
            et.source = structures_path + ":" + where;
            if (address)
                place_establishment(et, *address, positions);
            else
                ++positions.no_coordinates;
            const auto acts = by_ege.find(et.nofinesset);
            if (acts != by_ege.end()) {
                et.activities = std::move(acts->second);
                by_ege.erase(acts);
            }
            if (filter.establishment && !filter.establishment(et)) continue;
            out.push_back(std::move(et));
        }
    });
    report_positions(structures_path, positions, report);
    // Activities of establishments the structures file does not list (closed, other
    // département, or files of different dates).
    std::size_t orphan = 0;
    for (const auto& [num, acts] : by_ege)
        if (keep.empty() || keep.count(departement_of_finess(num))) orphan += acts.size();
    if (orphan > 0)
        report.info(activities_path, "", "activities_without_establishment",
                    std::to_string(orphan) +
                        " activité(s) active(s) d'établissements absents du fichier des structures "
                        "(fermés ou fichiers de dates différentes) : sans adresse, non retenues");
    return out;
}

}  // namespace palliacarte::load
