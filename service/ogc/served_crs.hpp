#pragma once
// The CRSs features are served in (OGC API – Features Part 2): CRS84 (default), EPSG:4326
// (latitude first) and the storage CRS, Lambert-93.
#include <array>
#include <optional>
#include <string>

namespace palliacarte::ogc {

enum class ServedCrs { crs84 = 0, epsg4326 = 1, epsg2154 = 2 };
constexpr std::size_t kServedCrsCount = 3;
constexpr std::array<ServedCrs, kServedCrsCount> kServedCrs = {
    ServedCrs::crs84, ServedCrs::epsg4326, ServedCrs::epsg2154};

inline const char* crs_uri(ServedCrs c) {
    switch (c) {
        case ServedCrs::crs84:
            return "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
        case ServedCrs::epsg4326:
            return "http://www.opengis.net/def/crs/EPSG/0/4326";
        case ServedCrs::epsg2154:
            return "http://www.opengis.net/def/crs/EPSG/0/2154";
    }
    return "";
}

/// @brief The CRS a `crs` / `bbox-crs` value names: the OGC URIs above, their
/// `[OGC:CRS84]`-style safe CURIEs and "EPSG:2154"-style codes. Empty when not served.
std::optional<ServedCrs> parse_crs(const std::string& text);

}  // namespace palliacarte::ogc
