#pragma once
// Structures from any OGR point layer (GeoPackage, GeoJSON, Shapefile…) with a column mapping.
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"

namespace palliacarte {

class StructurePlacer;

void read_ogr_structures(const StructureSourceConfig& config, const std::string& path,
                         const StructureTypeTable& types, StructurePlacer& placer,
                         std::vector<Structure>& out, LoadReport& report);

}  // namespace palliacarte
