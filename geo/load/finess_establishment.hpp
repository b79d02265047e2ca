#pragma once
// A FINESS establishment (ET) as both FINESS formats give it, before it becomes a Structure.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"

namespace palliacarte::load {

class StructurePlacer;

/// @brief One activity exercised at an establishment, as the FINESS+ activities file gives it
/// (authorisation regime of the Code de la santé publique).
struct FinessActivity {
    std::string nature;    ///< codeNature: "ASR" (regulated), "AMF" (activité de soins)…
    std::string activity;  ///< "R4" (TRE_R274: soins palliatifs)
    std::string modality;  ///< "N2" (TRE_R275: lits identifiés médecine adulte)
    std::string form;      ///< TRE_R276
    std::string id,
        authorisation_id;            ///< activiteAeId here, and of the legal entity's authorisation
    std::optional<double> capacity;  ///< one figure (statuses are not summed)
    std::string capacity_unit;       ///< uniteMesureCapacite (TRE_R329: "02" beds)
    std::vector<std::string> zone;   ///< declared zone d'intervention, INSEE codes
    /// "R4/N2": what the selection rules match.
    std::string code() const { return modality.empty() ? activity : activity + "/" + modality; }
};

struct FinessEstablishment {
    std::string nofinesset, nofinessej;
    std::string rs;        ///< raison sociale (short name)
    std::string rslongue;  ///< long name when the file has it
    std::string categetab, libcategetab;
    std::string departement;  ///< normalised: "92", "2A", "971"
    std::string commune_insee;
    std::string address;
    std::optional<double> x, y;  ///< as published (Lambert-93 metropole, local UTM overseas)
    int source_epsg = 2154;
    std::string position_problem;            ///< coordinates given but unusable
    std::string source;                      ///< "file:line"
    std::vector<FinessActivity> activities;  ///< FINESS+ only: active activities exercised here
};

/// @brief Official etalab layout: "finess;etalab;…" header, "structureet;…" and
/// "geolocalisation;…" lines, UTF-8 or Latin-1. Keeps the listed départements (all if empty).
std::vector<FinessEstablishment> read_finess_etalab(const std::string& path,
                                                    const std::vector<std::string>& departements,
                                                    core::LoadReport& report);

/// @brief Flattened national CSV (finess_et_geo_*.csv): one row per ET, header row.
std::vector<FinessEstablishment> read_finess_flat(const std::string& path,
                                                  const std::vector<std::string>& departements,
                                                  core::LoadReport& report);

/// @brief The two FINESS+ JSON files (ANS, data.gouv.fr): establishments with their address
/// from `structures_path`, each with the active activities `activities_path` says it exercises.
/// Both are streamed. Keeps the listed départements (all if empty).
struct FinessPlusCounts {
    std::size_t entities = 0, establishments = 0;  ///< pmej and ege records of the activities file
    std::size_t authorised = 0, exercised = 0;     ///< activity records at each level
    std::size_t inactive = 0;                      ///< exercised records not in force
    std::size_t zones = 0;                         ///< records declaring a zone d'intervention
    /// Every record's code ("R4/N2") → the capacity each gives (NaN when none).
    std::map<std::string, std::vector<double>> capacities_by_code;
};

/// @brief What a reading of FINESS+ keeps, so that memory follows what the rules want and not
/// the size of the files (the national files have ~174,500 establishments).
struct FinessPlusFilter {
    std::function<bool(const FinessActivity&)> activity;            ///< empty: every activity
    std::function<bool(const FinessEstablishment&)> establishment;  ///< empty: every one
};

/// @brief Keeps the activities the rules name (and those of `zone_natures` that declare a zone),
/// and the establishments that have one or match a rule's category or name.
FinessPlusFilter finess_plus_filter(const std::vector<config::FinessRule>& rules);

std::vector<FinessEstablishment> read_finess_plus(const std::string& activities_path,
                                                  const std::string& structures_path,
                                                  const std::vector<std::string>& departements,
                                                  core::LoadReport& report,
                                                  FinessPlusCounts* counts = nullptr,
                                                  const FinessPlusFilter& filter = {});

/// @brief Applies the selection rules (first match wins) and adds the selected ETs as
/// structures with id "<type>-<nofinesset>" (lower-case type). Returns how many were selected.
std::size_t select_finess_structures(const std::vector<FinessEstablishment>& ets,
                                     const std::vector<config::FinessRule>& rules,
                                     const model::StructureTypeTable& types,
                                     StructurePlacer& placer, std::vector<model::Structure>& out,
                                     core::LoadReport& report, const std::string& path,
                                     bool skip_outside = false);

}  // namespace palliacarte::load
