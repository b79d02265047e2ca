#include "load/structure_formats.hpp"

#include "load/filiere_csv_reader.hpp"
#include "load/ogr_structure_reader.hpp"

namespace palliacarte {

namespace {

const std::vector<StructureFormat>& formats() {
    static const std::vector<StructureFormat> table = {
        {"filiere-csv",
         [](const StructureSourceConfig&, const std::string& path, const StructureTypeTable& types,
            StructurePlacer& placer, std::vector<Structure>& out,
            LoadReport& report) { read_filiere_csv(path, types, placer, out, report); },
         {}},
        {"ogr", read_ogr_structures, {}},
        {"finess-etalab",
         {},
         [](const StructureSourceConfig& s, const std::vector<std::string>& d, LoadReport& r) {
             return read_finess_etalab(s.path, d, r);
         }},
        {"finess-flat",
         {},
         [](const StructureSourceConfig& s, const std::vector<std::string>& d, LoadReport& r) {
             return read_finess_flat(s.path, d, r);
         }},
        {"finess-plus",
         {},
         [](const StructureSourceConfig& s, const std::vector<std::string>& d, LoadReport& r) {
             return read_finess_plus(s.path, s.structures_path, d, r, nullptr,
                                     finess_plus_filter(s.rules));
         }},
    };
    return table;
}

}  // namespace

const StructureFormat* find_structure_format(std::string_view name) {
    for (const auto& f : formats())
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace palliacarte
