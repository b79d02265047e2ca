#include "config/config_fields.hpp"

#include "config/json_schema.hpp"
#include "core/errors.hpp"

namespace palliacarte::config {

using nlohmann::json;

namespace {

bool absent(const json& j, const std::string& key) {
    return !j.is_object() || !j.contains(key) || j[key].is_null();
}

}  // namespace

std::string config_key(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
}

std::string in_config_file(const std::string& file, const std::string& message) {
    if (!message.empty() && message[0] == '`')
        if (const auto end = message.find("` : "); end != std::string::npos)
            return message.substr(0, end + 1) + " dans " + file + message.substr(end + 1);
    return file + " : " + message;
}

void config_fail(const std::string& where, const std::string& key, const std::string& message) {
    throw core::ConfigError("`" + config_key(where, key) + "` : " + message);
}

std::string field_text(const json& j, const std::string& key, const std::string& fallback,
                       const std::string& where) {
    if (absent(j, key)) return fallback;
    if (!j[key].is_string())
        config_fail(where, key,
                    "attendu une chaîne entre guillemets, trouvé " + describe_json_value(j[key]));
    return j[key].get<std::string>();
}

std::vector<std::string> field_texts(const json& j, const std::string& key,
                                     const std::string& where) {
    std::vector<std::string> out;
    if (absent(j, key)) return out;
    if (!j[key].is_array())
        config_fail(where, key, "attendu une liste [ … ], trouvé " + describe_json_value(j[key]));
    for (const auto& v : j[key]) {
        if (!v.is_string())
            config_fail(where, key,
                        "attendu une liste de chaînes, trouvé " + describe_json_value(v));
        out.push_back(v.get<std::string>());
    }
    return out;
}

double field_number(const json& j, const std::string& key, double fallback,
                    const std::string& where) {
    if (absent(j, key)) return fallback;
    if (!j[key].is_number())
        config_fail(where, key,
                    "attendu un nombre (sans guillemets), trouvé " + describe_json_value(j[key]));
    return j[key].get<double>();
}

double field_number_in(const json& j, const std::string& key, double fallback, double min,
                       double max, const std::string& where) {
    const double v = field_number(j, key, fallback, where);
    if (!(v >= min && v <= max))
        config_fail(where, key,
                    "doit être entre " + schema_number_text(min) + " et " +
                        schema_number_text(max) + ", trouvé " + schema_number_text(v));
    return v;
}

bool field_bool(const json& j, const std::string& key, bool fallback, const std::string& where) {
    if (absent(j, key)) return fallback;
    if (!j[key].is_boolean())
        config_fail(where, key,
                    "attendu un booléen (true ou false, sans guillemets), trouvé " +
                        describe_json_value(j[key]));
    return j[key].get<bool>();
}

}  // namespace palliacarte::config
