#pragma once
// Multi-source Dijkstra: for every node, the time to (or from) the nearest structure of a type
// and which structure it is, in one pass over the graph.
#include <cstdint>
#include <vector>

#include "roads/road_graph.hpp"
#include "routing/one_to_many.hpp"

namespace palliacarte::routing {

/// @brief One structure's start: its index in the caller's list, the node, the snap time.
struct SourceStart {
    std::uint32_t source;
    roads::NodeId node;
    double seconds = 0;
};

struct NearestSource {
    std::vector<double> seconds;        ///< per node; kUnreached beyond the limit
    std::vector<std::uint32_t> source;  ///< per node; kNoSource where unreached
    static constexpr std::uint32_t kNoSource = 0xFFFFFFFFu;
};

/// @brief Ties (equal times) go to the source listed first, so results are reproducible.
NearestSource nearest_source(const roads::RoadGraph& graph, const std::vector<SourceStart>& starts,
                             SearchDirection direction, double limit_seconds = kUnreached);

}  // namespace palliacarte::routing
