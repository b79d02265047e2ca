#pragma once
// What the request fuzzers share besides fuzz_input.hpp: a query string split as the server
// splits it (the HTTP layer, which the file-parser fuzzers do not link).
#include <map>
#include <string>

#include "http/http_server.hpp"
#include "http/request_params.hpp"

namespace palliacarte::fuzz {

/// @brief The parameters of a query string ("a=1&b=%C3%A9"), split and percent-decoded as the
/// server does before any handler sees them.
inline std::map<std::string, std::string> query_parameters(const std::string& text) {
    std::map<std::string, std::string> query;
    for (const auto& pair : http::split(text, '&')) {
        const auto eq = pair.find('=');
        query[http::url_decode(pair.substr(0, eq), true)] =
            eq == std::string::npos ? std::string() : http::url_decode(pair.substr(eq + 1), true);
    }
    return query;
}

}  // namespace palliacarte::fuzz
