#include "load/source_formats.hpp"

#include <stdexcept>
#include <vector>

#include "roads/ogr_link_loader.hpp"
#include "roads/osm_road_loader.hpp"

namespace palliacarte {

namespace {

const std::vector<RoadReader>& road_readers() {
    static const std::vector<RoadReader> table = {
        {RoadFormat::osm,
         [](const RoadSourceConfig& roads, int epsg, const CarProfile& profile,
            RoadLoadStats& stats, LoadReport& report, const ProgressFn& progress) {
             return load_osm_roads(roads.paths, epsg, profile, stats, report, progress,
                                   roads.merge_chains);
         }},
        {RoadFormat::ogr_links, load_ogr_links},
    };
    return table;
}

const std::vector<PopulationReader>& population_readers() {
    static const std::vector<PopulationReader> table = {
        {PopulationFormat::etalab_communes_json,
         [](const std::string& path, const PopulationConfig&, LoadReport& report) {
             return load_etalab_communes_population(path, report);
         }},
        {PopulationFormat::csv, load_population_csv},
        {PopulationFormat::boundary_field, {}},
    };
    return table;
}

template <class Reader, class Format>
const Reader& find_reader(const std::vector<Reader>& readers, Format format) {
    for (const auto& r : readers)
        if (r.format == format) return r;
    throw std::logic_error("no reader for format " + std::string(name_of(format)));
}

}  // namespace

const RoadReader& road_reader(RoadFormat format) {
    return find_reader(road_readers(), format);
}

const PopulationReader& population_reader(PopulationFormat format) {
    return find_reader(population_readers(), format);
}

}  // namespace palliacarte
