// The territory config: JSON syntax, depth, the schema check, every field's conversion and the
// resolution of data paths. Seeds: data/*.json and tests/configs/*.json.
#include "config/territory_config.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    const std::string path = fuzz::input_file(data, size, ".json");
    fuzz::expecting_input_errors(
        [&] { config::load_territory_config(path, std::string("/nonexistent")); });
    return 0;
}
