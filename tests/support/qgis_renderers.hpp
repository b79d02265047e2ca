#pragma once
// The QGIS renderer each layer of an analysis gets from its style (styles/*.qml), as the headless
// QGIS checks (tests/tools/qgis_styles_check.py) report it: the GeoPackage's and PostGIS's alike.
#include <map>
#include <string>

namespace palliacarte::test {

inline const std::map<std::string, std::string>& expected_qgis_renderers() {
    static const std::map<std::string, std::string> renderers = {
        {"communes_coverage", "RuleRenderer"}, {"structures", "categorizedSymbol"},
        {"catchments", "RuleRenderer"},        {"white_zones", "RuleRenderer"},
        {"territories", "singleSymbol"},       {"candidate_sites", "RuleRenderer"}};
    return renderers;
}

}  // namespace palliacarte::test
