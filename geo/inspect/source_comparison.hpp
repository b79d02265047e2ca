#pragma once
// Two readings of one territory's offer side by side — a curated directory (the 92's filière
// list) and the FINESS+ files — joined on the FINESS establishment number and the type: what
// both list, what only one lists, where they disagree on the type, and how far apart they
// place the same establishment.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/structure.hpp"

namespace palliacarte::inspect {

enum class Agreement { both, type_differs, only_first, only_second };
const char* to_string(Agreement a);  ///< French, as printed: "les deux", "type différent"…

struct ComparedStructure {
    Agreement agreement = Agreement::both;
    std::string finess_et;
    const model::Structure* first = nullptr;   ///< the directory's, when it lists it
    const model::Structure* second = nullptr;  ///< FINESS+'s, when it lists it
    double distance_m = -1;                    ///< between their positions when both have one
};

struct TypeAgreement {
    std::size_t first = 0, second = 0;  ///< structures of the type in each source
    std::size_t both = 0, type_differs = 0, only_first = 0, only_second = 0;
    std::size_t first_without_finess = 0;  ///< directory entries no FINESS number can match
};

struct SourceComparison {
    std::vector<ComparedStructure> rows;  ///< by FINESS number, then type
    std::map<std::string, TypeAgreement> by_type;
};

/// @brief Joins the two lists on (FINESS ET, type), then pairs what is left on the FINESS ET
/// alone (same establishment, another type). Positions must share a CRS.
SourceComparison compare_sources(const std::vector<model::Structure>& first,
                                 const std::vector<model::Structure>& second);

/// @brief One row per compared structure, for a CSV (French headers).
std::vector<std::vector<std::string>> comparison_table(const SourceComparison& c);

}  // namespace palliacarte::inspect
