#pragma once
// Shows progress of long steps on stderr — only once a step has run for over a second, so quick
// runs stay quiet. Redraws one line on a terminal, prints occasional lines otherwise.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/progress.hpp"

namespace palliacarte::cli {

class ProgressPrinter {
  public:
    explicit ProgressPrinter(bool enabled);
    ~ProgressPrinter();
    ProgressFn callback();
    void update(std::string_view step, std::size_t done, std::size_t total);
    void finish_line();

  private:
    bool enabled_;
    bool tty_;
    std::string step_;
    std::chrono::steady_clock::time_point step_start_, last_print_;
    bool line_open_ = false;
};

}  // namespace palliacarte::cli
