#pragma once
// Writes one layer as an RFC 7946 GeoJSON file (WGS84 longitude/latitude, 7 decimals ≈ 1 cm,
// counterclockwise outer rings, bbox per feature and for the collection), with the encoder the
// HTTP service uses: the file and the served layer carry the same text. GDAL's GeoJSON writer
// took 1.4 s for Corsica's 57 catchments (≈700,000 vertices); this one encodes on all cores.
#include <string>

#include "model/layer.hpp"

namespace palliacarte::output {

/// @brief Creates (replaces) `path`. @throws DataError naming the file when it cannot be written.
/// `metadata`: a JSON object written as the collection's top-level "metadata" member (sources,
/// vintages, time model: output/run_provenance.hpp); none when empty.
void write_geojson(const std::string& path, const model::Layer& layer,
                   const std::string& metadata = {});

}  // namespace palliacarte::output
