#pragma once
// Puts a point (a structure, a population cell) on the road network: the nearest point of the
// nearest road segment (a projection, not the nearest junction), found with an R-tree, and the
// start nodes a search begins from, with the snap leg costed at the profile's off-network speed.
#include <memory>
#include <optional>
#include <vector>

#include "roads/road_graph.hpp"
#include "routing/one_to_many.hpp"
#include "routing/travel_direction.hpp"

namespace palliacarte {

struct RoadSnap {
    EdgeId edge;         ///< the forward edge whose segment is nearest
    double fraction;     ///< position along it from its tail, 0–1
    Point on_road;       ///< the projected point
    double distance_m;   ///< from the input point to on_road
    double leg_seconds;  ///< distance_m at the off-network speed
};

class RoadSnapper {
  public:
    /// @param off_network_kmh speed of the leg between the point and the road.
    /// @param max_distance_m points farther than this from every road are not snapped.
    RoadSnapper(const RoadGraph& graph, double off_network_kmh, double max_distance_m);
    ~RoadSnapper();
    RoadSnapper(const RoadSnapper&) = delete;
    RoadSnapper& operator=(const RoadSnapper&) = delete;

    /// @brief Empty when no road is within max_distance_m (the caller reports it).
    std::optional<RoadSnap> snap(const Point& p) const;
    /// @brief Same with another bound (how far off-road population reaches its road).
    std::optional<RoadSnap> snap(const Point& p, double max_distance_m) const;

    /// @brief Where a search starts for a snapped point: along its edge to the edge's end, and
    /// to the other end too when the road is two-way. `direction` tells whether times are from
    /// the point (to_patient travel) or to it (patients travel to the structure).
    std::vector<SearchStart> starts(const RoadSnap& snap, SearchDirection direction) const;

    double max_distance_m() const { return max_distance_m_; }

  private:
    std::optional<EdgeId> twin(EdgeId e) const;
    struct Index;
    const RoadGraph& g_;
    double off_network_mps_;
    double max_distance_m_;
    std::unique_ptr<Index> index_;
};

}  // namespace palliacarte
