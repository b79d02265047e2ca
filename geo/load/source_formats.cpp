#include "load/source_formats.hpp"

#include <stdexcept>
#include <vector>

#include "roads/ogr_link_loader.hpp"
#include "roads/osm_road_loader.hpp"

namespace palliacarte::load {

namespace {

const std::vector<RoadReader>& road_readers() {
    static const std::vector<RoadReader> table = {
        {config::RoadFormat::osm,
         [](const config::RoadSourceConfig& roads, int epsg, const roads::CarProfile& profile,
            model::RoadLoadStats& stats, core::LoadReport& report,
            const core::ProgressFn& progress) {
             return roads::load_osm_roads(roads.paths, epsg, profile, stats, report, progress,
                                          roads.merge_chains);
         }},
        {config::RoadFormat::ogr_links, roads::load_ogr_links},
    };
    return table;
}

const std::vector<PopulationReader>& population_readers() {
    static const std::vector<PopulationReader> table = {
        {config::PopulationFormat::etalab_communes_json,
         [](const std::string& path, const config::PopulationConfig&, core::LoadReport& report) {
             return load_etalab_communes_population(path, report);
         }},
        {config::PopulationFormat::csv, load_population_csv},
        {config::PopulationFormat::boundary_field, {}},
    };
    return table;
}

template <class Reader, class Format>
const Reader& find_reader(const std::vector<Reader>& readers, Format format) {
    for (const auto& r : readers)
        if (r.format == format) return r;
    throw std::logic_error("no reader for format " + std::string(config::name_of(format)));
}

}  // namespace

const RoadReader& road_reader(config::RoadFormat format) {
    return find_reader(road_readers(), format);
}

const PopulationReader& population_reader(config::PopulationFormat format) {
    return find_reader(population_readers(), format);
}

}  // namespace palliacarte::load
