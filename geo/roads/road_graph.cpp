#include "roads/road_graph.hpp"

#include <algorithm>

namespace palliacarte {

NodeId RoadGraph::tail(EdgeId e) const {
    const auto it = std::upper_bound(first_out.begin(), first_out.end(), e);
    return static_cast<NodeId>(it - first_out.begin() - 1);
}

std::size_t RoadGraph::memory_bytes() const {
    return node_position.capacity() * sizeof(Point) + first_out.capacity() * 4 +
           head.capacity() * 4 + seconds.capacity() * 4 + length_m.capacity() * 4 +
           source_link.capacity() * 4 + first_in.capacity() * 4 + in_edge.capacity() * 4 +
           in_tail.capacity() * 4;
}

}  // namespace palliacarte
