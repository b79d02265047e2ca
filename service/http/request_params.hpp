#pragma once
// Reading query parameters: the 400 every endpoint answers for a bad one (naming the parameter
// and why), numbers, comma-separated lists. Shared by the OGC API and the analysis endpoints.
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace palliacarte::http {

/// @brief The 400 problem for parameter `param`: "parameter 'param': why".
ProblemError bad_parameter(const std::string& param, const std::string& why);

/// @brief A finite decimal number, the whole text. @throws ProblemError (400) naming `name`.
double parse_number(const std::string& name, const std::string& text);

/// @brief The pieces of `text` between `sep`s (empty pieces kept: "a,,b" has three).
std::vector<std::string> split(const std::string& text, char sep);

}  // namespace palliacarte::http
