#pragma once
// Polygon operations: validity check with repair, clipping, union of parts.
#include <string>
#include <vector>

#include "geos/geos_context.hpp"

namespace palliacarte::geos {

/// @brief What validation found and did.
struct ValidityOutcome {
    bool was_valid = true;
    std::string reason;  ///< GEOS's reason when invalid, e.g. "Ring Self-intersection[...]"
    bool repaired = false;
};

/// @brief Checks `geometry`; if invalid, replaces it by GEOS MakeValid's result (polygonal parts
/// only). `repaired` is false only if GEOS could not repair it (geometry then left as is).
ValidityOutcome make_valid(const GeosContext& geos, GeosGeometry& geometry);

/// @brief Clips many areas to one outline (a territory's coast and border): an area whose box
/// lies inside the outline is kept as it is (a prepared-geometry test), the others are cut by
/// the outline's part around their box only. One per thread, like its GeosContext.
class OutlineClip {
  public:
    OutlineClip(const GeosContext& geos, const model::MultiPolygon& outline);
    ~OutlineClip();
    OutlineClip(const OutlineClip&) = delete;
    OutlineClip& operator=(const OutlineClip&) = delete;
    model::MultiPolygon clip(const model::MultiPolygon& area) const;

  private:
    const GeosContext& geos_;
    GeosGeometry outline_;
    const GEOSPreparedGeometry* prepared_ = nullptr;
};

/// @brief The part of `area` inside `outline` (GEOS intersection); `area` itself if GEOS fails.
model::MultiPolygon clip_to(const GeosContext& geos, const model::MultiPolygon& area,
                            const GEOSGeometry* outline);

/// @brief Union of valid polygonal geometries (consumed).
GeosGeometry union_all(const GeosContext& geos, std::vector<GeosGeometry> parts);

/// @brief Union of polygons that tile without overlapping (communes): GEOS's coverage union,
/// which only drops shared edges — 10× faster than a full union on the 35,000 communes. Falls
/// back to union_all when the result is not valid (edges that do not match exactly).
GeosGeometry coverage_union(const GeosContext& geos, std::vector<GeosGeometry> parts);

}  // namespace palliacarte::geos
