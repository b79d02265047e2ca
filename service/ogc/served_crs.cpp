#include "ogc/served_crs.hpp"

namespace palliacarte::ogc {

std::optional<ServedCrs> parse_crs(const std::string& raw) {
    std::string text = raw;
    if (text.size() > 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);  // safe CURIE
    for (const ServedCrs c : kServedCrs)
        if (text == crs_uri(c)) return c;
    // The same, as https and as short codes.
    if (text == "https://www.opengis.net/def/crs/OGC/1.3/CRS84" || text == "OGC:CRS84" ||
        text == "CRS84")
        return ServedCrs::crs84;
    if (text == "https://www.opengis.net/def/crs/EPSG/0/4326" || text == "EPSG:4326")
        return ServedCrs::epsg4326;
    if (text == "https://www.opengis.net/def/crs/EPSG/0/2154" || text == "EPSG:2154")
        return ServedCrs::epsg2154;
    return std::nullopt;
}

}  // namespace palliacarte::ogc
