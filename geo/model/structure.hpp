#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::model {

/// @brief How a structure can cover: by road from a position, by a declared area only, or not
/// at all (kept and listed so the planner sees it).
enum class Placement { located, declared_area_only, unlocated };

const char* to_string(Placement p);

/// @brief One palliative resource (or candidate site) of one type.
struct Structure {
    std::string id;  ///< unique within a territory
    std::string name;
    std::string type;       ///< code from the StructureTypeTable
    std::string territory;  ///< coordination territory, "Département", "Région"…
    std::vector<std::string> intervention_communes;  ///< declared service area (INSEE codes)
    std::string finess_et, finess_ej, finess_category, finess_category_label;
    std::string commune_insee;
    std::string address;  ///< postal address when the source gives one (FINESS)
    std::string setting;  ///< "etablissement", "domicile", "mixte"…
    /// Beds, places or teams when the source gives them (FINESS+): the 2SFCA supply.
    std::optional<double> capacity;
    std::string capacity_unit;  ///< "lits", "places"…
    std::string activities;     ///< the source's activity codes behind the type ("R4/N2")
    std::string note;
    std::optional<Point> position;  ///< in `epsg`
    int epsg = 2154;  ///< the territory's CRS (overseas structures of a national load: local CRS)
    std::string position_source;    ///< "x_l93/y_l93", "lon/lat", "finess geolocalisation"…
    std::string position_problem;   ///< why a given position was not used (empty if none)
    double outside_distance_m = 0;  ///< >0: located outside the territory's communes, this far
    Placement placement = Placement::unlocated;
    std::string source;  ///< "file:line" it came from
};

}  // namespace palliacarte::model
