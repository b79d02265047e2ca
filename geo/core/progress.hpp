#pragma once
// Progress of long steps. geo/ only reports; the command line decides how (and whether) to show it.
#include <cstddef>
#include <functional>
#include <string_view>

namespace palliacarte::core {

/// @brief Called with a step name and how far it is (done of total; total 0 when unknown).
using ProgressFn = std::function<void(std::string_view step, std::size_t done, std::size_t total)>;

/// @brief Calls a ProgressFn about every `every` units, plus at the end. Empty fn is a no-op.
/// Not thread-safe: tick from one thread only.
class ProgressTicker {
  public:
    ProgressTicker(const ProgressFn& fn, std::string_view step, std::size_t total,
                   std::size_t every = 1000)
        : fn_(fn), step_(step), total_(total), every_(every == 0 ? 1 : every) {
        if (fn_) fn_(step_, 0, total_);
    }
    void tick(std::size_t done) {
        if (fn_ && done >= next_) {
            next_ = done + every_;
            fn_(step_, done, total_);
        }
    }
    void finish(std::size_t done) {
        if (fn_) fn_(step_, done, total_ == 0 ? done : total_);
    }

  private:
    const ProgressFn& fn_;
    std::string_view step_;
    std::size_t total_;
    std::size_t every_;
    std::size_t next_ = 0;
};

}  // namespace palliacarte::core
