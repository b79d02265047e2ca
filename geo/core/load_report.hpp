#pragma once
// Collects what a load noticed: information, warnings and rejected records, each naming
// the file, the line or feature and the reason, so nothing is ever dropped silently.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace palliacarte::core {

enum class Severity { info, warning, rejected };

const char* to_string(Severity s);

/// @brief One thing a loader has to say about one record (or about a whole file).
struct Diagnostic {
    Severity severity = Severity::info;
    std::string file;     ///< the source file, as the user named it
    std::string where;    ///< "line 12", "feature 3 (code 14174)", or empty for the whole file
    std::string reason;   ///< stable machine code, e.g. "unknown_type", "invalid_geometry_repaired"
    std::string message;  ///< human sentence
};

/// @brief Thread-safe list of diagnostics with counts by reason.
class LoadReport {
  public:
    LoadReport() = default;
    LoadReport(LoadReport&& other) noexcept : entries_(std::move(other.entries_)) {}
    LoadReport& operator=(LoadReport&& other) noexcept {
        entries_ = std::move(other.entries_);
        return *this;
    }
    void add(Severity severity, std::string file, std::string where, std::string reason,
             std::string message);
    /// @brief Appends diagnostics recorded elsewhere (a cache, a background read), in order.
    void add_all(std::vector<Diagnostic> diagnostics);
    void info(std::string file, std::string where, std::string reason, std::string message) {
        add(Severity::info, std::move(file), std::move(where), std::move(reason),
            std::move(message));
    }
    void warn(std::string file, std::string where, std::string reason, std::string message) {
        add(Severity::warning, std::move(file), std::move(where), std::move(reason),
            std::move(message));
    }
    void reject(std::string file, std::string where, std::string reason, std::string message) {
        add(Severity::rejected, std::move(file), std::move(where), std::move(reason),
            std::move(message));
    }

    const std::vector<Diagnostic>& entries() const { return entries_; }
    std::size_t count(Severity severity) const;
    std::size_t count(const std::string& reason) const;
    /// Counts per reason code for one severity, sorted by reason.
    std::map<std::string, std::size_t> counts_by_reason(Severity severity) const;

  private:
    mutable std::mutex mutex_;
    std::vector<Diagnostic> entries_;
};

}  // namespace palliacarte::core
