#pragma once
// Files published under a new name each month (FINESS+: finess-activites-mensuel-202610.json.gz)
// have no fixed address: the dataset's data.gouv.fr API document lists its resources, and the
// newest whose title matches is the one to fetch.
#include <string>

namespace palliacarte::fetch {

struct LatestResource {
    std::string title, url;
};

/// @brief Among the `resources` of a data.gouv.fr dataset document (API v1, JSON text), the one
/// whose title matches `title_pattern` (ECMAScript) and sorts last (the titles carry the date).
/// @throws DataError naming `api_url` when the document is not one or nothing matches.
LatestResource latest_resource(const std::string& api_json, const std::string& title_pattern,
                               const std::string& api_url);

}  // namespace palliacarte::fetch
