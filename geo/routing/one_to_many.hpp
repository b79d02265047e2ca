#pragma once
// Bounded Dijkstra from one place (or several start nodes with start offsets, as a snapped point
// gives) to every node within a time limit, and the road edges it reaches — including the part
// of an edge where the limit falls inside it, which catchment polygons need.
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "roads/road_graph.hpp"
#include "routing/radix_heap.hpp"
#include "routing/travel_direction.hpp"

namespace palliacarte::routing {

constexpr double kUnreached = std::numeric_limits<double>::infinity();

/// @brief A start of a search: a node and the time already spent reaching it (snap leg).
struct SearchStart {
    roads::NodeId node;
    double seconds = 0;
};

/// @brief An edge (forward edge id) the search entered: time at its entry end and how much of
/// it (0–1, from the entry end) lies within the limit.
struct ReachedEdge {
    roads::EdgeId edge;
    double entry_seconds;
    double fraction;
};

/// @brief Reusable search state for one thread (buffers are kept between runs; no allocation in
/// the hot loop after the first run).
class OneToManySearch {
  public:
    explicit OneToManySearch(const roads::RoadGraph& graph);

    /// @brief Runs the search. `limit_seconds` = kUnreached for no limit.
    void run(const std::vector<SearchStart>& starts, double limit_seconds,
             SearchDirection direction);

    /// @brief Time of node v in the last run, kUnreached if beyond the limit.
    double seconds(roads::NodeId v) const {
        return state_[v].run == run_ ? state_[v].seconds : kUnreached;
    }
    /// @brief Direction of the last run.
    SearchDirection direction() const { return direction_; }
    /// @brief Nodes settled within the limit in the last run, in order of time.
    const std::vector<roads::NodeId>& settled() const { return settled_; }
    /// @brief Edges entered within the limit (forward edge ids; for a to_sources search the
    /// "entry end" is the head, the end nearer the structure).
    std::vector<ReachedEdge> reached_edges() const;

  private:
    const roads::RoadGraph& g_;
    // Time and run stamp side by side: one cache miss per node touched, not two.
    struct NodeState {
        double seconds;
        std::uint32_t run;
    };
    std::vector<NodeState> state_;
    std::uint32_t run_ = 0;
    std::vector<roads::NodeId> settled_;
    RadixHeap heap_;
    double limit_ = kUnreached;
    SearchDirection direction_ = SearchDirection::from_sources;
};

}  // namespace palliacarte::routing
