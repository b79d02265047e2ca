#include "core/french_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace palliacarte::core {

namespace {

std::string with_comma(std::string s) {
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

}  // namespace

std::string thousands(long long v) {
    const std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(' ');
        out.push_back(digits[i]);
    }
    return v < 0 ? "-" + out : out;
}

std::string thousands(double v) {
    return std::isfinite(v) ? thousands(std::llround(v)) : "—";
}

std::string percent_fr(double share, int digits) {
    if (!std::isfinite(share)) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f %%", digits, share * 100);
    return with_comma(buf);
}

std::string decimal_fr(double v, int digits) {
    if (!std::isfinite(v)) return "—";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    // Group the whole part by thousands: "8 759,5".
    const std::string plain = with_comma(buf);
    const std::size_t start = plain[0] == '-' ? 1 : 0;
    std::size_t whole = 0;  // digits before the decimal comma (no find(): GCC 12 warns)
    while (start + whole < plain.size() && plain[start + whole] != ',') ++whole;
    std::string out = plain.substr(0, start);
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0) out.push_back(' ');
        out.push_back(plain[start + i]);
    }
    return out + plain.substr(start + whole);
}

std::string agree(double n, const std::string& singular, const std::string& plural) {
    return std::fabs(std::round(n)) < 2 ? singular : plural;
}

std::string counted(double n, const std::string& singular, const std::string& plural) {
    return thousands(n) + " " + agree(n, singular, plural);
}

}  // namespace palliacarte::core
