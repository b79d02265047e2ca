#include "load/analysis_inputs.hpp"

#include "core/cache_directory.hpp"
#include "load/population_grid_reader.hpp"
#include "load/territory_loader.hpp"

namespace palliacarte::load {

AnalysisInputs load_analysis_inputs(const std::string& config_path,
                                    const std::optional<std::string>& data_root,
                                    const core::ProgressFn& progress) {
    return load_analysis_inputs(config::load_territory_config(config_path, data_root), progress);
}

AnalysisInputs load_analysis_inputs(config::TerritoryConfig config,
                                    const core::ProgressFn& progress) {
    AnalysisInputs in;
    in.config = std::move(config);
    in.analysis = config::parse_analysis_config(in.config);
    model::StructureTypeTable types =
        model::StructureTypeTable::load(in.config.structure_types_path);
    config::check_analysis_types(in.analysis, types, in.config.config_path);
    in.territory = load_territory(in.config, std::move(types), progress);
    in.analysis.cache_dir = core::cache_directory(in.config.cache_dir, in.config.data_root);
    if (in.analysis.population_grid) {
        core::StepClock clock(in.territory.load.timings, "population grid");
        in.territory.population_grid = std::make_shared<const model::PopulationGrid>(
            load_population_grid(*in.analysis.population_grid, in.territory.communes,
                                 in.territory.epsg, in.territory.load.report, progress));
    }
    return in;
}

}  // namespace palliacarte::load
