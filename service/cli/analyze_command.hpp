#pragma once
#include <string>
#include <vector>

namespace palliacarte::cli {

/// @brief `palliacarte analyze CONFIG --out DIR`: loads the territory, runs the coverage
/// analysis and writes every output. Returns the process exit code.
int run_analyze(const std::vector<std::string>& args);

}  // namespace palliacarte::cli
