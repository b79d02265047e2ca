#include "roads/road_graph.hpp"

#include <algorithm>

namespace palliacarte::roads {

NodeId RoadGraph::tail(EdgeId e) const {
    const auto it = std::upper_bound(first_out.begin(), first_out.end(), e);
    return static_cast<NodeId>(it - first_out.begin() - 1);
}

std::size_t RoadGraph::memory_bytes() const {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return bytes(node_position) + bytes(first_out) + bytes(out_arc) + bytes(length_m) +
           bytes(source_link) + bytes(first_in) + bytes(in_arc) + bytes(in_edge) +
           bytes(first_shape) + shape_point.memory_bytes();
}

}  // namespace palliacarte::roads
