#pragma once
// A small RFC 4180 reader for the delimited text files planners have (FINESS, filière
// directories, INSEE tables): ',' or ';' separators, quoted fields with embedded separators,
// quotes and newlines, CRLF, UTF-8 with or without BOM, and Latin-1.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/load_report.hpp"
#include "core/text_encoding.hpp"

namespace palliacarte::core {

/// @brief One record: its fields and the 1-based line where it starts.
struct CsvRecord {
    std::vector<std::string> fields;
    std::size_t line = 0;
};

struct CsvOptions {
    char separator = 0;      ///< 0: detect ';' or ',' (or tab) from the first line
    bool has_header = true;  ///< false: header() stays empty and the first line is a record
};

class CsvReader {
  public:
    /// @brief Reads the whole file and detects encoding and separator. Throws DataError.
    static CsvReader open(const std::string& path, CsvOptions options = {});
    /// @brief Reads from memory (tests, embedded tables).
    static CsvReader from_text(std::string text, std::string name, CsvOptions options = {});

    const std::vector<std::string>& header() const { return header_; }
    /// @brief Index of the first header column equal (case-insensitively) to one of `names`.
    std::optional<std::size_t> column(std::initializer_list<std::string_view> names) const;
    std::optional<std::size_t> column(std::string_view name) const { return column({name}); }

    /// @brief Next non-empty record; false at end of file.
    bool next(CsvRecord& record);

    TextEncoding encoding() const { return encoding_; }
    char separator() const { return separator_; }
    const std::string& name() const { return name_; }

  private:
    CsvReader(std::string text, std::string name, CsvOptions options);

    std::string text_;
    std::string name_;
    std::vector<std::string> header_;
    TextEncoding encoding_ = TextEncoding::utf8;
    char separator_ = ',';
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

/// @brief "line 12" for messages.
inline std::string where(const CsvRecord& record) {
    return "ligne " + std::to_string(record.line);
}

/// @brief True when `record` has as many fields as the header; otherwise reports it
/// (reason "missing_fields", naming the file and line) and returns false.
bool has_header_width(const CsvReader& csv, const CsvRecord& record, LoadReport& report);

/// @brief Parses a number written with '.' or ',' as decimal mark. Empty optional if the
/// whole field is not a finite number (so "12abc" and "" are rejected).
std::optional<double> parse_number(std::string_view text);

/// @brief Undoes a second level of CSV quoting inside an already parsed field
/// ("\"A \"\"B\"\"\"" → "A \"B\""), which some derived files carry. Returns true if it did.
bool unquote_double_encoded(std::string& field);

/// @brief Trims ASCII spaces and tabs at both ends.
std::string_view trim(std::string_view text);

/// @brief Reads a whole file into memory. Throws DataError naming the file.
std::string read_file(const std::string& path);

/// @brief Reads a file the user configures with (config, type table, profile): a failure is a
/// ConfigError "<what> <file>: <reason>" (exit code 2), not a data error.
std::string read_config_file(const std::string& path, const std::string& what);

}  // namespace palliacarte::core
