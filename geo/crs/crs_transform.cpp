#include "crs/crs_transform.hpp"

#include <proj.h>

#include <cmath>
#include <map>
#include <utility>

#include "core/errors.hpp"

namespace palliacarte::crs {

std::string epsg_string(int epsg) {
    return "EPSG:" + std::to_string(epsg);
}

const CrsTransform& CrsTransform::for_this_thread(const std::string& from, const std::string& to) {
    thread_local std::map<std::pair<std::string, std::string>, CrsTransform> built;
    const auto key = std::pair{from, to};
    auto it = built.find(key);
    if (it == built.end()) it = built.emplace(key, CrsTransform(from, to)).first;
    return it->second;
}

CrsTransform::CrsTransform(const std::string& from, const std::string& to) : from_(from), to_(to) {
    identity_ = from == to;
    if (identity_) return;
    ctx_ = proj_context_create();
    PJ* raw = proj_create_crs_to_crs(ctx_, from.c_str(), to.c_str(), nullptr);
    if (!raw) {
        const std::string why = proj_context_errno_string(ctx_, proj_context_errno(ctx_));
        release();
        throw core::ConfigError("cannot build a transformation from " + from + " to " + to + ": " +
                                why);
    }
    pj_ = proj_normalize_for_visualization(ctx_, raw);
    proj_destroy(raw);
    if (!pj_) {
        release();
        throw core::ConfigError("cannot normalise axis order for " + from + " -> " + to);
    }
}

CrsTransform::~CrsTransform() {
    release();
}

void CrsTransform::release() noexcept {
    if (pj_) proj_destroy(pj_);
    if (ctx_) proj_context_destroy(ctx_);
    pj_ = nullptr;
    ctx_ = nullptr;
}

CrsTransform::CrsTransform(CrsTransform&& o) noexcept
    : ctx_(std::exchange(o.ctx_, nullptr)),
      pj_(std::exchange(o.pj_, nullptr)),
      identity_(o.identity_),
      from_(std::move(o.from_)),
      to_(std::move(o.to_)) {}

CrsTransform& CrsTransform::operator=(CrsTransform&& o) noexcept {
    if (this != &o) {
        release();
        ctx_ = std::exchange(o.ctx_, nullptr);
        pj_ = std::exchange(o.pj_, nullptr);
        identity_ = o.identity_;
        from_ = std::move(o.from_);
        to_ = std::move(o.to_);
    }
    return *this;
}

std::size_t CrsTransform::transform(double* x, double* y, std::size_t count,
                                    std::size_t stride) const {
    if (identity_ || count == 0) return 0;
    proj_trans_generic(pj_, PJ_FWD, x, stride, count, y, stride, count, nullptr, 0, 0, nullptr, 0,
                       0);
    std::size_t failed = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double xv =
            *reinterpret_cast<const double*>(reinterpret_cast<const char*>(x) + i * stride);
        const double yv =
            *reinterpret_cast<const double*>(reinterpret_cast<const char*>(y) + i * stride);
        failed += !(std::isfinite(xv) && std::isfinite(yv) && xv != HUGE_VAL && yv != HUGE_VAL);
    }
    return failed;
}

std::size_t CrsTransform::transform(model::MultiPolygon& mp) const {
    std::size_t failed = 0;
    auto ring = [&](model::Ring& r) {
        if (!r.empty()) failed += transform(&r[0].x, &r[0].y, r.size(), sizeof(model::Point));
    };
    for (auto& poly : mp) {
        ring(poly.outer());
        for (auto& inner : poly.inners()) ring(inner);
    }
    return failed;
}

bool CrsTransform::transform(double& x, double& y) const {
    return transform(&x, &y, 1, sizeof(double)) == 0;
}

}  // namespace palliacarte::crs
