// The on-demand analyses of the 92 demo as the service routes them: a scenario body (POST
// /analysis/scenario) or a catchment query (GET /analysis/catchment), by the first byte. Only
// 4xx problems are expected; a 5xx, another exception or a crash is a bug.
#include "core/text_encoding.hpp"
#include "fuzz_input.hpp"
#include "fuzz_request.hpp"
#include "http/request_params.hpp"
#include "serve/served_dataset.hpp"
#include "serve/service_routes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    if (size == 0) return 0;
    static const auto dataset =
        serve::load_served_dataset(fuzz::data_dir() + "/hauts-de-seine.json", std::nullopt);
    static const serve::ServiceRoutes routes(*dataset);
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    http::HttpRequest r;
    r.base_url = "http://127.0.0.1:8080";
    if (data[0] % 2) {
        r.method = "POST";
        r.path = "/analysis/scenario";
        r.headers["content-type"] = "application/json";
        r.body = text;
    } else {
        r.method = "GET";
        r.path = "/analysis/catchment";
        r.query = fuzz::query_parameters(text);
        // The server refuses parameters that are not UTF-8 before any handler (http_server.cpp).
        for (const auto& [k, v] : r.query)
            if (!core::is_valid_utf8(k) || !core::is_valid_utf8(v)) return 0;
    }
    try {
        http::HttpResponse out = routes.handle(r);
        if (out.stream) out.stream([](std::string_view) {});
    } catch (const http::ProblemError& e) {
        if (e.status >= 500) throw;
    }
    return 0;
}
