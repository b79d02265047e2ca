#pragma once
// RAII over a PROJ context and transformation. Each instance owns its own PJ_CONTEXT, so an
// instance may be used by one thread at a time and several threads may each hold one.
#include <cstddef>
#include <string>

#include "model/geometry.hpp"

struct pj_ctx;
struct PJconsts;

namespace palliacarte::crs {

/// @brief "EPSG:2154" for 2154.
std::string epsg_string(int epsg);

/// @brief Coordinate transformation between two CRS, always in x=east/longitude, y=north/latitude
/// order (the order GDAL hands geometries over in), whatever the CRS's official axis order.
class CrsTransform {
  public:
    /// @param from, to anything PROJ understands: "EPSG:4326", "OGC:CRS84", WKT, PROJJSON.
    /// @throws ConfigError if PROJ cannot build the transformation.
    CrsTransform(const std::string& from, const std::string& to);
    ~CrsTransform();
    CrsTransform(CrsTransform&& other) noexcept;
    CrsTransform& operator=(CrsTransform&& other) noexcept;
    CrsTransform(const CrsTransform&) = delete;
    CrsTransform& operator=(const CrsTransform&) = delete;

    /// @brief The transformation from → to of the calling thread, built on its first use and
    /// kept: building one queries PROJ's database (a third of an on-demand catchment's time
    /// when each request built two). PROJ objects are not shared across threads.
    static const CrsTransform& for_this_thread(const std::string& from, const std::string& to);

    /// @brief Transforms `count` points in place; x and y are `stride` bytes apart from one point
    /// to the next. Returns how many points failed (set to HUGE_VAL by PROJ).
    std::size_t transform(double* x, double* y, std::size_t count, std::size_t stride) const;
    /// @brief One point; false if it cannot be transformed.
    bool transform(double& x, double& y) const;
    /// @brief Every ring of `mp` in place. Returns how many points failed.
    std::size_t transform(model::MultiPolygon& mp) const;

    bool is_identity() const { return identity_; }
    const std::string& from() const { return from_; }
    const std::string& to() const { return to_; }

  private:
    void release() noexcept;
    pj_ctx* ctx_ = nullptr;
    PJconsts* pj_ = nullptr;
    bool identity_ = false;
    std::string from_, to_;
};

}  // namespace palliacarte::crs
