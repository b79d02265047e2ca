#include "crs/departement_crs.hpp"

#include <cctype>

namespace palliacarte::crs {

std::string departement_of_insee(std::string_view insee) {
    if (insee.size() >= 3 && insee.substr(0, 2) == "97") return std::string(insee.substr(0, 3));
    return std::string(insee.substr(0, 2));
}

std::string normalize_departement(std::string_view raw) {
    std::string upper(raw);  // "2a" as typed → "2A"
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string_view code = upper;
    if (code.size() == 2 && code[0] == '9' && code[1] >= 'A' && code[1] <= 'F')
        return std::string("97") + static_cast<char>('1' + (code[1] - 'A'));
    if (code.size() == 1) return std::string("0") + std::string(code);
    return std::string(code);
}

bool is_overseas(std::string_view departement) {
    return departement.size() == 3 && departement.substr(0, 2) == "97";
}

int natural_epsg_for_departement(std::string_view d) {
    if (d == "971" || d == "972" || d == "977" || d == "978") return 5490;  // RGAF09 / UTM 20N
    if (d == "973") return 2972;                                            // RGFG95 / UTM 22N
    if (d == "974") return 2975;                                            // RGR92 / UTM 40S
    if (d == "976") return 4471;                                            // RGM04 / UTM 38S
    if (d == "975") return 4467;                                            // RGSPM06 / UTM 21N
    return kLambert93;
}

}  // namespace palliacarte::crs
