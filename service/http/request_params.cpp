#include "http/request_params.hpp"

#include <charconv>
#include <cmath>

namespace palliacarte::http {

ProblemError bad_parameter(const std::string& param, const std::string& why) {
    return ProblemError(400, "Paramètre invalide", "parameter '" + param + "': " + why);
}

double parse_number(const std::string& name, const std::string& text) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        throw bad_parameter(name, "'" + text + "' is not a number");
    return v;
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto at = text.find(sep, start);
        out.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + 1;
    }
    return out;
}

}  // namespace palliacarte::http
