// The FINESS establishment file in both published layouts: the etalab extraction (section
// lines, Lambert-93 geolocation lines) and the flat one-line-per-establishment CSV. The first
// byte picks the reader. Seeds: lines of data/demo/corse/finess.csv and of the etalab file.
#include "fuzz_input.hpp"
#include "load/structure_formats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    if (size == 0) return 0;
    const auto* format = find_structure_format(data[0] % 2 ? "finess-etalab" : "finess-flat");
    const std::string path = fuzz::input_file(data + 1, size - 1, ".csv");
    fuzz::expecting_input_errors([&] {
        LoadReport report;
        format->read_establishments(path, {}, report);
        format->read_establishments(path, {"2A", "2B", "92"}, report);
    });
    return 0;
}
