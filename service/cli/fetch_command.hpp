#pragma once
#include <string>
#include <vector>

namespace palliacarte::cli {

/// @brief `palliacarte fetch --departements 25,39 [--into DIR] [--with-roads] [--grid V]`:
/// downloads the official open data an analysis of those départements needs.
int run_fetch(const std::vector<std::string>& args);

}  // namespace palliacarte::cli
