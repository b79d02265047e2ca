#pragma once
// Numbers and counted nouns as French planners read them, for every text output (report.md,
// the command summaries): "1 654 712", "59,6 %", "1 commune", "0 habitant", "2 communes".
#include <concepts>
#include <string>

namespace palliacarte::core {

/// @brief 1654712 → "1 654 712" (a plain space: the narrow no-break one is not safe everywhere).
std::string thousands(long long value);
/// @brief Rounded to a whole number first.
std::string thousands(double value);
/// @brief Counts of any integer type (std::size_t…).
template <std::integral T>
std::string thousands(T value) {
    return thousands(static_cast<long long>(value));
}
/// @brief 0.5964 → "59,6 %".
std::string percent_fr(double share, int digits = 1);
/// @brief 2.75 → "2,8", 8759.46 → "8 759,5"; "—" when not finite.
std::string decimal_fr(double value, int digits = 1);
/// @brief "1 commune", "0 habitant", "1 692 communes": French puts 0 and 1 in the singular.
std::string counted(double n, const std::string& singular, const std::string& plural);
/// @brief The noun alone, agreeing with n.
std::string agree(double n, const std::string& singular, const std::string& plural);

}  // namespace palliacarte::core
