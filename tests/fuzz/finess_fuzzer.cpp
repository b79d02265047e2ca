// The FINESS establishment file in its published layouts: the etalab extraction (section
// lines, Lambert-93 geolocation lines), the flat one-line-per-establishment CSV and the FINESS+
// JSON (the input serves as both its activities and its structures file). The first byte picks
// the reader (0 flat, 1 etalab, 2 FINESS+). Seeds: lines of data/demo/corse/finess.csv and of the
// etalab file, the hand-written FINESS+ fixture.
#include "fuzz_input.hpp"
#include "load/structure_formats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    if (size == 0) return 0;
    static const config::StructureFormat formats[] = {config::StructureFormat::finess_flat,
                                                      config::StructureFormat::finess_etalab,
                                                      config::StructureFormat::finess_plus};
    config::StructureSourceConfig source;
    source.format = formats[data[0] % 3];
    const load::StructureReader* format = &load::structure_reader(source.format);
    source.path = fuzz::input_file(data + 1, size - 1, data[0] % 3 == 2 ? ".json" : ".csv");
    source.structures_path = source.path;
    fuzz::expecting_input_errors([&] {
        core::LoadReport report;
        format->read_establishments(source, {}, report);
        format->read_establishments(source, {"2A", "2B", "92"}, report);
    });
    return 0;
}
