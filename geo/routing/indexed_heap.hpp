#pragma once
// A 4-ary min-heap of nodes keyed by time, with decrease-key: each node is in the heap at most
// once (a lazy binary heap of (time, node) pairs holds duplicates and runs ~2x slower on large
// catchments). Positions are stamped per run, so reuse across searches needs no clearing.
#include <cstdint>
#include <vector>

#include "roads/road_graph.hpp"

namespace palliacarte {

class IndexedHeap {
  public:
    explicit IndexedHeap(std::size_t nodes) : pos_(nodes, kAbsent) {}

    bool empty() const { return heap_.empty(); }
    void clear() {
        for (const auto& e : heap_) pos_[e.node] = kAbsent;
        heap_.clear();
    }
    /// @brief Inserts v or lowers its key.
    void push_or_decrease(NodeId v, double key, std::uint32_t tie = 0) {
        std::uint32_t i = pos_[v];
        if (i == kAbsent) {
            i = static_cast<std::uint32_t>(heap_.size());
            heap_.push_back({key, tie, v});
        } else {
            heap_[i].key = key;
            heap_[i].tie = tie;
        }
        sift_up(i);
    }
    /// @brief Removes and returns the node with the smallest (key, tie).
    NodeId pop(double& key) {
        const Entry top = heap_.front();
        pos_[top.node] = kAbsent;
        const Entry last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) {
            heap_[0] = last;
            pos_[last.node] = 0;
            sift_down(0);
        }
        key = top.key;
        return top.node;
    }

  private:
    static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
    struct Entry {
        double key;
        std::uint32_t tie;
        NodeId node;
    };
    static bool less(const Entry& a, const Entry& b) {
        return a.key < b.key || (a.key == b.key && a.tie < b.tie);
    }
    void sift_up(std::uint32_t i) {
        const Entry e = heap_[i];
        while (i > 0) {
            const std::uint32_t parent = (i - 1) / 4;
            if (!less(e, heap_[parent])) break;
            heap_[i] = heap_[parent];
            pos_[heap_[i].node] = i;
            i = parent;
        }
        heap_[i] = e;
        pos_[e.node] = i;
    }
    void sift_down(std::uint32_t i) {
        const Entry e = heap_[i];
        const auto n = static_cast<std::uint32_t>(heap_.size());
        while (true) {
            const std::uint32_t first = 4 * i + 1;
            if (first >= n) break;
            std::uint32_t best = first;
            const std::uint32_t end = first + 4 < n ? first + 4 : n;
            for (std::uint32_t c = first + 1; c < end; ++c)
                if (less(heap_[c], heap_[best])) best = c;
            if (!less(heap_[best], e)) break;
            heap_[i] = heap_[best];
            pos_[heap_[i].node] = i;
            i = best;
        }
        heap_[i] = e;
        pos_[e.node] = i;
    }
    std::vector<Entry> heap_;
    std::vector<std::uint32_t> pos_;
};

}  // namespace palliacarte
