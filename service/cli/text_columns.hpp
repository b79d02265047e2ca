#pragma once
// Padding for the command line's aligned columns. Widths count UTF-8 code points, not bytes
// (std::setw counts bytes, and misaligns "é").
#include <cstddef>
#include <string>

namespace palliacarte::cli {

inline std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/// @brief `s` followed by spaces up to `w` columns.
inline std::string left(const std::string& s, std::size_t w) {
    const std::size_t n = display_width(s);
    return s + std::string(w > n ? w - n : 0, ' ');
}

/// @brief Spaces then `s`, `w` columns in all.
inline std::string right(const std::string& s, std::size_t w) {
    const std::size_t n = display_width(s);
    return std::string(w > n ? w - n : 0, ' ') + s;
}

}  // namespace palliacarte::cli
