#pragma once
// Département names for people reading tables and maps: « 25 Doubs », not « 25 ». The list is
// data (data/departements.csv, from INSEE's COG via @etalab/decoupage-administratif).
#include <string>

namespace palliacarte::model {

/// @brief « 25 Doubs », « 2A Corse-du-Sud »; the code alone when the list does not know it.
std::string departement_label(const std::string& code);

}  // namespace palliacarte::model
