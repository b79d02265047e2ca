#pragma once
// Runs independent jobs on all cores. Each worker gets its own id so it can own per-thread
// state (a GEOS context, a PROJ transform): no locks in the hot loop.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace palliacarte::core {

inline std::size_t worker_count(std::size_t jobs) {
    const std::size_t hw = std::max<std::size_t>(1, std::thread::hardware_concurrency());
    return std::max<std::size_t>(1, std::min(hw, jobs));
}

/// @brief Calls fn(job, worker) for job in [0, jobs) on `workers` threads. Rethrows the first
/// exception a job threw, after all threads have stopped.
template <class Fn>
void parallel_for(std::size_t jobs, std::size_t workers, Fn&& fn) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto run = [&](std::size_t worker) {
        for (std::size_t job = next++; job < jobs; job = next++) {
            try {
                fn(job, worker);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                next = jobs;
            }
        }
    };
    if (workers <= 1) {
        run(0);
    } else {
        std::vector<std::thread> threads;
        for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(run, w);
        for (auto& t : threads) t.join();
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace palliacarte::core
