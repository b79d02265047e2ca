#include "http/request_params.hpp"

#include <charconv>
#include <cmath>

namespace palliacarte::http {

ProblemError bad_parameter(const std::string& param, const std::string& why) {
    return ProblemError(400, "Paramètre invalide", "paramètre « " + param + " » : " + why);
}

double parse_number(const std::string& name, const std::string& text) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        throw bad_parameter(name, "« " + text + " » n'est pas un nombre");
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

namespace palliacarte::http {

std::string media_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    std::size_t first = 0;
    while (first < type.size() && (type[first] == ' ' || type[first] == '\t')) ++first;
    return lower_ascii(type.substr(first));
}

std::string lower_ascii(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace palliacarte::http
