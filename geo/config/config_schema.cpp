#include "config/config_schema.hpp"

#include "core/errors.hpp"

namespace palliacarte::config {

const JsonSchema& territory_config_schema() {
    static const JsonSchema schema(nlohmann::json::parse(territory_config_schema_text()));
    return schema;
}

std::string format_violation(const SchemaViolation& v, const std::string& file) {
    const std::string& name = file;
    switch (v.kind) {
        case SchemaViolation::Kind::unknown_key:
            return "clé inconnue `" + v.path + "` dans " + name + " — " + v.message;
        case SchemaViolation::Kind::missing_key:
            return "clé `" + v.path + "` manquante dans " + name + " (" + v.message + ")";
        default:
            return "`" + (v.path.empty() ? std::string("(racine)") : v.path) + "` dans " + name +
                   " : " + v.message;
    }
}

void check_config_against_schema(const nlohmann::json& document, const std::string& file) {
    const auto violations = territory_config_schema().validate(document);
    if (violations.empty()) return;
    std::string text;
    if (violations.size() > 1)
        text = std::to_string(violations.size()) + " erreurs dans " + file + " :";
    for (const auto& v : violations)
        text += (violations.size() > 1 ? "\n  - " : "") + format_violation(v, file);
    throw core::ConfigError(text);
}

}  // namespace palliacarte::config
