#pragma once
// The territory config's JSON Schema (data/territory-config.schema.json, compiled in) and the
// check every config goes through before it is read: unknown or misplaced keys, wrong types and
// out-of-range values all end the run with one message per problem naming file and key.
#include <string>

#include <nlohmann/json.hpp>

#include "config/json_schema.hpp"

namespace palliacarte::config {

/// @brief The schema's text as published in data/.
const char* territory_config_schema_text();

/// @brief The parsed schema (built once).
const JsonSchema& territory_config_schema();

/// @brief Validates a whole config document. @throws ConfigError listing every violation, each
/// as « clé inconnue `departement` dans F — vouliez-vous dire `departements` ? » or
/// « `structure_margin_km` dans F : doit être ≥ 0, trouvé -5 ».
void check_config_against_schema(const nlohmann::json& document, const std::string& file);

/// @brief One violation as the messages above.
std::string format_violation(const SchemaViolation& v, const std::string& file);

}  // namespace palliacarte::config
