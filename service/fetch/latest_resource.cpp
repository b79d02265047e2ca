#include "fetch/latest_resource.hpp"

#include <regex>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/errors.hpp"

namespace palliacarte::fetch {

LatestResource latest_resource(const std::string& api_json, const std::string& title_pattern,
                               const std::string& api_url) {
    nlohmann::json doc;
    try {
        doc = core::parse_bounded_json(api_json);
    } catch (const nlohmann::json::exception& e) {
        throw core::DataError(
            api_url, std::string("réponse de l'API data.gouv.fr illisible (") + e.what() + ")");
    }
    if (!doc.is_object() || !doc.contains("resources") || !doc["resources"].is_array())
        throw core::DataError(api_url, "pas un jeu de données data.gouv.fr (pas de « resources »)");
    const std::regex pattern(title_pattern, std::regex::ECMAScript);
    LatestResource best;
    for (const auto& r : doc["resources"]) {
        if (!r.is_object() || !r.contains("title") || !r["title"].is_string() ||
            !r.contains("url") || !r["url"].is_string())
            continue;
        const std::string title = r["title"].get<std::string>();
        if (!std::regex_search(title, pattern) || title <= best.title) continue;
        best = {title, r["url"].get<std::string>()};
    }
    if (best.url.empty())
        throw core::DataError(
            api_url, "aucune ressource dont le titre corresponde à « " + title_pattern + " »");
    return best;
}

}  // namespace palliacarte::fetch
