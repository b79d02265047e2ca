#include "core/text_encoding.hpp"

#include <array>
#include <cstdint>

namespace palliacarte::core {

const char* to_string(TextEncoding e) {
    return e == TextEncoding::utf8 ? "UTF-8" : "ISO-8859-1";
}

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

namespace {
// Windows-1252 0x80..0x9F; 0 marks bytes undefined in 1252 (kept as the C1 control of Latin-1).
constexpr std::array<std::uint16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}
}  // namespace

std::string latin1_to_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        std::uint32_t cp = c;
        if (c >= 0x80 && c < 0xA0 && kCp1252High[c - 0x80] != 0) cp = kCp1252High[c - 0x80];
        append_utf8(out, cp);
    }
    return out;
}

TextEncoding normalize_to_utf8(std::string& text) {
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (is_valid_utf8(text)) return TextEncoding::utf8;
    text = latin1_to_utf8(text);
    return TextEncoding::latin1;
}

std::string fold_for_matching(std::string_view utf8) {
    // Two-byte UTF-8 sequences of Latin-1 Supplement letters (C3 xx) and Œ/œ (C5 92/93).
    static const std::array<char, 64> kC3Fold = {
        'A', 'A', 'A', 'A', 'A', 'A', 'A', 'C', 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I',
        'D', 'N', 'O', 'O', 'O', 'O', 'O', 'x', 'O', 'U', 'U', 'U', 'U', 'Y', 'T', 'S',
        'A', 'A', 'A', 'A', 'A', 'A', 'A', 'C', 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I',
        'D', 'N', 'O', 'O', 'O', 'O', 'O', '/', 'O', 'U', 'U', 'U', 'U', 'Y', 'T', 'Y'};
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == 0xC3 && i + 1 < utf8.size()) {
            const auto d = static_cast<unsigned char>(utf8[i + 1]);
            if (d >= 0x80 && d <= 0xBF) {
                const char f = kC3Fold[d - 0x80];
                if (f == 'A' && (d == 0x86 || d == 0xA6)) {
                    out += "AE";
                } else {
                    out.push_back(f);
                }
                ++i;
                continue;
            }
        }
        if (c == 0xC5 && i + 1 < utf8.size() &&
            (static_cast<unsigned char>(utf8[i + 1]) == 0x92 ||
             static_cast<unsigned char>(utf8[i + 1]) == 0x93)) {
            out += "OE";
            ++i;
            continue;
        }
        out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : static_cast<char>(c));
    }
    return out;
}

}  // namespace palliacarte::core
