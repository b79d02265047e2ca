#pragma once
// The diagnostics a load recorded, in a cache file beside what it built: a cache hit says
// again every warning and rejection the first run said (same format for every cache).
#include <vector>

#include "core/binary_io.hpp"
#include "core/load_report.hpp"

namespace palliacarte::core::binary {

inline void write_diagnostics(std::ostream& out, const std::vector<Diagnostic>& diagnostics) {
    write_u64(out, diagnostics.size());
    for (const Diagnostic& d : diagnostics) {
        write_u64(out, static_cast<std::uint64_t>(d.severity));
        for (const auto* s : {&d.file, &d.where, &d.reason, &d.message}) write_string(out, *s);
    }
}

/// False on a count over `max_items`, an unknown severity or a short read.
inline bool read_diagnostics(std::istream& in, std::vector<Diagnostic>& diagnostics,
                             std::uint64_t max_items = 1ull << 24) {
    std::uint64_t n = 0;
    if (!read_u64(in, n) || n > max_items) return false;
    diagnostics.resize(n);
    for (Diagnostic& d : diagnostics) {
        std::uint64_t severity = 0;
        if (!read_u64(in, severity) || severity > static_cast<std::uint64_t>(Severity::rejected) ||
            !read_string(in, d.file) || !read_string(in, d.where) || !read_string(in, d.reason) ||
            !read_string(in, d.message))
            return false;
        d.severity = static_cast<Severity>(severity);
    }
    return true;
}

}  // namespace palliacarte::core::binary
