#include "analysis/territory_outline.hpp"

#include <vector>

#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"

namespace palliacarte::analysis {

TerritoryOutline territory_outline(const model::Territory& territory) {
    const geos::GeosContext geos;
    std::map<int, std::vector<geos::GeosGeometry>> parts;
    for (const auto& c : territory.communes) parts[c.epsg].push_back(geos.to_geos(c.geometry));
    TerritoryOutline out;
    for (auto& [epsg, list] : parts) {
        const geos::GeosGeometry u = geos::coverage_union(geos, std::move(list));
        if (u) out.by_epsg[epsg] = geos.to_multipolygon(u.get());
    }
    return out;
}

std::map<std::string, model::MultiPolygon> departement_outlines(const model::Territory& territory,
                                                                int epsg) {
    const geos::GeosContext geos;
    std::map<std::string, std::vector<geos::GeosGeometry>> parts;
    for (const auto& c : territory.communes)
        if (c.epsg == epsg) parts[c.departement].push_back(geos.to_geos(c.geometry));
    std::map<std::string, model::MultiPolygon> out;
    for (auto& [code, list] : parts) {
        const geos::GeosGeometry u = geos::coverage_union(geos, std::move(list));
        if (u) out[code] = geos.to_multipolygon(u.get());
    }
    return out;
}

}  // namespace palliacarte::analysis
