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

/// @brief `text` with ASCII letters in lower case (header names and values, host names).
std::string lower_ascii(std::string text);

}  // namespace palliacarte::http
