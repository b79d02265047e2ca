#pragma once
#include <string>
#include <vector>

namespace palliacarte::cli {

/// @brief `palliacarte init --data DIR --out CONFIG [--departements …] [--types …]`: writes a
/// territory config from what `palliacarte fetch` brought into DIR.
int run_init(const std::vector<std::string>& args);

}  // namespace palliacarte::cli
