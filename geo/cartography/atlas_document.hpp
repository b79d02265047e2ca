#pragma once
// atlas.pdf, the document for the committee: a cover, the report's summary (its opening,
// synthesis and 2SFCA sections), per analysed type its coverage map and its catchment map,
// then the rest of the report (communes to look at first, territory indicators, where next,
// what loading flagged, method, sources), « page N / M » on every page after the cover.
#include <string>

#include "cartography/coverage_map_inputs.hpp"
#include "cartography/paper_size.hpp"

namespace palliacarte::cartography {

/// @brief How many pages the atlas has, and where each part starts (1-based), for the tests.
struct AtlasContents {
    std::size_t pages = 0;
    std::size_t first_map = 0;  ///< the first type's coverage map
    std::size_t annexes = 0;    ///< the report's sections after the maps
};

/// @param report report.md as `analyze` writes it. @throws DataError naming the file.
AtlasContents write_atlas(const std::string& path, PaperSize paper, const CoverageMapInputs& in,
                          const std::string& report);

}  // namespace palliacarte::cartography
