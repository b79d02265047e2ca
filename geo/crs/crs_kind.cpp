#include "crs/crs_kind.hpp"

#include <memory>

#include <proj.h>

namespace palliacarte::crs {

CrsKind crs_kind(const std::string& crs) {
    CrsKind kind;
    std::unique_ptr<PJ_CONTEXT, decltype(&proj_context_destroy)> ctx(proj_context_create(),
                                                                     &proj_context_destroy);
    if (!ctx) return kind;
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    std::unique_ptr<PJ, decltype(&proj_destroy)> pj(proj_create(ctx.get(), crs.c_str()),
                                                    &proj_destroy);
    if (!pj) return kind;
    kind.known = true;
    if (const char* name = proj_get_name(pj.get())) kind.name = name;
    kind.projected = proj_get_type(pj.get()) == PJ_TYPE_PROJECTED_CRS;
    return kind;
}

}  // namespace palliacarte::crs
