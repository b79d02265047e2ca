#pragma once
// A monotone radix heap of nodes keyed by travel time. Dijkstra only ever pushes keys at or above
// the last one popped, which lets entries sit in 64 buckets by the highest bit in which their key
// differs from a reference key `last_` (a lower bound of every key held): push is O(1), and an
// entry moves down at most 63 times in all. A bit mask of non-empty buckets finds the next one
// in one instruction (walking ~50 empty buckets per refill cost a fifth of a search).
//
// Small buckets are not split further but sorted into a short "ready" run that pops in order;
// a push below the run's largest key is inserted into it. Splitting the last few entries one
// bit at a time was most of the moves (7.5 per entry on the 2-million-node benchmark).
//
// There is no decrease-key: a node may be in the heap several times, and the search skips an
// entry whose key is above the node's current time ("lazy deletion").
//
// Keys are non-negative doubles compared through their bit patterns, which order the same way.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

#include "roads/road_graph.hpp"

namespace palliacarte::routing {

class RadixHeap {
  public:
    static std::uint64_t key_bits(double seconds) {
        std::uint64_t bits;
        std::memcpy(&bits, &seconds, sizeof bits);
        return bits;
    }

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    void clear() {
        for (auto& b : buckets_) b.clear();
        ready_.clear();
        nonempty_ = 0;
        size_ = 0;
        last_ = 0;
    }
    /// @brief Adds v with time `seconds` (>= 0 and >= the last popped time).
    void push(roads::NodeId v, double seconds) {
        const std::uint64_t key = key_bits(seconds);
        ++size_;
        if (!ready_.empty() && key < ready_.front().key) {
            // Below the ready run's largest key: insert it in order (the run is short).
            ready_.push_back({key, v});
            std::size_t i = ready_.size() - 1;
            for (; i > 0 && ready_[i - 1].key < key; --i) ready_[i] = ready_[i - 1];
            ready_[i] = {key, v};
            return;
        }
        const int b = bucket_of(key);
        buckets_[b].push_back({key, v});
        nonempty_ |= std::uint64_t{1} << b;
    }
    /// @brief Removes an entry with the smallest time; equal times come out in no set order.
    roads::NodeId pop(double& seconds) {
        if (ready_.empty()) refill();
        const Entry e = ready_.back();
        ready_.pop_back();
        --size_;
        std::memcpy(&seconds, &e.key, sizeof seconds);
        return e.node;
    }

  private:
    static constexpr std::size_t kSortAtMost = 16;
    struct Entry {
        std::uint64_t key;
        roads::NodeId node;
    };
    int bucket_of(std::uint64_t key) const {
        return key == last_ ? 0 : 64 - std::countl_zero(key ^ last_);
    }
    // Fills the ready run from the first non-empty bucket: sorted when small (or all equal, in
    // bucket 0); otherwise split around its smallest key first. Every bucket above holds larger
    // keys, and later pushes at or above the run's largest key go to the buckets, so the run
    // and the buckets stay in order.
    void refill() {
        while (true) {
            const int i = std::countr_zero(nonempty_);
            auto& from = buckets_[i];
            if (i == 0 || from.size() <= kSortAtMost) {
                ready_.assign(from.begin(), from.end());
                std::sort(ready_.begin(), ready_.end(),
                          [](const Entry& a, const Entry& b) { return a.key > b.key; });
                from.clear();
                nonempty_ &= ~(std::uint64_t{1} << i);
                return;
            }
            std::uint64_t smallest = from.front().key;
            for (const auto& e : from)
                if (e.key < smallest) smallest = e.key;
            last_ = smallest;
            nonempty_ &= ~(std::uint64_t{1} << i);
            for (const auto& e : from) {
                const int b = bucket_of(e.key);
                buckets_[b].push_back(e);
                nonempty_ |= std::uint64_t{1} << b;
            }
            from.clear();
        }
    }
    // Keys have no sign bit, so they differ from last_ in bits 0..62 at most: buckets 0..63.
    std::array<std::vector<Entry>, 64> buckets_;
    std::uint64_t nonempty_ = 0;  // bit b set when buckets_[b] holds entries
    std::vector<Entry> ready_;    // sorted, largest key first: pop from the back
    std::uint64_t last_ = 0;
    std::size_t size_ = 0;
};

}  // namespace palliacarte::routing
