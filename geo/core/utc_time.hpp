#pragma once
// The time stamps palliacarte writes (fetch records, the provenance of every output).
#include <string>

namespace palliacarte::core {

/// @brief Now, UTC, ISO 8601: "2026-11-26T08:53:12Z".
std::string utc_now();

}  // namespace palliacarte::core
