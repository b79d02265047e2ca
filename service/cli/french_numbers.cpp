#include "cli/french_numbers.hpp"

#include <cstdio>

namespace palliacarte::cli {

std::string french_size(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= 1000 * 1000) {
        std::snprintf(buf, sizeof buf, "%.1f Mo", static_cast<double>(bytes) / 1e6);
    } else if (bytes >= 1000) {
        std::snprintf(buf, sizeof buf, "%.0f ko", static_cast<double>(bytes) / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%llu o", static_cast<unsigned long long>(bytes));
    }
    std::string s = buf;
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

}  // namespace palliacarte::cli
