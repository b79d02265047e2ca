#pragma once
// Finished responses of the fast paths (layers, documents), compressed once: the data never change
// while the service runs, so a page asked again costs a lookup instead of its assembly and
// gzip (which dominates a 100-commune page). LRU, bounded in bytes; keyed by everything the
// answer depends on (path, query, Accept, gzip or not). A cached page keeps its timeStamp.
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/http_message.hpp"

namespace palliacarte::http {

class ResponseCache {
  public:
    static constexpr std::size_t kMaxBytes = 64u << 20;
    static constexpr std::size_t kMaxEntryBytes = 2u << 20;
    struct Entry {
        HttpResponse response;
        bool gzip = false;
    };
    // What an entry counts against the budget.
    static std::size_t cost(const std::string& key, const Entry& e) {
        return key.size() + e.response.body.size();
    }
    /// @brief The entry for `key` (now the most recently used), or null.
    std::shared_ptr<const Entry> find(const std::string& key);
    /// @brief Keeps `e` unless it is too big; drops the least recently used beyond the budget.
    void put(const std::string& key, std::shared_ptr<const Entry> e);

  private:
    std::mutex mutex_;
    std::list<std::pair<std::string, std::shared_ptr<const Entry>>> lru_;
    std::unordered_map<std::string,
                       std::list<std::pair<std::string, std::shared_ptr<const Entry>>>::iterator>
        index_;
    std::size_t bytes_ = 0;
};

}  // namespace palliacarte::http
