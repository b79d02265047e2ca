#pragma once
// The service's own view of a request and a response, independent of Pistache: the OGC API and
// the analysis endpoints are plain functions of HttpRequest → HttpResponse, testable without a
// socket; http_server.cpp adapts Pistache to them and adds what every response needs (ETag,
// gzip, CORS, HEAD, logging).
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace palliacarte::http {

struct HttpRequest {
    std::string method;                          ///< "GET", "HEAD", "POST", …
    std::string path;                            ///< decoded, without the query
    std::map<std::string, std::string> query;    ///< decoded parameters
    std::map<std::string, std::string> headers;  ///< names in lower case
    std::string body;
    std::string base_url;  ///< the service's public URL (no final '/'), for links
    bool http11 = true;    ///< HTTP/1.1 (false: HTTP/1.0)

    const std::string* param(const std::string& name) const {
        auto it = query.find(name);
        return it == query.end() ? nullptr : &it->second;
    }
    std::string header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// @brief Receives a streamed body piece by piece.
using ChunkSink = std::function<void(std::string_view)>;

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Large bodies (whole layers) are produced piece by piece instead of into `body`.
    std::function<void(const ChunkSink&)> stream;
    /// Entity tag of the representation (before compression), quoted; empty: none.
    std::string etag;
    /// Seconds clients may reuse the response (Cache-Control max-age); 0: no-cache.
    int max_age = 0;
};

/// @brief An error answered as application/problem+json (RFC 7807).
struct ProblemError : std::runtime_error {
    ProblemError(int status, std::string title, std::string detail)
        : std::runtime_error(detail), status(status), title(std::move(title)) {}
    int status;
    std::string title;
    std::vector<std::string> allow;  ///< for 405
};

/// @brief The problem+json response for an error.
HttpResponse problem_response(int status, const std::string& title, const std::string& detail);

/// @brief Methods a path answers; a request with another method gets 405 with Allow.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace palliacarte::http
