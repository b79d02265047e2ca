// The OSM road loader on small inputs, XML (.osm) or PBF (.osm.pbf) by the first byte: tags,
// speeds, oneways, missing nodes, truncated blocks. Seeds: the small extracts of the data root.
#include "fuzz_input.hpp"
#include "roads/car_profile.hpp"
#include "roads/osm_road_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    if (size == 0) return 0;
    static const roads::CarProfile profile =
        roads::CarProfile::load(fuzz::data_dir() + "/profiles/car-fr.json");
    const std::string path =
        fuzz::input_file(data + 1, size - 1, data[0] % 2 ? ".osm" : ".osm.pbf");
    fuzz::expecting_input_errors([&] {
        model::RoadLoadStats stats;
        core::LoadReport report;
        roads::load_osm_roads(path, 2154, profile, stats, report);
    });
    return 0;
}
