#pragma once
// Values of a list option: "25,39,70,90" or "25, 39" → {"25", "39", …}.
#include <string>
#include <vector>

namespace palliacarte::cli {

inline std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text + ",") {
        if (c == ',' || c == ' ') {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    return out;
}

}  // namespace palliacarte::cli
