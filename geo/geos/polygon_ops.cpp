#include "geos/polygon_ops.hpp"

#include <boost/geometry.hpp>

namespace palliacarte::geos {

ValidityOutcome make_valid(const GeosContext& geos, GeosGeometry& geometry) {
    ValidityOutcome out;
    const auto h = geos.handle();
    if (GEOSisValid_r(h, geometry.get()) == 1) return out;
    out.was_valid = false;
    if (char* why = GEOSisValidReason_r(h, geometry.get())) {
        out.reason = why;
        GEOSFree_r(h, why);
    }
    GeosGeometry fixed = geos.wrap(GEOSMakeValid_r(h, geometry.get()));
    if (!fixed) return out;
    // MakeValid may return a collection with lines/points from collapsed parts: keep the area.
    const model::MultiPolygon polygonal = geos.to_multipolygon(fixed.get());
    geometry = geos.to_geos(polygonal);
    out.repaired = geometry && GEOSisValid_r(h, geometry.get()) == 1;
    return out;
}

model::MultiPolygon clip_to(const GeosContext& geos, const model::MultiPolygon& area,
                            const GEOSGeometry* outline) {
    if (area.empty()) return area;
    GeosGeometry g = geos.to_geos(area);
    GeosGeometry cut = geos.wrap(GEOSIntersection_r(geos.handle(), g.get(), outline));
    return cut ? geos.to_multipolygon(cut.get()) : area;
}

OutlineClip::OutlineClip(const GeosContext& geos, const model::MultiPolygon& outline)
    : geos_(geos), outline_(geos.to_geos(outline)) {
    if (outline_) prepared_ = GEOSPrepare_r(geos_.handle(), outline_.get());
}

OutlineClip::~OutlineClip() {
    if (prepared_) GEOSPreparedGeom_destroy_r(geos_.handle(), prepared_);
}

model::MultiPolygon OutlineClip::clip(const model::MultiPolygon& area) const {
    if (area.empty() || !outline_) return area;
    model::Box box;
    boost::geometry::envelope(area, box);
    const auto h = geos_.handle();
    const GeosGeometry r = geos_.wrap(GEOSGeom_createRectangle_r(
        h, box.min_corner().x, box.min_corner().y, box.max_corner().x, box.max_corner().y));
    if (prepared_ && r && GEOSPreparedContainsProperly_r(h, prepared_, r.get()) == 1)
        return area;  // inland: nothing to cut
    // The outline around the area only: an intersection with the whole coast costs its
    // every vertex.
    const GeosGeometry near = geos_.wrap(
        GEOSClipByRect_r(h, outline_.get(), box.min_corner().x - 1, box.min_corner().y - 1,
                         box.max_corner().x + 1, box.max_corner().y + 1));
    if (!near) return clip_to(geos_, area, outline_.get());
    return clip_to(geos_, area, near.get());
}

GeosGeometry union_all(const GeosContext& geos, std::vector<GeosGeometry> parts) {
    const auto h = geos.handle();
    if (parts.size() == 1) return std::move(parts.front());
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());  // ownership moves into the collection
    GeosGeometry collection = geos.wrap(GEOSGeom_createCollection_r(
        h, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned int>(raw.size())));
    return geos.wrap(GEOSUnaryUnion_r(h, collection.get()));
}

GeosGeometry coverage_union(const GeosContext& geos, std::vector<GeosGeometry> parts) {
    const auto h = geos.handle();
    if (parts.size() == 1) return std::move(parts.front());
    // Keep copies: if the parts do not form a clean coverage, fall back to the full union.
    std::vector<GEOSGeometry*> raw, copies;
    for (auto& p : parts) {
        copies.push_back(GEOSGeom_clone_r(h, p.get()));
        raw.push_back(p.release());
    }
    GeosGeometry collection = geos.wrap(GEOSGeom_createCollection_r(
        h, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned int>(raw.size())));
    GeosGeometry fast = geos.wrap(GEOSCoverageUnion_r(h, collection.get()));
    if (fast && GEOSisValid_r(h, fast.get()) == 1) {
        for (auto* c : copies) GEOSGeom_destroy_r(h, c);
        return fast;
    }
    std::vector<GeosGeometry> again;
    for (auto* c : copies) again.push_back(geos.wrap(c));
    return union_all(geos, std::move(again));
}

}  // namespace palliacarte::geos
