#pragma once
// The filière directory CSV (schema of palliative-92.csv): one row per (structure, type), with
// lon/lat and/or x_l93/y_l93, a territory and optional intervention communes.
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"

namespace palliacarte::load {

class StructurePlacer;

/// @brief Appends the file's structures to `out`. Bad rows are reported and skipped; rows
/// with bad positions are kept without position. @throws DataError if the file is unusable.
void read_filiere_csv(const std::string& path, const model::StructureTypeTable& types,
                      StructurePlacer& placer, std::vector<model::Structure>& out,
                      core::LoadReport& report);

}  // namespace palliacarte::load
