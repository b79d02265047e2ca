#include "http/public_url.hpp"

#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "http/request_params.hpp"

namespace palliacarte::http {

namespace {

bool is_wildcard(const std::string& host) {
    return host == "0.0.0.0" || host == "::" || host == "[::]" || host.empty();
}

std::string machine_name() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || !name[0]) return "localhost";
    return name;
}

// The host name of an authority ("Example.fr:8080" → "example.fr", "[::1]:80" → "[::1]").
std::string host_name(const std::string& authority) {
    std::string host = authority;
    const auto bracket = host.rfind(']');
    const auto colon = host.rfind(':');
    if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket))
        host.erase(colon);
    return lower_ascii(host);
}

}  // namespace

PublicUrl make_public_url(const std::string& configured, const std::string& bound_host,
                          std::uint16_t port) {
    PublicUrl u;
    const std::string p = std::to_string(port);
    u.hosts = {"127.0.0.1", "localhost", "[::1]"};
    if (!is_wildcard(bound_host)) u.hosts.push_back(host_name(bound_host));
    if (configured.empty()) {
        const std::string host = is_wildcard(bound_host) ? machine_name() : bound_host;
        u.base = "http://" + host + ":" + p;
        u.check_host = !is_wildcard(bound_host);
        return u;
    }
    const bool https = configured.rfind("https://", 0) == 0;
    if (!https && configured.rfind("http://", 0) != 0)
        throw std::invalid_argument("the public URL must start with http:// or https:// (got '" +
                                    configured + "')");
    if (configured.find_first_of("?# \t") != std::string::npos)
        throw std::invalid_argument("the public URL must have no query, fragment or space");
    const std::size_t start = https ? 8 : 7;
    const std::size_t slash = configured.find('/', start);
    const std::string authority = configured.substr(start, slash - start);
    if (authority.empty()) throw std::invalid_argument("the public URL has no host name");
    u.base = configured;
    while (u.base.size() > start && u.base.back() == '/') u.base.pop_back();
    u.hosts.push_back(host_name(authority));
    return u;
}

HostVerdict check_host(const PublicUrl& url, const std::string& host_header, bool http11) {
    if (host_header.empty()) return http11 ? HostVerdict::missing : HostVerdict::ok;
    if (!url.check_host) return HostVerdict::ok;
    // Host names only: behind a reverse proxy the port clients use is not the service's, and
    // what the check stops (a page of another site reaching the service) changes the name.
    const std::string host = host_name(host_header);
    return std::find(url.hosts.begin(), url.hosts.end(), host) != url.hosts.end()
               ? HostVerdict::ok
               : HostVerdict::misdirected;
}

}  // namespace palliacarte::http
