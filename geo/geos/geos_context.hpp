#pragma once
// RAII over the GEOS C API (reentrant functions). The C API is the stable one; GEOS's C++ API
// changes between versions. One context per thread.
#include <geos_c.h>

#include <memory>
#include <string>

#include "model/geometry.hpp"

namespace palliacarte::geos {

class GeosContext;

/// @brief Deleter that knows the context a geometry was created in.
struct GeosGeometryDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(handle, g);
    }
};
using GeosGeometry = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

/// @brief Owns a GEOS context; collects GEOS's last error message instead of printing it.
class GeosContext {
  public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return handle_; }
    GeosGeometry wrap(GEOSGeometry* g) const { return GeosGeometry(g, {handle_}); }
    const std::string& last_error() const { return *last_error_; }

    /// @brief Our multipolygon as a GEOS geometry.
    GeosGeometry to_geos(const model::MultiPolygon& mp) const;
    /// @brief The polygonal parts of any GEOS geometry (lines and points from a collapse are
    /// dropped), as a corrected (oriented, closed) multipolygon.
    model::MultiPolygon to_multipolygon(const GEOSGeometry* g) const;
    /// @brief Computes now the envelopes GEOS caches lazily in `g` and every part and ring of it.
    /// GEOS writes that cache on first read, so two threads reading one geometry race (and
    /// leak an envelope) unless it is filled before the geometry is shared.
    void cache_envelopes(const GEOSGeometry* g) const;

  private:
    static void on_error(const char* message, void* userdata);
    GEOSContextHandle_t handle_ = nullptr;
    // GEOS writes errors from inside calls made through a `const GeosContext` (the contexts
    // the analysis declares const): the message lives in its own heap object, which is never
    // const, so that write is defined behaviour.
    std::unique_ptr<std::string> last_error_ = std::make_unique<std::string>();
};

}  // namespace palliacarte::geos
