#include "cli/progress_printer.hpp"

#include <unistd.h>

#include <cstdio>

namespace palliacarte::cli {

ProgressPrinter::ProgressPrinter(bool enabled)
    : enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0) {}

ProgressPrinter::~ProgressPrinter() {
    finish_line();
}

ProgressFn ProgressPrinter::callback() {
    if (!enabled_) return {};
    return [this](std::string_view step, std::size_t done, std::size_t total) {
        update(step, done, total);
    };
}

void ProgressPrinter::finish_line() {
    if (line_open_ && tty_) std::fputc('\n', stderr);
    line_open_ = false;
}

void ProgressPrinter::update(std::string_view step, std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (step != step_) {
        finish_line();
        step_ = std::string(step);
        step_start_ = now;
        last_print_ = now;
        return;
    }
    const double elapsed = std::chrono::duration<double>(now - step_start_).count();
    const double since = std::chrono::duration<double>(now - last_print_).count();
    const bool final = total > 0 && done >= total;
    if (elapsed < 1.0 || (!final && since < (tty_ ? 0.2 : 2.0))) return;
    last_print_ = now;
    if (total > 0)
        std::fprintf(stderr, "%s%s: %zu/%zu (%.0f %%) %.1f s%s", tty_ ? "\r" : "", step_.c_str(),
                     done, total, 100.0 * static_cast<double>(done) / static_cast<double>(total),
                     elapsed, tty_ ? "" : "\n");
    else
        std::fprintf(stderr, "%s%s: %zu %.1f s%s", tty_ ? "\r" : "", step_.c_str(), done, elapsed,
                     tty_ ? "" : "\n");
    line_open_ = tty_;
    if (final) finish_line();
}

}  // namespace palliacarte::cli
