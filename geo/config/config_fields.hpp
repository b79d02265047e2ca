#pragma once
// Reading one value of a config section, for both config parsers (territory and analysis): a
// value of the wrong type or out of range is a ConfigError naming the JSON path, what was
// expected and what was found, worded like the schema check's messages (config_schema.hpp).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace palliacarte::config {

/// @brief "analysis.coverage" + "declared_area_covers" → "analysis.coverage.declared_area_covers".
std::string config_key(const std::string& where, const std::string& key);

/// @brief A parser's message placed in its file, worded as the schema check's:
/// « `crs` : … » → « `crs` dans FILE : … »; other messages → « FILE : … ».
std::string in_config_file(const std::string& file, const std::string& message);

/// @brief Throws ConfigError « `where.key` : message ».
[[noreturn]] void config_fail(const std::string& where, const std::string& key,
                              const std::string& message);

std::string field_text(const nlohmann::json& j, const std::string& key,
                       const std::string& fallback = {}, const std::string& where = {});
std::vector<std::string> field_texts(const nlohmann::json& j, const std::string& key,
                                     const std::string& where = {});
double field_number(const nlohmann::json& j, const std::string& key, double fallback,
                    const std::string& where = {});
bool field_bool(const nlohmann::json& j, const std::string& key, bool fallback,
                const std::string& where = {});
/// @brief A number within [min, max] (inclusive).
double field_number_in(const nlohmann::json& j, const std::string& key, double fallback, double min,
                       double max, const std::string& where = {});

}  // namespace palliacarte::config
