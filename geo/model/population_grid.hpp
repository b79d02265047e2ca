#pragma once
// A population grid as loaded for a territory (load/population_grid_reader reads it): the
// populated cells meeting its communes, as polygons in the territory's CRS.
#include <cstddef>
#include <string>
#include <vector>

#include "model/geometry.hpp"

namespace palliacarte::model {

struct PopulationCell {
    Polygon square;  ///< in the territory CRS
    double population = 0;
    double elderly = 0;  ///< aged 65+ when the grid has it, else 0
    std::string id;      ///< "CRS3035RES1000mN2871000E3753000" (INSEE/Eurostat naming)
};

/// @brief The populated cells that meet the territory's communes (in the territory CRS).
struct PopulationGrid {
    std::string path;
    std::vector<PopulationCell> cells;
    std::size_t rows_read = 0;
};

}  // namespace palliacarte::model
