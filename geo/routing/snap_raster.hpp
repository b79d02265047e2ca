#pragma once
// Where every place of a territory would join the road network, on a grid: for each cell, the
// road segment its centre snaps to (the nearest one within the snap limit, as RoadSnapper finds
// it for a population point), the position along that road and the off-network leg. Built once
// per network and cell size; travel-time surfaces (catchment areas) read it for every search,
// so that a catchment is drawn by the very rule that times the population points.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/mapped_array.hpp"
#include "roads/road_graph.hpp"
#include "routing/road_snapper.hpp"

namespace palliacarte::routing {

class SnapRaster {
  public:
    static constexpr roads::EdgeId kNoRoad = 0xFFFFFFFFu;
    struct Cell {
        roads::EdgeId edge = kNoRoad;  ///< the edge standing for the road (RoadSnap::edge)
        float fraction = 0;            ///< along its drawn length, from its tail
        float leg_seconds = 0;         ///< the centre's off-network leg to the road
    };

    /// @brief Cells of `cell_m` on the lattice of multiples of `cell_m`, over the network's
    /// extent widened by the snap limit. Exact for every cell within two cells of a road
    /// (every segment against every cell centre that close); farther, in open country, each
    /// cell takes the nearest of its neighbours' segments (a vector distance transform, exact
    /// distances), up to the snap limit. Runs on all cores.
    SnapRaster(const roads::RoadGraph& graph, const RoadSnapper& snapper, double cell_m);

    double cell_m() const { return cell_m_; }
    std::int64_t first_column() const { return col0_; }
    std::int64_t first_row() const { return row0_; }
    std::int64_t width() const { return width_; }
    std::int64_t height() const { return height_; }
    const Cell& at(std::int64_t i, std::int64_t j) const {
        return cells_[static_cast<std::size_t>(j * width_ + i)];
    }
    /// @brief The cell as a snap (for RoadSnapper::along_same_road).
    RoadSnap snap(const Cell& c) const { return {c.edge, c.fraction, {}, 0, c.leg_seconds}; }

    /// @brief Per edge: its tail, and the time of its twin (infinity for a one-way road).
    roads::NodeId tail(roads::EdgeId e) const { return tail_[e]; }
    float twin_seconds(roads::EdgeId e) const { return twin_seconds_[e]; }
    /// @brief How far the roads at node v reach from it (their farthest shape point or end).
    float node_reach_m(roads::NodeId v) const { return node_reach_m_[v]; }
    std::size_t memory_bytes() const;

  private:
    SnapRaster() = default;  // for the cache reader
    friend std::optional<SnapRaster> read_snap_raster(const std::string&, const std::string&,
                                                      const roads::RoadGraph&);
    friend bool write_snap_raster(const std::string&, const std::string&, const SnapRaster&);

    // The constructor's stages (snap_raster.cpp), in order.
    struct Extent {
        double x0, y0, x1, y1;
    };
    std::vector<roads::EdgeId> index_roads(const roads::RoadGraph& g, const RoadSnapper& snapper,
                                           Extent& extent);
    void take_nearest_within(const roads::RoadGraph& g, std::vector<roads::EdgeId> roads,
                             double near);
    void sweep_open_country(const roads::RoadGraph& g, double max_m, double near);
    void finish_cells(const roads::RoadGraph& g, double off_network_mps);
    model::Point centre(std::int64_t i, std::int64_t j) const;

    double cell_m_ = 0;
    std::int64_t col0_ = 0, row0_ = 0, width_ = 0, height_ = 0;
    // Owned when built, mapped when read from the cache.
    core::MappedArray<Cell> cells_;  // row-major, row 0 at the south
    core::MappedArray<roads::NodeId> tail_;
    core::MappedArray<float> twin_seconds_;
    core::MappedArray<float> node_reach_m_;
};

}  // namespace palliacarte::routing
