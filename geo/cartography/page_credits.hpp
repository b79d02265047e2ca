#pragma once
// What a page says about the run it shows. Free of Cairo: output/ builds it from the run's
// provenance without seeing how pages are drawn.
#include <string>

namespace palliacarte::cartography {

struct PageCredits {
    std::string territory;  ///< « Corse »
    std::string run_date;   ///< ISO 8601
    std::string version;    ///< palliacarte's
    std::string sources;    ///< « Sources : … » and the attribution
};

}  // namespace palliacarte::cartography
