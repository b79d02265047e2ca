// Population sources: decoupage-administratif communes.json, a code/population CSV, and the
// 1 km / 200 m population grids (x/y columns, or the Eurostat cell id). The first byte picks
// the reader.
#include "config/analysis_config.hpp"
#include "fuzz_input.hpp"
#include "load/population_grid_reader.hpp"
#include "load/population_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    if (size == 0) return 0;
    const int which = data[0] % 5;
    const std::string path = fuzz::input_file(data + 1, size - 1, which == 0 ? ".json" : ".csv");
    fuzz::expecting_input_errors([&] {
        core::LoadReport report;
        if (which == 0) {
            load::load_etalab_communes_population(path, report);
        } else if (which == 1) {
            config::PopulationConfig c;
            c.format = config::PopulationFormat::csv;
            c.path = path;
            load::load_population_csv(path, c, report);
        } else {
            config::PopulationGridConfig grid;
            grid.path = path;
            if (which == 3) {  // Filosofi 200 m: two elderly columns
                grid.cell_size_m = 200;
                grid.value_field = "ind";
                grid.elderly_fields = {"ind_65_79", "ind_80p"};
            } else if (which == 4) {  // Eurostat: the corner from the cell id
                grid.id_field = "GRD_ID";
            }
            const model::Box extent({600000, 6830000}, {680000, 6900000});  // around the 92
            load::read_population_grid(grid, 2154, extent, report);
        }
    });
    return 0;
}
