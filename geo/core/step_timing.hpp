#pragma once
// Where time went, step by step, for the command summaries and the benchmarks: one record per
// step and one clock that appends it when the step's scope ends.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace palliacarte::core {

/// @brief Time spent in one step.
struct StepTiming {
    std::string step;
    double seconds = 0;
};

/// @brief Appends {step, seconds} to `out` when it goes out of scope.
class StepClock {
  public:
    StepClock(std::vector<StepTiming>& out, std::string step)
        : out_(out), step_(std::move(step)), start_(std::chrono::steady_clock::now()) {}
    ~StepClock() {
        out_.push_back(
            {step_,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count()});
    }
    /// @brief The step found its result already made: named "<step> (cache)".
    void found_in_cache() { step_ += " (cache)"; }
    StepClock(const StepClock&) = delete;
    StepClock& operator=(const StepClock&) = delete;

  private:
    std::vector<StepTiming>& out_;
    std::string step_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace palliacarte::core
