#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::model {

/// @brief A commune of the current COG: one (multi)polygon, its population and its CRS.
struct Commune {
    std::string insee;        ///< current INSEE code, e.g. "92012", "2A004"
    std::string name;         ///< name as in the population source (COG), else the boundary file
    std::string departement;  ///< "92", "2A", "971"
    std::optional<std::int64_t> population;  ///< population municipale; empty if unknown
    MultiPolygon geometry;                   ///< in `epsg`, valid
    int epsg = 2154;  ///< Lambert-93 in metropolitan France, local CRS overseas
    double area_m2 = 0;
    Box bbox;
    std::vector<std::string> source_codes;  ///< codes in the boundary file (several when merged)
    std::size_t source_features = 0;        ///< how many boundary features made it
};

}  // namespace palliacarte::model
