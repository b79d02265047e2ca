#pragma once
// The territory's outline: its communes united, one outline per CRS (the overseas communes of
// a national run keep their own). Catchments are clipped to the outline of their own CRS, so
// they stop at the coast and the territory's border. Built once by the analysis; the service's
// on-demand catchments reuse it.
#include <map>
#include <string>

#include "model/geometry.hpp"
#include "model/territory.hpp"

namespace palliacarte::analysis {

struct TerritoryOutline {
    std::map<int, model::MultiPolygon> by_epsg;

    /// @brief The outline in CRS `epsg`, or nullptr when no commune is in it.
    const model::MultiPolygon* in(int epsg) const {
        const auto it = by_epsg.find(epsg);
        return it == by_epsg.end() || it->second.empty() ? nullptr : &it->second;
    }
};

/// @brief The communes of `territory` united (GEOS coverage union), per CRS.
TerritoryOutline territory_outline(const model::Territory& territory);

/// @brief Each département's communes in CRS `epsg` united, by département code (the maps draw
/// their limits).
std::map<std::string, model::MultiPolygon> departement_outlines(const model::Territory& territory,
                                                                int epsg);

}  // namespace palliacarte::analysis
