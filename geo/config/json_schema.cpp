#include "config/json_schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include "config/closest_key.hpp"

namespace palliacarte::config {

using nlohmann::json;

namespace {

const std::set<std::string> kKeywords = {"$schema",
                                         "$id",
                                         "$defs",
                                         "$ref",
                                         "title",
                                         "description",
                                         "type",
                                         "properties",
                                         "required",
                                         "additionalProperties",
                                         "items",
                                         "enum",
                                         "minimum",
                                         "maximum",
                                         "exclusiveMinimum",
                                         "exclusiveMaximum",
                                         "minItems",
                                         "minLength"};

bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    if (type == "number") return value.is_number();
    if (type == "integer")
        return value.is_number_integer() ||
               (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>());
    throw std::invalid_argument("schema: unknown type '" + type + "'");
}

std::string type_name(const std::string& type) {
    if (type == "object") return "un objet { … }";
    if (type == "array") return "une liste [ … ]";
    if (type == "string") return "une chaîne entre guillemets";
    if (type == "boolean") return "un booléen (true ou false, sans guillemets)";
    if (type == "number") return "un nombre (sans guillemets)";
    if (type == "integer") return "un nombre entier";
    return type;
}

std::string child_path(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

// "structures[0].select[1]" → "structures[].select[]": the schema's view of a document path.
std::string schema_path(const std::string& path) {
    std::string out;
    bool in_index = false;
    for (const char c : path) {
        if (c == '[') {
            in_index = true;
            out += "[]";
        } else if (c == ']') {
            in_index = false;
        } else if (!in_index) {
            out += c;
        }
    }
    return out;
}

std::string parent_of(const std::string& path) {
    const auto dot = path.find_last_of('.');
    return dot == std::string::npos ? "" : path.substr(0, dot);
}

std::string last_segment(const std::string& path) {
    const auto dot = path.find_last_of('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string where_text(const std::string& parent) {
    return parent.empty() ? "à la racine du fichier" : "dans `" + parent + "`";
}

}  // namespace

std::string schema_number_text(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string describe_json_value(const json& value) {
    if (value.is_string()) return "la chaîne \"" + value.get<std::string>() + "\"";
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number()) return "le nombre " + value.dump();
    if (value.is_null()) return "null";
    if (value.is_array()) return "une liste";
    return "un objet";
}

JsonSchema::JsonSchema(json schema) : schema_(std::move(schema)) {
    check_keywords(schema_, "#");
    collect_paths(schema_, "", 0);
    std::sort(paths_.begin(), paths_.end());
    paths_.erase(std::unique(paths_.begin(), paths_.end()), paths_.end());
}

const json& JsonSchema::resolve(const json& node) const {
    if (!node.is_object() || !node.contains("$ref")) return node;
    const std::string ref = node["$ref"].get<std::string>();
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0 || !schema_["$defs"].contains(ref.substr(prefix.size())))
        throw std::invalid_argument("schema: unsupported $ref '" + ref + "'");
    return resolve(schema_["$defs"][ref.substr(prefix.size())]);
}

void JsonSchema::check_keywords(const json& node, const std::string& where) const {
    if (node.is_boolean()) return;
    if (!node.is_object()) throw std::invalid_argument("schema: " + where + " is not a schema");
    for (const auto& [k, v] : node.items()) {
        if (!kKeywords.count(k))
            throw std::invalid_argument("schema: keyword '" + k + "' at " + where +
                                        " is not implemented by palliacarte's validator");
        if (k == "properties" || k == "$defs")
            for (const auto& [name, sub] : v.items()) check_keywords(sub, where + "/" + name);
        if (k == "items" || (k == "additionalProperties" && v.is_object()))
            check_keywords(v, where + "/" + k);
        if (k == "$ref") resolve(node);
    }
}

void JsonSchema::collect_paths(const json& raw, const std::string& prefix, int depth) {
    if (depth > 12) return;
    const json& node = resolve(raw);
    if (!node.is_object()) return;
    if (node.contains("properties"))
        for (const auto& [name, sub] : node["properties"].items()) {
            const std::string p = child_path(prefix, name);
            paths_.push_back(p);
            collect_paths(sub, p, depth + 1);
        }
    if (node.contains("items")) collect_paths(node["items"], prefix + "[]", depth + 1);
}

std::string JsonSchema::unknown_key_message(const json& node, const std::string& parent,
                                            const std::string& key) const {
    std::vector<std::string> here;
    if (node.contains("properties"))
        for (const auto& [name, sub] : node["properties"].items()) here.push_back(name);
    if (const auto near = closest_key(key, here))
        return "vouliez-vous dire `" + child_path(parent, *near) + "` ?";

    // A valid key in the wrong section (crow_fly under analysis): say where it goes.
    const std::string parent_schema = schema_path(parent);
    std::vector<std::string> exact, near_elsewhere;
    for (const auto& p : paths_) {
        if (parent_of(p) == parent_schema) continue;
        const std::string name = last_segment(p);
        if (name == key)
            exact.push_back(p);
        else if (closest_key(key, {name}))
            near_elsewhere.push_back(p);
    }
    auto list = [](const std::vector<std::string>& ps) {
        std::string out;
        for (std::size_t i = 0; i < ps.size() && i < 3; ++i)
            out += (i ? ", " : "") + std::string("`") + ps[i] + "`";
        return out;
    };
    if (!exact.empty()) {
        const std::string home = parent_of(exact.front());
        return "`" + key + "` se place " + where_text(home) + ", pas " + where_text(parent) +
               (exact.size() > 1 ? " (ailleurs aussi : " + list(exact) + ")" : "");
    }
    if (!near_elsewhere.empty())
        return "vouliez-vous dire " + list(near_elsewhere) + " (une autre section) ?";
    std::sort(here.begin(), here.end());
    std::string valid;
    for (const auto& h : here) valid += (valid.empty() ? "" : ", ") + h;
    return "clés possibles " + where_text(parent) + " : " + valid;
}

void JsonSchema::validate(const json& raw, const json& value, const std::string& path,
                          std::vector<SchemaViolation>& out) const {
    const json& node = resolve(raw);
    if (node.is_boolean()) {
        if (!node.get<bool>())
            out.push_back({SchemaViolation::Kind::unknown_key, path, "clé non prévue"});
        return;
    }
    if (node.contains("type")) {
        std::vector<std::string> types;
        if (node["type"].is_string())
            types.push_back(node["type"].get<std::string>());
        else
            types = node["type"].get<std::vector<std::string>>();
        if (std::none_of(types.begin(), types.end(),
                         [&](const std::string& t) { return has_type(value, t); })) {
            std::string expected;
            for (const auto& t : types) expected += (expected.empty() ? "" : " ou ") + type_name(t);
            out.push_back({SchemaViolation::Kind::wrong_type, path,
                           "attendu " + expected + ", trouvé " + describe_json_value(value)});
            return;
        }
    }
    if (node.contains("enum")) {
        const auto& allowed = node["enum"];
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            std::vector<std::string> names;
            std::string list;
            for (const auto& a : allowed) {
                names.push_back(a.is_string() ? a.get<std::string>() : a.dump());
                list += (list.empty() ? "" : ", ") + names.back();
            }
            std::string message =
                describe_json_value(value) + " n'est pas une valeur permise (" + list + ")";
            if (value.is_string())
                if (const auto near = closest_key(value.get<std::string>(), names))
                    message += " — vouliez-vous dire \"" + *near + "\" ?";
            out.push_back({SchemaViolation::Kind::not_allowed, path, message});
            return;
        }
    }
    if (value.is_number()) {
        const double v = value.get<double>();
        auto bound = [&](const char* key, bool ok, const char* op) {
            if (node.contains(key) && !ok)
                out.push_back({SchemaViolation::Kind::out_of_range, path,
                               std::string("doit être ") + op + " " +
                                   schema_number_text(node[key].get<double>()) + ", trouvé " +
                                   value.dump()});
        };
        bound("minimum", !node.contains("minimum") || v >= node["minimum"].get<double>(), "≥");
        bound("exclusiveMinimum",
              !node.contains("exclusiveMinimum") || v > node["exclusiveMinimum"].get<double>(),
              ">");
        bound("maximum", !node.contains("maximum") || v <= node["maximum"].get<double>(), "≤");
        bound("exclusiveMaximum",
              !node.contains("exclusiveMaximum") || v < node["exclusiveMaximum"].get<double>(),
              "<");
    }
    if (value.is_string() && node.contains("minLength") &&
        value.get<std::string>().size() < node["minLength"].get<std::size_t>())
        out.push_back({SchemaViolation::Kind::out_of_range, path, "ne doit pas être vide"});
    if (value.is_array()) {
        if (node.contains("minItems") && value.size() < node["minItems"].get<std::size_t>())
            out.push_back(
                {SchemaViolation::Kind::out_of_range, path, "la liste ne doit pas être vide"});
        if (node.contains("items"))
            for (std::size_t i = 0; i < value.size(); ++i)
                validate(node["items"], value[i], path + "[" + std::to_string(i) + "]", out);
    }
    if (value.is_object()) {
        if (node.contains("required"))
            for (const auto& r : node["required"])
                if (!value.contains(r.get<std::string>()))
                    out.push_back({SchemaViolation::Kind::missing_key,
                                   child_path(path, r.get<std::string>()),
                                   "clé obligatoire absente " + where_text(path)});
        for (const auto& [key, v] : value.items()) {
            const std::string p = child_path(path, key);
            if (node.contains("properties") && node["properties"].contains(key)) {
                validate(node["properties"][key], v, p, out);
            } else if (node.contains("additionalProperties")) {
                const json& extra = node["additionalProperties"];
                if (extra.is_boolean() && !extra.get<bool>())
                    out.push_back({SchemaViolation::Kind::unknown_key, p,
                                   unknown_key_message(node, path, key)});
                else
                    validate(extra, v, p, out);
            }
        }
    }
}

std::vector<SchemaViolation> JsonSchema::validate(const json& document) const {
    std::vector<SchemaViolation> out;
    validate(schema_, document, "", out);
    return out;
}

}  // namespace palliacarte::config
