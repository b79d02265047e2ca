#pragma once
// The paper a printed map or the atlas is laid out for.
#include <optional>
#include <string_view>

namespace palliacarte::cartography {

enum class PaperSize { a4, a3 };

/// @brief "A4"/"a4", "A3"/"a3"; empty otherwise.
std::optional<PaperSize> paper_size_named(std::string_view name);

}  // namespace palliacarte::cartography
