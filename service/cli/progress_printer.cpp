#include "cli/progress_printer.hpp"

#include <unistd.h>

#include <cstdio>

namespace palliacarte::cli {

namespace {
using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}
}  // namespace

ProgressPrinter::ProgressPrinter(bool enabled)
    : enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0) {
    if (enabled_) heartbeat_ = std::thread([this] { heartbeat(); });
}

ProgressPrinter::~ProgressPrinter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (heartbeat_.joinable()) heartbeat_.join();
    finish_line();
}

core::ProgressFn ProgressPrinter::callback() {
    if (!enabled_) return {};
    return [this](std::string_view step, std::size_t done, std::size_t total) {
        update(step, done, total);
    };
}

void ProgressPrinter::finish_line() {
    std::lock_guard lock(mutex_);
    if (line_open_) std::fputc('\n', stderr);
    line_open_ = false;
    step_.clear();
}

void ProgressPrinter::update(std::string_view step, std::size_t done, std::size_t total) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    if (step != step_) {
        if (line_open_) std::fputc('\n', stderr);
        line_open_ = false;
        step_ = std::string(step);
        step_start_ = now;
        last_print_ = now;
    }
    done_ = done;
    total_ = total;
    const bool final = total > 0 && done >= total;
    if (seconds(now - step_start_) < 1.0) return;
    if (!final && seconds(now - last_print_) < (tty_ ? 0.2 : 2.0)) return;
    print_locked(final);
}

void ProgressPrinter::print_locked(bool final) {
    const auto now = Clock::now();
    last_print_ = now;
    const double elapsed = seconds(now - step_start_);
    if (tty_) std::fputs("\r\x1b[K", stderr);  // redraw the line, clearing what was there
    if (total_ > 0)
        std::fprintf(stderr, "%s : %zu/%zu (%.0f %%) %.1f s", step_.c_str(), done_, total_,
                     100.0 * static_cast<double>(done_) / static_cast<double>(total_), elapsed);
    else
        std::fprintf(stderr, "%s … %.1f s", step_.c_str(), elapsed);
    if (!tty_) std::fputc('\n', stderr);
    line_open_ = tty_;
    if (final && line_open_) {
        std::fputc('\n', stderr);
        line_open_ = false;
    }
    std::fflush(stderr);
}

void ProgressPrinter::heartbeat() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, std::chrono::milliseconds(250));
        if (stopping_ || step_.empty()) continue;
        const auto now = Clock::now();
        if (seconds(now - step_start_) >= 1.0 && seconds(now - last_print_) >= (tty_ ? 0.5 : 2.0))
            print_locked(false);
    }
}

}  // namespace palliacarte::cli
