#include "http/http_message.hpp"

#include <nlohmann/json.hpp>

namespace palliacarte::http {

HttpResponse problem_response(int status, const std::string& title, const std::string& detail) {
    HttpResponse r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body =
        nlohmann::json{
            {"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}}
            // A detail quoting the request may hold bytes that are not UTF-8: replaced,
            // since an error answer must never fail to be written.
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

}  // namespace palliacarte::http
