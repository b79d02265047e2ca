#pragma once
// Vintages the files themselves state: the FINESS etalab header's extraction date, the date an
// OpenStreetMap extract was cut (its header's replication timestamp, as Geofabrik writes it).
#include <string>

namespace palliacarte::output {

/// @brief « 2021-01-08 » from a "finess;etalab;95;2021-01-08" first line; empty if none.
std::string finess_etalab_extraction_date(const std::string& path);

/// @brief « 2024-03-01T21:21:02Z » from an .osm.pbf/.osm header; empty if it states none.
std::string osm_extract_timestamp(const std::string& path);

}  // namespace palliacarte::output
