#pragma once
// What kind of CRS a code names, before anything is computed in it: the analysis measures metres,
// so a geographic CRS (degrees) must be refused rather than give 0 km² and "100 % covered".
#include <string>

namespace palliacarte::crs {

struct CrsKind {
    bool known = false;      ///< PROJ could build it
    bool projected = false;  ///< a projected CRS (coordinates in a linear unit)
    std::string name;        ///< "WGS 84", "RGF93 v1 / Lambert-93"
};

/// @param crs anything PROJ understands ("EPSG:2154").
CrsKind crs_kind(const std::string& crs);

}  // namespace palliacarte::crs
