#include "core/bounded_json.hpp"

#include <string>

namespace palliacarte::core {

namespace {
// How the refusal starts, so that it can be told from nlohmann's own errors.
constexpr std::string_view kTooDeep = "imbrication de plus de ";
}  // namespace

nlohmann::json parse_bounded_json(std::string_view text, int max_depth) {
    using json = nlohmann::json;
    // One pass over the brackets outside strings, before anything is built: cheaper than a
    // parser callback on every value, and it knows the byte where the cap is crossed.
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                throw json::parse_error::create(
                    101, i + 1, std::string(kTooDeep) + std::to_string(max_depth) + " niveaux",
                    nullptr);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        return json::parse(text);
    } catch (const json::out_of_range& e) {
        // A number too large for a double (1e400) is bad input like any syntax error: callers
        // handle parse errors (naming the file), not this.
        throw json::parse_error::create(101, 0, e.what(), nullptr);
    }
}

bool is_too_deep(const nlohmann::json::exception& e) {
    return std::string_view(e.what()).find(kTooDeep) != std::string_view::npos;
}

std::string too_deep_reason(const nlohmann::json::exception& e) {
    if (!is_too_deep(e)) return "";
    const std::string_view what = e.what();
    return std::string(what.substr(what.find(kTooDeep)));
}

}  // namespace palliacarte::core
