#pragma once
// Binary cache of the population grid cut by the commune boundaries (analysis/population_points):
// the country's 370,000 cells take 12 s of GEOS overlays, the same every run while the communes
// and the grid stay. The key is a hash of what the cut reads (each commune's CRS and outline,
// each cell's square), so any change of either cuts again; a damaged or foreign file is ignored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/commune.hpp"
#include "model/population_grid.hpp"

namespace palliacarte::analysis {

/// @brief The piece of a grid cell inside one commune, before rescaling to its population.
struct CellPiece {
    std::uint32_t commune;  ///< index into the communes
    std::int32_t cell;      ///< index into the grid's cells
    model::Point position;  ///< its representative point
    double area_m2;
    double share;  ///< of the cell's area
};

/// @brief A key for cutting `cells` by the communes of CRS `epsg` (hex digest).
std::string cell_piece_cache_key(const std::vector<model::Commune>& communes, int epsg,
                                 const std::vector<model::PopulationCell>& cells);

/// @brief The cached pieces, or empty when absent, stale, unreadable or out of range.
std::optional<std::vector<CellPiece>> read_cell_pieces(const std::string& file,
                                                       const std::string& key, std::size_t communes,
                                                       std::size_t cells);

/// @brief Writes atomically (temp file + rename). Returns false (nothing left behind) on error.
bool write_cell_pieces(const std::string& file, const std::string& key,
                       const std::vector<CellPiece>& pieces);

}  // namespace palliacarte::analysis
