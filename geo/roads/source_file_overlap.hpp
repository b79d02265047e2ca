#pragma once
// Several road files make one graph (neighbouring OSM extracts, link layers cut by area): what
// each file brought, and how much of it another file held too.
#include <cstdint>
#include <string>
#include <vector>

#include "model/road_load_stats.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::roads {

/// @brief Marks which files' links touch each builder node (up to 64 files), then counts each
/// file's junctions and those it shares.
class SourceFileOverlap {
  public:
    static constexpr std::size_t kMaxFiles = 64;
    void touch(NodeId node, std::size_t file) {
        if (node >= mask_.size()) mask_.resize(std::max<std::size_t>(node + 1, mask_.size() * 2));
        mask_[node] |= std::uint64_t{1} << file;
    }
    /// @brief Fills junctions and shared_junctions of each file.
    void count(std::vector<model::RoadFileStats>& files) const;

  private:
    std::vector<std::uint64_t> mask_;
};

/// @brief The files' names, joined for a message: "a.pbf + b.pbf".
std::string joined_paths(const std::vector<std::string>& paths);

}  // namespace palliacarte::roads
