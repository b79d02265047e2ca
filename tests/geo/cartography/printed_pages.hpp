#pragma once
// What the printed-page tests share: Corsica analysed as `analyze` does it (once per test
// binary), the shipped palette, the map pages' inputs, and pdftotext's spaces made plain.
#include <fstream>
#include <sstream>
#include <string>

#include "analysed_territory.hpp"
#include "cartography/coverage_map_inputs.hpp"
#include "core/bounded_json.hpp"
#include "output/run_provenance.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

inline const AnalysedTerritory& corsica() {
    static const AnalysedTerritory x = analysed_territory("corse.json");
    return x;
}

inline const nlohmann::json& palette() {
    static const nlohmann::json palette = [] {
        std::ifstream in(source_dir() + "/styles/palette.json");
        std::stringstream s;
        s << in.rdbuf();
        return core::parse_bounded_json(s.str());
    }();
    return palette;
}

// The map pages' inputs, as analyze builds them (the palette kept for the test's life).
inline cartography::CoverageMapInputs map_inputs(const model::Territory& territory,
                                                 const analysis::CoverageAnalysis& analysis,
                                                 const output::RunProvenance& provenance) {
    return cartography::coverage_map_inputs(territory, analysis, provenance.page_credits(),
                                            palette(), {});
}

// pdftotext gives the page's no-break spaces as U+00A0 and U+202F: plain spaces.
inline std::string plain_nbsp(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "\u00a0") == 0) {
            out += ' ';
            i += 1;
        } else if (s.compare(i, 3, "\u202f") == 0) {
            out += ' ';
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace palliacarte::test
