#include "core/csv_reader.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace palliacarte::core {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, std::string("ouverture impossible : ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw DataError(path, "erreur de lecture");
    return std::move(buffer).str();
}

std::string read_config_file(const std::string& path, const std::string& what) {
    try {
        return read_file(path);
    } catch (const DataError& e) {
        throw ConfigError(what + " " + e.what());
    }
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

bool has_header_width(const CsvReader& csv, const CsvRecord& record, LoadReport& report) {
    const std::size_t width = csv.header().size();
    if (record.fields.size() == width) return true;
    report.reject(csv.name(), where(record), "missing_fields",
                  "ligne de " + std::to_string(record.fields.size()) + " champs, l'en-tête en a " +
                      std::to_string(width));
    return false;
}

bool unquote_double_encoded(std::string& field) {
    if (field.size() < 2 || field.front() != '"' || field.back() != '"') return false;
    std::string out;
    out.reserve(field.size());
    for (std::size_t i = 1; i + 1 < field.size(); ++i) {
        if (field[i] == '"') {
            if (i + 2 < field.size() && field[i + 1] == '"') {
                out.push_back('"');
                ++i;
            } else {
                return false;  // a lone quote: not a quoted field after all
            }
        } else {
            out.push_back(field[i]);
        }
    }
    field = std::move(out);
    return true;
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > 64) return std::nullopt;
    char buf[65];
    std::size_t n = 0;
    for (const char c : text) buf[n++] = (c == ',') ? '.' : c;
    buf[n] = '\0';
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(buf, &end);
    if (end != buf + n || errno == ERANGE || !std::isfinite(v)) return std::nullopt;
    return v;
}

CsvReader CsvReader::open(const std::string& path, CsvOptions options) {
    return CsvReader(read_file(path), path, options);
}

CsvReader CsvReader::from_text(std::string text, std::string name, CsvOptions options) {
    return CsvReader(std::move(text), std::move(name), options);
}

CsvReader::CsvReader(std::string text, std::string name, CsvOptions options)
    : text_(std::move(text)), name_(std::move(name)) {
    encoding_ = normalize_to_utf8(text_);
    separator_ = options.separator;
    if (separator_ == 0) {
        // The separator is whichever of ; , TAB appears most on the first line outside quotes.
        const auto eol = text_.find('\n');
        const std::string_view first(text_.data(), eol == std::string::npos ? text_.size() : eol);
        std::size_t semi = 0, comma = 0, tab = 0;
        bool quoted = false;
        for (const char c : first) {
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            semi += c == ';';
            comma += c == ',';
            tab += c == '\t';
        }
        separator_ = (semi >= comma && semi >= tab) ? ';' : (comma >= tab ? ',' : '\t');
    }
    if (options.has_header) {
        CsvRecord rec;
        if (!next(rec)) throw DataError(name_, "fichier vide : pas de ligne d'en-tête");
        header_ = std::move(rec.fields);
        for (auto& h : header_) h = std::string(trim(h));
    }
}

std::optional<std::size_t> CsvReader::column(std::initializer_list<std::string_view> names) const {
    for (const auto want : names) {
        for (std::size_t i = 0; i < header_.size(); ++i) {
            const auto& h = header_[i];
            if (h.size() != want.size()) continue;
            bool eq = true;
            for (std::size_t k = 0; k < h.size() && eq; ++k)
                eq = std::tolower(static_cast<unsigned char>(h[k])) ==
                     std::tolower(static_cast<unsigned char>(want[k]));
            if (eq) return i;
        }
    }
    return std::nullopt;
}

bool CsvReader::next(CsvRecord& record) {
    const std::size_t n = text_.size();
    while (pos_ < n) {
        record.fields.clear();
        record.line = line_;
        std::string field;
        bool in_quotes = false;
        bool any = false;
        while (pos_ < n) {
            const char c = text_[pos_];
            if (in_quotes) {
                if (c == '"') {
                    if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
                        field.push_back('"');
                        pos_ += 2;
                        continue;
                    }
                    in_quotes = false;
                    ++pos_;
                    continue;
                }
                if (c == '\n') ++line_;
                field.push_back(c);
                ++pos_;
                continue;
            }
            if (c == '"' && field.empty()) {
                in_quotes = true;
                any = true;
                ++pos_;
            } else if (c == separator_) {
                record.fields.push_back(std::move(field));
                field.clear();
                any = true;
                ++pos_;
            } else if (c == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') {
                ++pos_;
            } else if (c == '\n') {
                ++pos_;
                ++line_;
                break;
            } else {
                field.push_back(c);
                any = true;
                ++pos_;
            }
        }
        if (!any && field.empty()) continue;  // blank line
        record.fields.push_back(std::move(field));
        return true;
    }
    return false;
}

}  // namespace palliacarte::core
