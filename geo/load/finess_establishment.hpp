#pragma once
// A FINESS establishment (ET) as both FINESS formats give it, before it becomes a Structure.
#include <optional>
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"

namespace palliacarte {

class StructurePlacer;

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
    std::string position_problem;  ///< coordinates given but unusable
    std::string source;            ///< "file:line"
};

/// @brief Official etalab layout: "finess;etalab;…" header, "structureet;…" and
/// "geolocalisation;…" lines, UTF-8 or Latin-1. Keeps the listed départements (all if empty).
std::vector<FinessEstablishment> read_finess_etalab(const std::string& path,
                                                    const std::vector<std::string>& departements,
                                                    LoadReport& report);

/// @brief Flattened national CSV (finess_et_geo_*.csv): one row per ET, header row.
std::vector<FinessEstablishment> read_finess_flat(const std::string& path,
                                                  const std::vector<std::string>& departements,
                                                  LoadReport& report);

/// @brief Applies the selection rules (first match wins) and adds the selected ETs as
/// structures with id "<type>-<nofinesset>" (lower-case type). Returns how many were selected.
std::size_t select_finess_structures(const std::vector<FinessEstablishment>& ets,
                                     const std::vector<FinessRule>& rules,
                                     const StructureTypeTable& types, StructurePlacer& placer,
                                     std::vector<Structure>& out, LoadReport& report,
                                     const std::string& path, bool skip_outside = false);

}  // namespace palliacarte
