#pragma once
// Structures from any OGR point layer (GeoPackage, GeoJSON, Shapefile…) with a column mapping.
#include <string>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"

namespace palliacarte::load {

class StructurePlacer;

void read_ogr_structures(const config::StructureSourceConfig& config, const std::string& path,
                         const model::StructureTypeTable& types, StructurePlacer& placer,
                         std::vector<model::Structure>& out, core::LoadReport& report);

}  // namespace palliacarte::load
