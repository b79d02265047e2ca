#pragma once
#include <string>
#include <vector>

namespace palliacarte::cli {

/// @brief `palliacarte compare CONFIG [--activities FILE --structures FILE] [--csv FILE]`:
/// the config's structures (a curated directory) against the FINESS+ reading of the same
/// territory.
int run_compare(const std::vector<std::string>& args);

}  // namespace palliacarte::cli
