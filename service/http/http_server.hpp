#pragma once
// The HTTP server: Pistache underneath, the service's handler on top. What every response
// needs is done here, once: CORS, ETag / If-None-Match → 304, Cache-Control, gzip when the
// client accepts it (fast answers kept in response_cache.hpp), HEAD, OPTIONS pre-flight,
// problem+json for errors, a log line per request. Requests the route marks slow (analysis)
// run on worker_pool.hpp, so the reactor threads keep serving layers meanwhile.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace palliacarte::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;        ///< 0: any free port (see HttpServer::port())
    int threads = 2;                  ///< Pistache reactor threads (serving)
    int analysis_threads = 1;         ///< worker threads for slow requests
    std::size_t max_queued_slow = 8;  ///< slow requests waiting beyond this get 503
    /// A slow request still waiting after this gets 503 instead of running.
    std::chrono::milliseconds max_slow_wait{20000};
    std::size_t max_body_bytes = 1 << 20;
    std::ostream* log = nullptr;  ///< one line per request; null: no log
    /// Base of every link the service writes ("https://carte.ars.example/palliacarte"): links
    /// never come from the request's Host, so no request can change what others are sent.
    /// Empty: http://HOST:PORT of the bound address (the machine's name on a wildcard bind).
    std::string public_url;
    /// Connections idle this long between requests are closed; a request head or body that
    /// takes longer than its timeout gets 408 (slow clients cannot hold sockets for ever).
    std::chrono::milliseconds keepalive_timeout{15000};
    std::chrono::milliseconds header_timeout{10000};
    std::chrono::milliseconds body_timeout{30000};
    /// The version of the data answered from, part of every response cache key, so that
    /// answers of data served before and after a reload are never mixed. Empty: one version.
    std::function<std::int64_t()> data_version;
};

/// @brief Decides, for a path, which methods it answers (for 405 + Allow) and whether it is
/// slow (run off the reactor threads).
struct Route {
    std::vector<std::string> methods;  ///< empty: unknown path (the handler answers 404)
    bool slow = false;
};

class HttpServer {
  public:
    HttpServer(ServerOptions options, std::function<Route(const std::string& path)> route,
               Handler handler);
    ~HttpServer();
    /// @brief Binds and starts serving on background threads. @throws std::runtime_error.
    void start();
    /// @brief Stops accepting, lets running requests finish, joins the threads.
    void shutdown();
    std::uint16_t port() const;
    /// @brief The base of links, without a trailing slash (known once started).
    std::string public_url() const;

    struct Impl;  // internal (public only so the Pistache handler in the .cpp can reach it)

  private:
    std::unique_ptr<Impl> impl_;
};

/// @brief Percent-decoding ('+' as space when `plus_is_space`); malformed escapes kept as is.
std::string url_decode(std::string_view text, bool plus_is_space);

}  // namespace palliacarte::http
