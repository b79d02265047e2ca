#include "core/connection_text.hpp"

#include <cctype>

namespace palliacarte::core {

namespace {

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view word) {
    if (text.size() - at < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
    return true;
}

// End of a keyword value starting at `at`: quoted ('…', with \' and \\ escapes) or up to a
// space, or for a URI parameter up to '&'.
std::size_t value_end(std::string_view text, std::size_t at, bool uri) {
    if (!uri && at < text.size() && text[at] == '\'') {
        for (std::size_t i = at + 1; i < text.size(); ++i) {
            if (text[i] == '\\')
                ++i;
            else if (text[i] == '\'')
                return i + 1;
        }
        return text.size();
    }
    std::size_t i = at;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
           !(uri && (text[i] == '&' || text[i] == '#')))
        ++i;
    return i;
}

// postgresql://user:secret@host → the span of "secret", if any.
bool uri_password(std::string_view text, std::size_t scheme_end, std::size_t& from,
                  std::size_t& to) {
    const std::size_t authority_end = text.find_first_of("/?# ", scheme_end);
    const std::string_view authority = text.substr(
        scheme_end,
        (authority_end == std::string_view::npos ? text.size() : authority_end) - scheme_end);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) return false;
    const std::size_t colon = authority.substr(0, at).find(':');
    if (colon == std::string_view::npos) return false;
    from = scheme_end + colon + 1;
    to = scheme_end + at;
    return true;
}

}  // namespace

std::string without_password(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
            std::size_t from = 0, to = 0;
            if (starts_with_nocase(text, i, scheme) &&
                uri_password(text, i + scheme.size(), from, to)) {
                out.append(text.substr(i, from - i)).append("***");
                i = to;
                break;
            }
        }
        const bool word_start = i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) ||
                                text[i - 1] == ':' || text[i - 1] == '?' || text[i - 1] == '&';
        if (word_start && starts_with_nocase(text, i, "password")) {
            std::size_t j = i + 8;
            while (j < text.size() && text[j] == ' ') ++j;
            if (j < text.size() && text[j] == '=') {
                ++j;
                while (j < text.size() && text[j] == ' ') ++j;
                const bool uri = i > 0 && (text[i - 1] == '?' || text[i - 1] == '&');
                out.append(text.substr(i, j - i)).append("***");
                i = value_end(text, j, uri);
                continue;
            }
        }
        if (i < text.size()) out += text[i++];
    }
    return out;
}

bool is_postgres_connection(std::string_view text) {
    return starts_with_nocase(text, 0, "pg:");
}

}  // namespace palliacarte::core
