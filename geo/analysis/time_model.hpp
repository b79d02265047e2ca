#pragma once
// How travel times were computed, named once: by road, or as the crow flies when the territory
// has no road network. Every output says which, in the words below.
namespace palliacarte::analysis {

enum class TimeModel { road, crow_fly };

/// @brief Machine name, in metadata.json and the GeoPackage provenance: "road", "crow_fly".
constexpr const char* to_string(TimeModel m) {
    return m == TimeModel::road ? "road" : "crow_fly";
}

/// @brief What decided a commune's status, in its `method` field: "temps_route", "vol_oiseau"
/// (joined with "+zone_declaree" when a declared area agrees).
constexpr const char* commune_method_word(TimeModel m) {
    return m == TimeModel::road ? "temps_route" : "vol_oiseau";
}

}  // namespace palliacarte::analysis
