#pragma once
// A JSON Schema validator for the subset our config schema uses (draft 2020-12 keywords: type,
// properties, required, additionalProperties, items, enum, minimum/maximum and their exclusive
// forms, minItems, minLength, $ref to #/$defs). Debian ships no C++ validator; this one says
// what a planner needs to read: the JSON path, what was expected, what was found, and — for an
// unknown key — the valid key it most likely meant, even when it belongs to another section.
// A schema using any other keyword is refused when loaded, so nothing in it is silently ignored.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace palliacarte::config {

/// @brief One place where a document breaks its schema.
struct SchemaViolation {
    enum class Kind { unknown_key, missing_key, wrong_type, out_of_range, not_allowed };
    Kind kind;
    std::string path;     ///< "analysis.coverage.declared_area_covers", "structures[0].select[1]"
    std::string message;  ///< in French, without the path or the file
};

class JsonSchema {
  public:
    /// @throws std::invalid_argument for a keyword this validator does not implement.
    explicit JsonSchema(nlohmann::json schema);

    /// @brief Every violation, in document order (a value of the wrong type is not looked into).
    std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

    /// @brief Every property path the schema defines ("analysis.where_next.k",
    /// "structures[].select[].type"), for "did you mean" and for the README check.
    const std::vector<std::string>& property_paths() const { return paths_; }

  private:
    const nlohmann::json& resolve(const nlohmann::json& node) const;
    void check_keywords(const nlohmann::json& node, const std::string& where) const;
    void collect_paths(const nlohmann::json& node, const std::string& prefix, int depth);
    void validate(const nlohmann::json& node, const nlohmann::json& value, const std::string& path,
                  std::vector<SchemaViolation>& out) const;
    std::string unknown_key_message(const nlohmann::json& node, const std::string& parent,
                                    const std::string& key) const;

    nlohmann::json schema_;
    std::vector<std::string> paths_;
};

/// @brief How a planner reads a JSON value in a message: « la chaîne "yes" », « le nombre 2,7 ».
/// @brief A number as the config messages write it: 2.7, 1000, 0.5.
std::string schema_number_text(double v);

std::string describe_json_value(const nlohmann::json& value);

}  // namespace palliacarte::config
