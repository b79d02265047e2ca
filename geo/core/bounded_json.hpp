#pragma once
// Reading JSON from outside (configs, data files, request bodies) with a cap on nesting depth.
// nlohmann parses deep documents iteratively, but copying, comparing or walking one recurses:
// a body of 100,000 nested arrays, well under any size limit, overflows a thread's stack. Every
// JSON the program reads goes through here, so no document deeper than the cap exists in memory.
#include <nlohmann/json.hpp>
#include <string_view>

namespace palliacarte::core {

/// Deeper than any document palliacarte reads (configs nest 5 levels, GeoJSON 6).
constexpr int kMaxJsonDepth = 64;

/// @brief nlohmann::json::parse, refusing documents nested deeper than `max_depth`.
/// @throws nlohmann::json::parse_error (also for too deep: id 101, the byte where it happened;
/// and for a number beyond a double's range).
nlohmann::json parse_bounded_json(std::string_view text, int max_depth = kMaxJsonDepth);

/// @brief Whether `e` is parse_bounded_json's refusal of a document nested too deep.
bool is_too_deep(const nlohmann::json::exception& e);

/// @brief The French reason parse_bounded_json gave for refusing: « imbrication de plus de 64
/// niveaux » (empty for nlohmann's own parse errors, whose words are English).
std::string too_deep_reason(const nlohmann::json::exception& e);

}  // namespace palliacarte::core
