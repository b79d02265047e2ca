#pragma once
// The block framing of an OSM PBF file, checked before libosmium reads it. libosmium trusts
// each block header's `type` field (it compares it with strncmp on a null pointer when the
// field is missing), so a damaged or hostile file must be refused here, with the block named.
#include <cstdint>
#include <string>

namespace palliacarte::roads {

/// @brief What the walk over the blocks saw.
struct PbfFraming {
    std::uint64_t blocks = 0;        ///< OSMHeader + OSMData blocks
    std::uint64_t header_bytes = 0;  ///< sum of the BlobHeader sizes
    std::uint64_t data_bytes = 0;    ///< sum of the blocks' payload sizes
};

/// @brief True when libosmium reads `path` as PBF (by its name: .pbf, .osm.pbf).
bool is_pbf_path(const std::string& path);

/// @brief Walks every block header of the PBF file `path` (headers only: payloads are skipped,
/// so a country extract takes milliseconds): the header length, then a BlobHeader with a
/// `type` ("OSMHeader" first, "OSMData" after) and a payload size within the format's limits,
/// the payload wholly in the file.
/// @throws DataError naming the block number and its byte offset.
PbfFraming check_pbf_framing(const std::string& path);

}  // namespace palliacarte::roads
