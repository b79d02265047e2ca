#include "core/load_report.hpp"

#include "core/connection_text.hpp"

namespace palliacarte::core {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::info:
            return "info";
        case Severity::warning:
            return "warning";
        case Severity::rejected:
            return "rejected";
    }
    return "?";
}

void LoadReport::add(Severity severity, std::string file, std::string where, std::string reason,
                     std::string message) {
    if (is_postgres_connection(file)) {  // a database source: never its password
        file = without_password(file);
        message = without_password(message);
    }
    std::lock_guard lock(mutex_);
    entries_.push_back(
        {severity, std::move(file), std::move(where), std::move(reason), std::move(message)});
}

void LoadReport::add_all(std::vector<Diagnostic> diagnostics) {
    std::lock_guard lock(mutex_);
    for (Diagnostic& d : diagnostics) {
        if (is_postgres_connection(d.file)) {
            d.file = without_password(d.file);
            d.message = without_password(d.message);
        }
        entries_.push_back(std::move(d));
    }
}

std::size_t LoadReport::count(Severity severity) const {
    std::size_t n = 0;
    for (const auto& d : entries_) n += d.severity == severity;
    return n;
}

std::size_t LoadReport::count(const std::string& reason) const {
    std::size_t n = 0;
    for (const auto& d : entries_) n += d.reason == reason;
    return n;
}

std::map<std::string, std::size_t> LoadReport::counts_by_reason(Severity severity) const {
    std::map<std::string, std::size_t> out;
    for (const auto& d : entries_)
        if (d.severity == severity) ++out[d.reason];
    return out;
}

}  // namespace palliacarte::core
