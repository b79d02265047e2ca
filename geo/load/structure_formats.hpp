#pragma once
// Every format a structure source may have (`structures[].format` in the config), each with
// its reader. Two kinds: readers that place structures directly, and FINESS readers that return
// establishments (read on another core while the communes load), which the source's selection
// rules then turn into structures. A new format is one reader and one line in
// structure_formats.cpp (plus its name in the config schema and README).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"
#include "load/finess_establishment.hpp"
#include "model/structure.hpp"
#include "model/structure_type.hpp"

namespace palliacarte::load {

class StructurePlacer;

struct StructureReader {
    config::StructureFormat format;  ///< `structures[].format` (config_choices.hpp names it)
    /// Places the file's structures (direct formats); empty for FINESS formats.
    std::function<void(const config::StructureSourceConfig& source, const std::string& path,
                       const model::StructureTypeTable& types, StructurePlacer& placer,
                       std::vector<model::Structure>& out, core::LoadReport& report)>
        read_structures;
    /// Reads the establishments of `departements` (all if empty); empty for direct formats.
    std::function<std::vector<FinessEstablishment>(const config::StructureSourceConfig& source,
                                                   const std::vector<std::string>& departements,
                                                   core::LoadReport& report)>
        read_establishments;
};

/// @brief The reader of `format` (every format has one).
const StructureReader& structure_reader(config::StructureFormat format);

}  // namespace palliacarte::load
