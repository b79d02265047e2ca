// The filière directory CSV (palliative-92.csv's layout) placed against the 92's communes:
// quoting, encodings, numbers, coordinates in any CRS, intervention lists, duplicates.
#include "fuzz_input.hpp"
#include "load/commune_loader.hpp"
#include "load/filiere_csv_reader.hpp"
#include "load/structure_placement.hpp"
#include "model/structure_type.hpp"

namespace {

struct Territory92 {
    Territory92() {
        using namespace palliacarte;
        core::LoadReport r;
        load::CommuneLoadOptions o;
        o.source.path = fuzz::data_dir() + "/demo/hauts-de-seine/communes.geojson";
        communes = load::load_communes(o, r).communes;
        types = model::StructureTypeTable::load(fuzz::data_dir() + "/structure-types.json");
    }
    std::vector<palliacarte::model::Commune> communes;
    palliacarte::model::StructureTypeTable types;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    static const Territory92 t;
    const std::string path = fuzz::input_file(data, size, ".csv");
    fuzz::expecting_input_errors([&] {
        load::StructurePlacer placer(t.communes, 2154, 15000);
        std::vector<model::Structure> out;
        core::LoadReport report;
        load::read_filiere_csv(path, t.types, placer, out, report);
    });
    return 0;
}
