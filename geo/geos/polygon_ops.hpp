#pragma once
// The polygon operations loading needs: validity check with repair, and union of parts.
#include <string>
#include <vector>

#include "geos/geos_context.hpp"

namespace palliacarte {

/// @brief What validation found and did.
struct ValidityOutcome {
    bool was_valid = true;
    std::string reason;  ///< GEOS's reason when invalid, e.g. "Ring Self-intersection[...]"
    bool repaired = false;
};

/// @brief Checks `geometry`; if invalid, replaces it by GEOS MakeValid's result (polygonal parts
/// only). `repaired` is false only if GEOS could not repair it (geometry then left as is).
ValidityOutcome make_valid(const GeosContext& geos, GeosGeometry& geometry);

/// @brief Union of valid polygonal geometries (consumed).
GeosGeometry union_all(const GeosContext& geos, std::vector<GeosGeometry> parts);

}  // namespace palliacarte
