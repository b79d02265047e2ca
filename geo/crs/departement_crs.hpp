#pragma once
// Which projected CRS French data uses, per département: Lambert-93 in metropolitan France,
// the local UTM-based RGAF09/RGFG95/RGR92/RGM04 systems overseas (see docs/domain.md).
#include <string>
#include <string_view>

namespace palliacarte::crs {

constexpr int kLambert93 = 2154;

/// @brief Département code of an INSEE commune code: "92", "2A", "971" for "97101".
std::string departement_of_insee(std::string_view insee);

/// @brief Normalises département codes ("9A".."9F" → "971".."976", "2a" → "2A") and pads
/// "1" → "01".
std::string normalize_departement(std::string_view code);

/// @brief EPSG code of the projected CRS official data use for this département.
int natural_epsg_for_departement(std::string_view departement);

/// @brief True for the overseas départements and collectivities (97x).
bool is_overseas(std::string_view departement);

}  // namespace palliacarte::crs
