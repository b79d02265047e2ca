#pragma once
// Shows progress of long steps on stderr — only once a step has run for over a second, so quick
// runs stay quiet. A heartbeat thread keeps the line alive during steps that report nothing for
// a while (GDAL parsing a large file). Redraws one line on a terminal, prints lines otherwise.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/progress.hpp"

namespace palliacarte::cli {

class ProgressPrinter {
  public:
    explicit ProgressPrinter(bool enabled);
    ~ProgressPrinter();
    ProgressPrinter(const ProgressPrinter&) = delete;
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;

    /// @brief The callback to hand to geo/ (empty when disabled). Thread-safe.
    core::ProgressFn callback();
    /// @brief Ends the current line; call before printing results.
    void finish_line();

  private:
    void update(std::string_view step, std::size_t done, std::size_t total);
    void print_locked(bool final);
    void heartbeat();

    bool enabled_;
    bool tty_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::string step_;
    std::size_t done_ = 0, total_ = 0;
    std::chrono::steady_clock::time_point step_start_, last_print_;
    bool line_open_ = false;
    std::thread heartbeat_;
};

}  // namespace palliacarte::cli
