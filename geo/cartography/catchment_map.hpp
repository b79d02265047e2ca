#pragma once
// One type's catchments as a page: the areas within 15, 30 and 45 minutes (the analysis's
// limits, nested) of the type's structures, the threshold's limit drawn over them, with the
// same header, limits, structures, scale and sources as the coverage map.
#include <string>

#include "cartography/coverage_map.hpp"

namespace palliacarte::cartography {

/// @brief « Zones desservies par une HAD : 15, 30 et 45 minutes — Corse ».
std::string catchment_map_title(const CoverageMapInputs& in, const analysis::TypeCoverage& tc);

/// @brief Draws the catchment page of `tc` (A4 landscape, points); `page` in the footer.
void draw_catchment_map(cairo_t* cr, const CoverageMapInputs& in, const analysis::TypeCoverage& tc,
                        const std::string& page = {});

}  // namespace palliacarte::cartography
