#include "geos/geos_context.hpp"

#include <stdexcept>
#include <vector>

namespace palliacarte::geos {

GeosContext::GeosContext() {
    handle_ = GEOS_init_r();
    if (!handle_) throw std::runtime_error("GEOS_init_r failed");
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, last_error_.get());
    GEOSContext_setNoticeMessageHandler_r(handle_, nullptr, nullptr);
}

GeosContext::~GeosContext() {
    GEOS_finish_r(handle_);
}

void GeosContext::on_error(const char* message, void* userdata) {
    *static_cast<std::string*>(userdata) = message ? message : "";
}

namespace {

GEOSGeometry* make_ring(GEOSContextHandle_t h, const model::Ring& ring) {
    std::vector<double> xy;
    xy.reserve(ring.size() * 2 + 2);
    for (const auto& p : ring) {
        xy.push_back(p.x);
        xy.push_back(p.y);
    }
    // GEOS wants closed rings of at least 4 points; close if needed.
    if (ring.size() >= 1 && (ring.front().x != ring.back().x || ring.front().y != ring.back().y)) {
        xy.push_back(ring.front().x);
        xy.push_back(ring.front().y);
    }
    const auto n = static_cast<unsigned int>(xy.size() / 2);
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), n, 0, 0);
    return seq ? GEOSGeom_createLinearRing_r(h, seq) : nullptr;
}

model::Ring read_ring(GEOSContextHandle_t h, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    std::vector<double> xy(static_cast<std::size_t>(n) * 2);
    if (n > 0) GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
    model::Ring out;
    out.reserve(n);
    for (unsigned int i = 0; i < n; ++i) out.push_back({xy[2 * i], xy[2 * i + 1]});
    return out;
}

void collect_polygons(GEOSContextHandle_t h, const GEOSGeometry* g, model::MultiPolygon& out) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g)) return;
        model::Polygon poly;
        poly.outer() = read_ring(h, GEOSGetExteriorRing_r(h, g));
        const int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < holes; ++i)
            poly.inners().push_back(read_ring(h, GEOSGetInteriorRingN_r(h, g, i)));
        out.push_back(std::move(poly));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collect_polygons(h, GEOSGetGeometryN_r(h, g, i), out);
    }
}

}  // namespace

GeosGeometry GeosContext::to_geos(const model::MultiPolygon& mp) const {
    std::vector<GEOSGeometry*> polys;
    polys.reserve(mp.size());
    for (const auto& poly : mp) {
        GEOSGeometry* shell = make_ring(handle_, poly.outer());
        if (!shell) continue;
        std::vector<GEOSGeometry*> holes;
        for (const auto& inner : poly.inners())
            if (GEOSGeometry* hole = make_ring(handle_, inner)) holes.push_back(hole);
        polys.push_back(GEOSGeom_createPolygon_r(handle_, shell, holes.data(),
                                                 static_cast<unsigned int>(holes.size())));
    }
    return wrap(GEOSGeom_createCollection_r(handle_, GEOS_MULTIPOLYGON, polys.data(),
                                            static_cast<unsigned int>(polys.size())));
}

model::MultiPolygon GeosContext::to_multipolygon(const GEOSGeometry* g) const {
    model::MultiPolygon out;
    if (g) collect_polygons(handle_, g, out);
    boost::geometry::correct(out);
    return out;
}

void GeosContext::cache_envelopes(const GEOSGeometry* g) const {
    if (!g) return;
    double ignored = 0;
    GEOSGeom_getXMin_r(handle_, g, &ignored);  // getEnvelopeInternal(): fills the cache
    const int type = GEOSGeomTypeId_r(handle_, g);
    if (type == GEOS_POLYGON) {
        cache_envelopes(GEOSGetExteriorRing_r(handle_, g));
        const int holes = GEOSGetNumInteriorRings_r(handle_, g);
        for (int i = 0; i < holes; ++i) cache_envelopes(GEOSGetInteriorRingN_r(handle_, g, i));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION ||
               type == GEOS_MULTILINESTRING || type == GEOS_MULTIPOINT) {
        const int n = GEOSGetNumGeometries_r(handle_, g);
        for (int i = 0; i < n; ++i) cache_envelopes(GEOSGetGeometryN_r(handle_, g, i));
    }
}

}  // namespace palliacarte::geos
