#pragma once
// Reading query parameters: the 400 every endpoint answers for a bad one (naming the parameter
// and why), numbers, comma-separated lists. Shared by the OGC API and the analysis endpoints.
#include <string>
#include <string_view>
#include <vector>

#include "http/http_message.hpp"

namespace palliacarte::http {

/// @brief The 400 problem for parameter `param`: "parameter 'param': why".
ProblemError bad_parameter(const std::string& param, const std::string& why);

/// @brief A finite decimal number, the whole text. @throws ProblemError (400) naming `name`.
double parse_number(const std::string& name, const std::string& text);

/// @brief The pieces of `text` between `sep`s (empty pieces kept: "a,,b" has three).
std::vector<std::string> split(const std::string& text, char sep);

/// @brief The media type of a Content-Type value, lower case, without parameters:
/// "Application/JSON; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type);

/// @brief Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or values past
/// U+10FFFF): what JSON output and the logs require of anything taken from a request.
bool is_valid_utf8(std::string_view text);

}  // namespace palliacarte::http
