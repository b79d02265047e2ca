#include "cartography/paper_size.hpp"

namespace palliacarte::cartography {

std::optional<PaperSize> paper_size_named(std::string_view name) {
    if (name == "A4" || name == "a4") return PaperSize::a4;
    if (name == "A3" || name == "a3") return PaperSize::a3;
    return std::nullopt;
}

}  // namespace palliacarte::cartography
