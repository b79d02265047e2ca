#include "load/structure_formats.hpp"

#include "load/filiere_csv_reader.hpp"
#include "load/ogr_structure_reader.hpp"

#include <stdexcept>

namespace palliacarte::load {

namespace {

const std::vector<StructureReader>& readers() {
    static const std::vector<StructureReader> table = {
        {config::StructureFormat::filiere_csv,
         [](const config::StructureSourceConfig&, const std::string& path,
            const model::StructureTypeTable& types, StructurePlacer& placer,
            std::vector<model::Structure>& out,
            core::LoadReport& report) { read_filiere_csv(path, types, placer, out, report); },
         {}},
        {config::StructureFormat::ogr, read_ogr_structures, {}},
        {config::StructureFormat::finess_etalab,
         {},
         [](const config::StructureSourceConfig& s, const std::vector<std::string>& d,
            core::LoadReport& r) { return read_finess_etalab(s.path, d, r); }},
        {config::StructureFormat::finess_flat,
         {},
         [](const config::StructureSourceConfig& s, const std::vector<std::string>& d,
            core::LoadReport& r) { return read_finess_flat(s.path, d, r); }},
        {config::StructureFormat::finess_plus,
         {},
         [](const config::StructureSourceConfig& s, const std::vector<std::string>& d,
            core::LoadReport& r) {
             return read_finess_plus(s.path, s.structures_path, d, r, nullptr,
                                     finess_plus_filter(s.rules));
         }},
    };
    return table;
}

}  // namespace

const StructureReader& structure_reader(config::StructureFormat format) {
    for (const auto& r : readers())
        if (r.format == format) return r;
    throw std::logic_error("no reader for structure format " +
                           std::string(config::name_of(format)));
}

}  // namespace palliacarte::load
