#include "http/http_message.hpp"

#include <nlohmann/json.hpp>

namespace palliacarte::http {

HttpResponse problem_response(int status, const std::string& title, const std::string& detail) {
    HttpResponse r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body = nlohmann::json{
        {"type", "about:blank"},
        {"title", title},
        {"status", status},
        {"detail",
         detail}}.dump();
    return r;
}

}  // namespace palliacarte::http
