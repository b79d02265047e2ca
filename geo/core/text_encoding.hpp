#pragma once
// Official French files come in UTF-8 or, for older FINESS extracts, ISO-8859-1 / Windows-1252.
// Everything inside palliacarte is UTF-8.
#include <string>
#include <string_view>

namespace palliacarte::core {

enum class TextEncoding { utf8, latin1 };

const char* to_string(TextEncoding e);

/// @brief True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

/// @brief Windows-1252 (a superset of ISO-8859-1 for printable characters) to UTF-8.
std::string latin1_to_utf8(std::string_view text);

/// @brief Converts `text` in place to UTF-8: strips a UTF-8 BOM, or converts from Latin-1 when
/// the bytes are not valid UTF-8. Returns the encoding that was detected.
TextEncoding normalize_to_utf8(std::string& text);

/// @brief Upper-cases ASCII and folds common French accented letters to their base letter, for
/// matching names and codes written in different ways ("Hôpital" == "HOPITAL").
std::string fold_for_matching(std::string_view utf8);

}  // namespace palliacarte::core
