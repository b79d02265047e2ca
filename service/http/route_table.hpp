#pragma once
// The service's paths in one table: each entry is a path pattern, its method, whether it is
// slow (run on the worker pool, off the reactor threads), its handler and its OpenAPI entry.
// The server asks the table which methods a path takes (405 + Allow for the others) and
// whether it is slow; /api lists what the table documents. An endpoint is one `add`.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/http_message.hpp"
#include "http/http_server.hpp"

namespace palliacarte::http {

/// The values of a pattern's {name} segments: "/collections/{collectionId}" matched by
/// "/collections/structures" gives {"collectionId": "structures"}.
using PathParams = std::map<std::string, std::string>;

struct RouteEntry {
    std::string pattern;  ///< "/collections/{collectionId}/items"; {name} matches one segment
    std::string method;   ///< "GET" (HEAD is answered with it) or "POST"
    bool slow = false;    ///< searches the road graph: run on the worker pool
    std::function<HttpResponse(const HttpRequest&, const PathParams&)> handler;
    /// OpenAPI path items this entry documents, keyed by path (a pattern may stand for one
    /// path per collection); empty object: undocumented.
    std::function<nlohmann::json()> openapi;
};

class RouteTable {
  public:
    void add(RouteEntry entry);
    /// @brief Methods `path` takes and whether it is slow (no methods: no such path).
    Route route(const std::string& path) const;
    /// @brief The matching entry's answer. @throws ProblemError 404 (no such path), 405.
    HttpResponse handle(const HttpRequest& request) const;
    /// @brief Every entry's OpenAPI path items, merged.
    nlohmann::json openapi_paths() const;

  private:
    const RouteEntry* match(const std::string& path, const std::string& method,
                            PathParams* params) const;
    std::vector<RouteEntry> entries_;
};

}  // namespace palliacarte::http
