#include "on_demand/scenario_request.hpp"

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "http/request_params.hpp"

namespace palliacarte::on_demand {

using http::ProblemError;
using nlohmann::json;

namespace {

// nlohmann's messages are English and name its internals: say where the body went wrong, and
// why when the reason is ours (nested too deep).
std::string unreadable_body(const json::exception& e) {
    if (core::is_too_deep(e)) return "corps illisible : " + core::too_deep_reason(e);
    if (const auto* p = dynamic_cast<const json::parse_error*>(&e))
        return "corps illisible : pas du JSON valide (vers l'octet " + std::to_string(p->byte) +
               ")";
    return "corps illisible : pas du JSON valide";
}

ProblemError invalid(const std::string& detail) {
    return ProblemError(400, "JSON invalide", detail);
}

json parse_body(const std::string& body, const std::string& content_type) {
    if (body.size() > kMaxBodyBytes)
        throw ProblemError(
            413, "Requête trop volumineuse",
            "le corps d'un scénario est limité à " + std::to_string(kMaxBodyBytes) + " octets");
    const std::string type = http::media_type(content_type);
    if (type != "application/json")
        throw ProblemError(415, "Type de contenu non pris en charge",
                           "le corps du scénario s'envoie en Content-Type: application/json" +
                               (type.empty() ? std::string() : " (reçu " + type + ")"));
    json doc;
    try {
        doc = core::parse_bounded_json(body);
    } catch (const json::exception& e) {
        throw invalid(unreadable_body(e));
    }
    if (!doc.is_object()) throw invalid("corps : un objet JSON est attendu");
    for (const auto& [k, v] : doc.items())
        if (k != "added" && k != "removed")
            throw invalid("corps : membre inconnu « " + k + " » (attendus : added, removed)");
    return doc;
}

ScenarioRequest::Added parse_added(const json& a, std::size_t i) {
    const std::string where = "added[" + std::to_string(i) + "]";
    if (!a.is_object() || !a.contains("type") || !a["type"].is_string() || !a.contains("lon") ||
        !a["lon"].is_number() || !a.contains("lat") || !a["lat"].is_number())
        throw invalid(where + " : attendu {\"type\": \"HAD\", \"lon\": …, \"lat\": …}");
    return {a["type"].get<std::string>(),
            checked_lonlat(a["lon"].get<double>(), a["lat"].get<double>(), where), where};
}

}  // namespace

ScenarioRequest parse_scenario_request(const std::string& body, const std::string& content_type) {
    const json doc = parse_body(body, content_type);
    static const json kNone = json::array();
    const json& added = doc.contains("added") ? doc["added"] : kNone;
    const json& removed = doc.contains("removed") ? doc["removed"] : kNone;
    if (!added.is_array() || !removed.is_array())
        throw invalid("corps : added et removed doivent être des tableaux");
    if (added.size() > kMaxAdded || removed.size() > kMaxRemoved)
        throw ProblemError(413, "Scénario trop grand",
                           "au plus " + std::to_string(kMaxAdded) + " structures ajoutées et " +
                               std::to_string(kMaxRemoved) + " retirées par scénario");
    if (added.empty() && removed.empty())
        throw ProblemError(400, "Scénario vide", "corps : rien d'ajouté ni de retiré");
    ScenarioRequest r;
    for (std::size_t i = 0; i < added.size(); ++i) r.added.push_back(parse_added(added[i], i));
    for (const auto& id : removed) {
        if (!id.is_string()) throw invalid("removed : les identifiants sont des chaînes");
        r.removed.push_back(id.get<std::string>());
    }
    return r;
}

}  // namespace palliacarte::on_demand
