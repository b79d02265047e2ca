#pragma once
// The threads slow requests (catchments, scenarios) run on, off Pistache's reactor threads. A
// full queue refuses the job (the server answers 503) rather than piling up work.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace palliacarte::http {

class WorkerPool {
  public:
    WorkerPool(int threads, std::size_t max_queued);
    ~WorkerPool();
    /// @brief Queues `job`; false when the queue is full or the pool is stopping.
    bool post(std::function<void()> job);
    /// @brief Runs what is queued, then joins the threads.
    void stop();

  private:
    void run();
    std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
};

}  // namespace palliacarte::http
