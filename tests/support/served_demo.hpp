#pragma once
// The Hauts-de-Seine demo as `palliacarte serve` holds it, loaded once per test binary, and a
// way to send it a request in process (no socket).
#include <map>
#include <string>

#include "serve/served_dataset.hpp"
#include "serve/service_routes.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

inline const serve::ServedDataset& served_demo() {
    static const auto d = serve::load_served_dataset(config("hauts-de-seine.json"), std::nullopt);
    return *d;
}

/// The service's answer, streamed bodies gathered, errors as the server renders them.
inline http::HttpResponse call(const std::string& method, const std::string& path,
                               std::map<std::string, std::string> query = {},
                               std::map<std::string, std::string> headers = {},
                               std::string body = "") {
    http::HttpRequest r;
    r.method = method;
    r.path = path;
    r.query = std::move(query);
    r.headers = std::move(headers);
    r.body = std::move(body);
    r.base_url = "http://test";
    const serve::ServiceRoutes service(served_demo());
    try {
        http::HttpResponse out = service.handle(r);
        if (out.stream) out.stream([&](std::string_view piece) { out.body += piece; });
        return out;
    } catch (const http::ProblemError& e) {
        return http::problem_response(e.status, e.title, e.what());
    }
}

}  // namespace palliacarte::test
