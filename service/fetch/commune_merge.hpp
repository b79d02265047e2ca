#pragma once
// The commune boundaries come one GeoJSON per département (geo.api.gouv.fr); an analysis reads
// one file. Merging them also checks that each answer is what was asked for.
#include <string>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::fetch {

struct MergedCommunes {
    std::size_t communes = 0;
    model::Box box_3035;  ///< their extent in EPSG:3035 (LAEA), for cutting population grids
};

/// @brief Writes one FeatureCollection with every feature of `inputs` (through a .part file).
/// @throws DataError naming the input that is not a FeatureCollection of communes with a `code`.
MergedCommunes merge_commune_files(const std::vector<std::string>& inputs,
                                   const std::string& output);

/// @brief The EPSG:3035 extent of a GeoJSON file of communes (longitude/latitude).
model::Box communes_box_3035(const std::string& geojson_path);

}  // namespace palliacarte::fetch
