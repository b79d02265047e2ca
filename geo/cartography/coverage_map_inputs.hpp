#pragma once
// What a type's coverage map is drawn from, and its title: shared by the map pages, the atlas and
// output/, which builds them without seeing Cairo.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/coverage_result.hpp"
#include "cartography/page_credits.hpp"
#include "model/geometry.hpp"

namespace palliacarte::cartography {

struct MapOptions {
    std::string title_prefix;       ///< before every title: « COPIL du 12 mars — »
    bool structure_labels = false;  ///< name every structure of the type
};

/// What a coverage page draws from: the run, and what is shared by every type's page.
struct CoverageMapInputs {
    const model::Territory& territory;
    const analysis::CoverageAnalysis& analysis;
    PageCredits credits;
    const nlohmann::json& palette;  ///< styles/palette.json
    int epsg;                       ///< the CRS drawn (a national run: metropolitan France)
    std::map<std::string, model::MultiPolygon> departements;  ///< limits, in `epsg`
    MapOptions options;
};

/// @brief The inputs for `territory`'s main CRS, département limits united once.
CoverageMapInputs coverage_map_inputs(const model::Territory& territory,
                                      const analysis::CoverageAnalysis& analysis,
                                      const PageCredits& credits, const nlohmann::json& palette,
                                      const MapOptions& options);

/// @brief « Accès à une HAD en moins de 30 minutes — Corse » (the prefix first).
std::string coverage_map_title(const CoverageMapInputs& in, const analysis::TypeCoverage& tc);

}  // namespace palliacarte::cartography
