#pragma once
// What loading a road network counted: per file, the graph built from them, the speeds. Plain
// figures, filled by roads/ and read by the summaries, the report and `inspect`.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace palliacarte::model {

/// @brief One road file's share of a multi-file network.
struct RoadFileStats {
    std::string path;
    std::size_t features = 0;          ///< car ways (OSM) or features read (OGR)
    std::size_t shared_features = 0;   ///< the same way or link already read from an earlier file
    std::size_t links = 0;             ///< directed links made from this file's features
    std::size_t junctions = 0;         ///< graph nodes its links touch
    std::size_t shared_junctions = 0;  ///< of those, nodes another file's links touch too
};

/// @brief The graph built: what came in, what the largest strongly connected component kept.
struct RoadGraphStats {
    std::size_t input_nodes = 0, input_edges = 0;
    std::size_t kept_nodes = 0, kept_edges = 0;
    std::size_t components = 0;
    std::size_t dropped_nodes = 0, dropped_edges = 0;
    /// Chains merged: the degree-2 nodes merged away, and the edges of the main component
    /// before merging (kept_edges counts after).
    std::size_t merged_nodes = 0, edges_before_merge = 0;
};

struct RoadLoadStats {
    std::size_t features = 0;          ///< features read (after the attribute filter)
    std::size_t links = 0;             ///< directed links made
    std::size_t rejected = 0;          ///< unusable features (reported)
    std::size_t loops = 0;             ///< links from a node to itself (no use for routing)
    std::string path;                  ///< the files, joined with " + " (messages)
    std::vector<RoadFileStats> files;  ///< per file, in the config's order
    std::map<std::string, std::size_t> skipped_classes;  ///< not for cars in the profile
    std::size_t speed_from_profile = 0, speed_from_field = 0, speed_default = 0;
    RoadGraphStats graph;
    double seconds = 0;        ///< this load (build, or read from the cache)
    double build_seconds = 0;  ///< building from the source (now or when the cache was made)
    bool from_cache = false;   ///< the cache file itself is Territory::road_access.cache_file
};

}  // namespace palliacarte::model
