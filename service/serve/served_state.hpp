#pragma once
// What `palliacarte serve` answers from, replaceable while it serves: the dataset and its route
// table, swapped whole (requests under way keep the one they started with), with a version
// that the response cache keys on so that answers of two runs are never mixed.
// DatabaseRunWatcher replaces it when a new run is written to the served PostGIS schema.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "serve/served_dataset.hpp"
#include "serve/service_routes.hpp"
#include "serve/web_files.hpp"

namespace palliacarte::serve {

struct Served {
    std::unique_ptr<ServedDataset> dataset;
    std::unique_ptr<ServiceRoutes> routes;  ///< refers to *dataset
    std::int64_t version = 0;               ///< the run's id in palliacarte.runs (0: a file)
};

class ServedState {
  public:
    ServedState(std::unique_ptr<ServedDataset> dataset, const WebFiles* web,
                std::int64_t version = 0);
    std::shared_ptr<const Served> current() const { return current_.load(); }
    std::int64_t version() const { return current()->version; }
    void replace(std::unique_ptr<ServedDataset> dataset, std::int64_t version);

  private:
    std::shared_ptr<const Served> make(std::unique_ptr<ServedDataset> dataset,
                                       std::int64_t version) const;
    const WebFiles* web_;
    std::atomic<std::shared_ptr<const Served>> current_;
};

/// @brief Polls palliacarte.runs every `every` for the served schema's run; a new one is read
/// and served in place of the old, without a restart. Stops (and joins) when destroyed.
class DatabaseRunWatcher {
  public:
    DatabaseRunWatcher(ServedState& state, std::string connection, std::string schema,
                       std::chrono::milliseconds every, std::ostream* log);
    ~DatabaseRunWatcher();
    DatabaseRunWatcher(const DatabaseRunWatcher&) = delete;
    DatabaseRunWatcher& operator=(const DatabaseRunWatcher&) = delete;

  private:
    void watch();
    ServedState& state_;
    std::string connection_, schema_;
    std::chrono::milliseconds every_;
    std::ostream* log_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace palliacarte::serve
