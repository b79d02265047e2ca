#pragma once
// Numbers as French planners read them in the command's output.
#include <cstdint>
#include <string>

#include "core/french_format.hpp"

namespace palliacarte::cli {

/// @brief 1654712 → "1 654 712" (the library's, shared with report.md).
using palliacarte::core::thousands;

/// @brief "1,6 Mo", "820 ko", "12 o" (decimal comma).
std::string french_size(std::uint64_t bytes);

}  // namespace palliacarte::cli
