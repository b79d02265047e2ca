#include "serve/served_state.hpp"

#include "core/errors.hpp"
#include "output/postgis_run_writer.hpp"

namespace palliacarte::serve {

ServedState::ServedState(std::unique_ptr<ServedDataset> dataset, const WebFiles* web,
                         std::int64_t version)
    : web_(web), current_(make(std::move(dataset), version)) {}

std::shared_ptr<const Served> ServedState::make(std::unique_ptr<ServedDataset> dataset,
                                                std::int64_t version) const {
    auto s = std::make_shared<Served>();
    s->dataset = std::move(dataset);
    s->routes = std::make_unique<ServiceRoutes>(*s->dataset, web_);
    s->version = version;
    return s;
}

void ServedState::replace(std::unique_ptr<ServedDataset> dataset, std::int64_t version) {
    current_.store(make(std::move(dataset), version));
}

DatabaseRunWatcher::DatabaseRunWatcher(ServedState& state, std::string connection,
                                       std::string schema, std::chrono::milliseconds every,
                                       std::ostream* log)
    : state_(state),
      connection_(std::move(connection)),
      schema_(std::move(schema)),
      every_(every),
      log_(log),
      thread_([this] { watch(); }) {}

DatabaseRunWatcher::~DatabaseRunWatcher() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void DatabaseRunWatcher::watch() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every_, [this] { return stop_; })) {
        lock.unlock();
        try {
            const std::int64_t run = output::latest_run_id(connection_, schema_);
            if (run != 0 && run != state_.version()) {
                state_.replace(load_served_database(connection_, schema_), run);
                if (log_)
                    *log_ << "palliacarte serve : exécution " << run << " du schéma " << schema_
                          << " chargée\n";
            }
        } catch (const std::exception& e) {  // the database away for a while: keep serving
            if (log_) *log_ << "palliacarte serve : " << e.what() << "\n";
        }
        lock.lock();
    }
}

}  // namespace palliacarte::serve
