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

namespace palliacarte::routing {

struct RoadSnap {
    roads::EdgeId edge;    ///< the forward edge whose segment is nearest (one edge stands for
                           ///< both directions of a two-way road: the same for every snap)
    double fraction;       ///< position along it from its tail, 0–1
    model::Point on_road;  ///< the projected point
    double distance_m;     ///< from the input point to on_road
    double leg_seconds;    ///< distance_m at the off-network speed
};

class RoadSnapper {
  public:
    /// @param off_network_kmh speed of the leg between the point and the road.
    /// @param max_distance_m points farther than this from every road are not snapped.
    RoadSnapper(const roads::RoadGraph& graph, double off_network_kmh, double max_distance_m);
    ~RoadSnapper();
    RoadSnapper(const RoadSnapper&) = delete;
    RoadSnapper& operator=(const RoadSnapper&) = delete;

    /// @brief Empty when no road is within max_distance_m (the caller reports it).
    std::optional<RoadSnap> snap(const model::Point& p) const;
    /// @brief Same with another bound (how far off-road population reaches its road).
    std::optional<RoadSnap> snap(const model::Point& p, double max_distance_m) const;

    /// @brief Where a search starts for a snapped point: along its edge to the edge's end, and
    /// to the other end too when the road is two-way. `direction` tells whether times are from
    /// the point (to_patient travel) or to it (patients travel to the structure).
    std::vector<SearchStart> starts(const RoadSnap& snap, SearchDirection direction) const;

    /// @brief Seconds from snapped point `from` to snapped point `to` along the road they both
    /// lie on, legs included; kUnreached when they are on different roads, or the road is one
    /// way against them. The search's start nodes miss this: on a long edge (merged chains), a
    /// structure and a village on the same road would otherwise go round by the edge's ends.
    double along_same_road(const RoadSnap& from, const RoadSnap& to) const;

    double max_distance_m() const { return max_distance_m_; }
    double off_network_mps() const { return off_network_mps_; }

    /// @brief The same road the other way (head to tail, shape reversed), if it is two-way.
    std::optional<roads::EdgeId> twin(roads::EdgeId e) const { return twin(e, g_.tail(e)); }
    /// @brief The same, when the caller knows e's tail (no search for it).
    std::optional<roads::EdgeId> twin(roads::EdgeId e, roads::NodeId tail) const;
    /// @brief Whether snaps land on `e`: one edge stands for both directions of a road (the
    /// one leaving the lower node id).
    bool stands_for_road(roads::EdgeId e, roads::NodeId tail) const {
        return !(g_.head(e) < tail && twin(e, tail));
    }

  private:
    struct Index;
    const roads::RoadGraph& g_;
    double off_network_mps_;
    double max_distance_m_;
    std::unique_ptr<Index> index_;
};

}  // namespace palliacarte::routing
