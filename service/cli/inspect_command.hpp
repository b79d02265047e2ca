#pragma once
#include <string>
#include <vector>

namespace palliacarte::cli {

/// @brief `palliacarte inspect CONFIG [--json] [--data-root DIR] [--quiet] [--all-diagnostics]`.
int run_inspect(const std::vector<std::string>& args);

}  // namespace palliacarte::cli
