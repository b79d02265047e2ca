#pragma once
// Numbers as French planners read them in the command's output.
#include <cstdint>
#include <string>

namespace palliacarte::cli {

/// @brief 1654712 → "1 654 712".
std::string thousands(long long value);

/// @brief "1,6 Mo", "820 ko", "12 o" (decimal comma).
std::string french_size(std::uint64_t bytes);

}  // namespace palliacarte::cli
