#pragma once
// "Did you mean": the valid name closest to a misspelt one (departement → departements,
// exclude_patern → exclude_pattern), or none when nothing is close enough to be a typo.
#include <optional>
#include <string>
#include <vector>

namespace palliacarte::config {

/// @brief Optimal string alignment distance (an adjacent swap costs 1), case-insensitive.
std::size_t edit_distance(const std::string& a, const std::string& b);

/// @brief The candidate nearest to `typed` if it is within a typo's reach (at most 1 edit for
/// short names, 2 for names of 6+ characters, 3 for 12+), else nothing.
std::optional<std::string> closest_key(const std::string& typed,
                                       const std::vector<std::string>& candidates);

}  // namespace palliacarte::config
