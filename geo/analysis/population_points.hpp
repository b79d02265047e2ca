#pragma once
// Where people live, as weighted points per commune: the pieces of population grid cells cut by
// commune boundaries (a cell straddling two communes is split by area), rescaled so each commune
// sums to its official population. Without a grid — or for a commune no populated cell falls in
// — one point at the commune's representative point carries its whole population (the proxy).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "config/analysis_config.hpp"
#include "core/load_report.hpp"
#include "core/progress.hpp"
#include "model/population_grid.hpp"
#include "model/territory.hpp"

namespace palliacarte::analysis {

struct PopulationPoint {
    model::Point position;      ///< in the commune's CRS (Commune::epsg)
    std::uint32_t commune = 0;  ///< index into Territory::communes
    std::int32_t cell = -1;     ///< index into PopulationPoints::cells; -1 for the proxy point
    double population = 0;      ///< rescaled to the commune's official population
    double elderly = 0;         ///< aged 65+, rescaled the same way (grid only)
    double area_m2 = 0;         ///< the piece of cell inside the commune (proxy: the commune)
};

struct PopulationPoints {
    std::vector<PopulationPoint> points;  ///< grouped by commune, communes in territory order
    std::vector<std::uint32_t> first_of_commune;  ///< CSR offsets: commune c owns [c], [c+1)
    /// The grid the points were cut from (Territory::population_grid); null without one.
    std::shared_ptr<const model::PopulationGrid> grid;
    std::string method;                 ///< "grid" or "commune_point"
    std::string source;                 ///< grid file, or the proxy's description
    std::size_t communes_on_proxy = 0;  ///< communes with no populated cell piece
    double grid_population = 0;         ///< the cells' own total inside the communes
    bool pieces_from_cache = false;     ///< the cut cells were read back (cell_piece_cache)

    /// @brief The grid cell `cell` (PopulationPoint::cell >= 0).
    const model::PopulationCell& cell(std::int32_t cell) const { return grid->cells[cell]; }

    std::span<const PopulationPoint> of_commune(std::size_t c) const {
        return {points.data() + first_of_commune[c], points.data() + first_of_commune[c + 1]};
    }
};

/// @brief Builds the points from the territory's population grid when `config` names one (it
/// must have been loaded: load_analysis_inputs), else at each commune's representative point.
PopulationPoints build_population_points(const model::Territory& territory,
                                         const config::AnalysisConfig& config,
                                         core::LoadReport& report,
                                         const core::ProgressFn& progress = {});

}  // namespace palliacarte::analysis
