#include "http/response_cache.hpp"

namespace palliacarte::http {

std::shared_ptr<const ResponseCache::Entry> ResponseCache::find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
}

void ResponseCache::put(const std::string& key, std::shared_ptr<const Entry> e) {
    const std::size_t size = cost(key, *e);
    if (size > kMaxEntryBytes) return;
    std::lock_guard lock(mutex_);
    if (index_.count(key)) return;
    lru_.emplace_front(key, std::move(e));
    index_[key] = lru_.begin();
    bytes_ += size;
    while (bytes_ > kMaxBytes && !lru_.empty()) {
        bytes_ -= cost(lru_.back().first, *lru_.back().second);
        index_.erase(lru_.back().first);
        lru_.pop_back();
    }
}

}  // namespace palliacarte::http
