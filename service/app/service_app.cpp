#include "app/service_app.hpp"

#include "on_demand/analysis_api.hpp"

namespace palliacarte::app {

http::Route ServiceApp::route(const std::string& path) const {
    if (path == "/" || path == "/conformance" || path == "/api" || path == "/collections" ||
        path.rfind("/collections/", 0) == 0)
        return {{"GET"}, false};
    // Catchments and scenarios search the road graph: off the serving threads.
    if (path == "/analysis/catchment") return {{"GET"}, true};
    if (path == "/analysis/scenario") return {{"POST"}, true};
    if (path.rfind("/analysis/communes/", 0) == 0) return {{"GET"}, false};
    return {};
}

http::HttpResponse ServiceApp::handle(const http::HttpRequest& r) const {
    if (auto answer = d_.ogc->handle(r)) return std::move(*answer);
    if (auto answer = analysis_api::handle(d_, r)) return std::move(*answer);
    throw http::ProblemError(404, "Introuvable",
                             "no resource at " + r.path + " (start at / for the links)");
}

}  // namespace palliacarte::app
