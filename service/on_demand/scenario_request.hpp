#pragma once
// POST /analysis/scenario's body as a typed request: structures added (type and position) and
// removed (ids). Size, media type and JSON shape are checked here, before any territory is
// looked at (unit-tested alone); whether the types are analysed is the run's to say.
#include <string>
#include <vector>

#include "on_demand/catchment_query.hpp"

namespace palliacarte::on_demand {

constexpr std::size_t kMaxAdded = 50;
constexpr std::size_t kMaxRemoved = 500;
constexpr std::size_t kMaxBodyBytes = 256 * 1024;

struct ScenarioRequest {
    struct Added {
        std::string type;
        LonLat position;
        std::string where;  ///< "added[2]", for messages
    };
    std::vector<Added> added;
    std::vector<std::string> removed;  ///< structure ids
};

/// @param content_type the request's Content-Type header.
/// @throws http::ProblemError: 413 (body or scenario too large), 415 (not JSON), 400 (anything
/// else), with a French detail saying where.
ScenarioRequest parse_scenario_request(const std::string& body, const std::string& content_type);

}  // namespace palliacarte::on_demand
