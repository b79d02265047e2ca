#include "load/structure_formats.hpp"

#include "load/filiere_csv_reader.hpp"
#include "load/ogr_structure_reader.hpp"

#include <stdexcept>

namespace palliacarte {

namespace {

const std::vector<StructureReader>& readers() {
    static const std::vector<StructureReader> table = {
        {StructureFormat::filiere_csv,
         [](const StructureSourceConfig&, const std::string& path, const StructureTypeTable& types,
            StructurePlacer& placer, std::vector<Structure>& out,
            LoadReport& report) { read_filiere_csv(path, types, placer, out, report); },
         {}},
        {StructureFormat::ogr, read_ogr_structures, {}},
        {StructureFormat::finess_etalab,
         {},
         [](const StructureSourceConfig& s, const std::vector<std::string>& d, LoadReport& r) {
             return read_finess_etalab(s.path, d, r);
         }},
        {StructureFormat::finess_flat,
         {},
         [](const StructureSourceConfig& s, const std::vector<std::string>& d, LoadReport& r) {
             return read_finess_flat(s.path, d, r);
         }},
        {StructureFormat::finess_plus,
         {},
         [](const StructureSourceConfig& s, const std::vector<std::string>& d, LoadReport& r) {
             return read_finess_plus(s.path, s.structures_path, d, r, nullptr,
                                     finess_plus_filter(s.rules));
         }},
    };
    return table;
}

}  // namespace

const StructureReader& structure_reader(StructureFormat format) {
    for (const auto& r : readers())
        if (r.format == format) return r;
    throw std::logic_error("no reader for structure format " + std::string(name_of(format)));
}

}  // namespace palliacarte
