#pragma once
// Reads a JSON file whose top level is an object holding one large array (FINESS+:
// {"schemaVersion": …, "pmej": [ … ]}) one array element at a time, with nlohmann's SAX
// interface: memory stays that of the largest element, whatever the file's size.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace palliacarte::core {

struct JsonStreamSummary {
    std::map<std::string, std::string> top_level;  ///< the top object's scalar members, as text
    std::size_t elements = 0;                      ///< elements of the array handed over
    std::uintmax_t bytes = 0;                      ///< size of the file
};

/// @brief Calls `on_element` with each element of the top-level member `array_key`, in order.
/// Throws DataError naming the file and the byte where the JSON breaks (invalid or truncated
/// file) or when the top level is not an object holding that array.
JsonStreamSummary stream_json_array(const std::string& path, const std::string& array_key,
                                    const std::function<void(nlohmann::json&&)>& on_element);

}  // namespace palliacarte::core
