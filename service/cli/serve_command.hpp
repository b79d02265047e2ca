#pragma once
#include <string>
#include <vector>

namespace palliacarte::cli {

/// @brief `palliacarte serve CONFIG [--host H] [--port P] [--threads N] …`: loads and analyses
/// the territory, then serves it (OGC API – Features and analysis endpoints) until SIGTERM or
/// SIGINT. Returns the process exit code.
int run_serve(const std::vector<std::string>& args);

}  // namespace palliacarte::cli
