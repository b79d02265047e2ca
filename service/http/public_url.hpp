#pragma once
// The service's public base URL and the Host names it answers for. Links (next, self,
// alternate…) are built from the public URL only, never from a request's Host header: a cached
// answer is then the same for everyone, and no client can make others follow links elsewhere.
// The Host check (421 otherwise) refuses requests meant for another site, such as a web page
// reaching a loopback service by DNS rebinding.
#include <cstdint>
#include <string>
#include <vector>

namespace palliacarte::http {

struct PublicUrl {
    std::string base;  ///< "http://127.0.0.1:8080", "https://carte.example.fr/pc": no final '/'
    std::vector<std::string> hosts;  ///< accepted Host names, lower case (any port)
    bool check_host = true;          ///< false on a wildcard bind without a configured URL
};

/// @brief The public URL from `--public-url` (empty: from the bound address and real port).
/// @throws std::invalid_argument for a URL that is not http(s)://host[:port][/path].
PublicUrl make_public_url(const std::string& configured, const std::string& bound_host,
                          std::uint16_t port);

enum class HostVerdict { ok, missing, misdirected };

/// @brief Whether a request's Host header names this service. An HTTP/1.1 request must have
/// one (RFC 9112 §3.2); HTTP/1.0 clients may omit it.
HostVerdict check_host(const PublicUrl& url, const std::string& host_header, bool http11);

}  // namespace palliacarte::http
