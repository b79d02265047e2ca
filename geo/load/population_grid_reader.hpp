#pragma once
// Gridded population (INSEE/Eurostat Census 2021 1 km, Filosofi 200 m): one CSV row per cell
// with its lower-left corner in the grid's CRS (EPSG:3035 LAEA). Cells come back as polygons in
// the territory's CRS (a LAEA square is a slightly turned quadrilateral in Lambert-93).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/analysis_config.hpp"
#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "model/commune.hpp"
#include "model/geometry.hpp"
#include "model/population_grid.hpp"

namespace palliacarte::load {

/// @brief A grid cell named the INSEE/Eurostat way: "CRS3035RES200mN2029800E4252400" is the
/// 200 m cell whose lower-left corner is x 4252400, y 2029800 (EPSG:3035).
struct GridCellId {
    double x = 0, y = 0, size = 0;
};
std::optional<GridCellId> parse_grid_cell_id(std::string_view id);

/// @brief Reads the cells of `grid` meeting the communes in CRS `epsg` (those of other CRSs, the
/// overseas communes of a national run, keep their representative point). Bad rows are
/// reported and skipped. @throws DataError if the file or a column is missing.
model::PopulationGrid load_population_grid(const config::PopulationGridConfig& grid,
                                           const std::vector<model::Commune>& communes, int epsg,
                                           core::LoadReport& report,
                                           const core::ProgressFn& progress = {});

/// @brief Reads the cells whose square meets `extent` (territory CRS). Bad rows are reported
/// (file, line, reason) and skipped. @throws DataError if the file or a column is missing.
std::vector<model::PopulationCell> read_population_grid(const config::PopulationGridConfig& grid,
                                                        int epsg, const model::Box& extent,
                                                        core::LoadReport& report,
                                                        std::size_t* rows_read = nullptr);

}  // namespace palliacarte::load
