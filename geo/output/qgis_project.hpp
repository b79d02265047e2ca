#pragma once
// coverage.qgz, the QGIS project `analyze` writes beside coverage.gpkg: per analysed type a
// group (its structures, white zones, catchments and commune coverage), each layer filtered on
// the type and styled for it alone (the shipped QML cut to the type's rules, the « Autres
// types » rule for a type the styles do not know), white-zone communes and structures
// labelled; the territories; a print layout per type (title, map, legend of the type's
// layers, scale bar, sources) a user can edit and print. Written as plain XML (the .qgs
// format), zipped by GDAL: no QGIS or Python at run time.
#include <string>
#include <vector>

#include "analysis/coverage_result.hpp"
#include "model/layer.hpp"

namespace palliacarte::output {

struct RunProvenance;

/// @param gpkg_name the GeoPackage's file name, in the same folder (paths stay relative: the
/// folder can be moved). @param qml per layer, its style as the GeoPackage holds it.
/// @param titles per analysed type, the printed map's title.
/// @throws DataError naming the file.
void write_qgis_project(const std::string& path, const std::string& gpkg_name,
                        const std::vector<model::Layer>& layers,
                        const std::vector<std::string>& qml,
                        const analysis::CoverageAnalysis& analysis, const RunProvenance& provenance,
                        const model::Box& extent, const std::vector<std::string>& titles);

/// @brief The QGIS labeling of a layer, or empty: white-zone communes among the 30 first,
/// structure names from 1:250 000 in (the GeoPackage's default styles and the project).
std::string layer_labeling(const std::string& layer);

/// @brief A layer's QML restricted to `type`: its renderer keeps only that type's rules or
/// category (a type it does not know gets the « Autres types » one, named after the type).
std::string qml_for_type(const std::string& qml, const std::string& type);

}  // namespace palliacarte::output
