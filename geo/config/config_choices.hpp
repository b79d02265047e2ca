#pragma once
// Every choice a config offers by name (`format`, `outside`, `direction`…), as an enum the code
// compares, and the one table per enum that maps names to values: the parser reads through it,
// messages and summaries print through it, and a test holds it to the config schema's enums.
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace palliacarte::config {

/// `population.format`: decoupage-administratif communes.json, code,population CSV, or the
/// POPULATION field of the boundary file.
enum class PopulationFormat { etalab_communes_json, csv, boundary_field };
/// `structures[].format`.
enum class StructureFormat { filiere_csv, finess_etalab, finess_flat, finess_plus, ogr };
/// `structures[].outside`: what becomes of an establishment beyond structure_margin_km.
enum class OutsidePolicy { report, skip };
/// `territories[].format`: a commune,territory CSV or ept.json/epci.json.
enum class GroupingFormat { csv, etalab_groupings };
/// `roads.format`: an OpenStreetMap extract or any OGR layer of links.
enum class RoadFormat { osm, ogr_links };
/// `roads.direction`: each feature one directed link, or two-way unless its direction field
/// says otherwise.
enum class LinkLayout { forward, both };
/// `roads.speed_field_kind`: a legal limit (× the profile's realism factor) or an average.
enum class SpeedFieldKind { limit, average };
/// `roads.off_road`: a point far from every road keeps its walk's time, or is out of reach.
enum class OffRoadPolicy { count_with_time, out_of_reach };

/// The names of an enum's values, as the config and data/territory-config.schema.json write
/// them: the one place they are spelled (tests/geo/config/config_choices_test.cpp holds the
/// schema's enums to them).
template <class E>
struct ChoiceNames;
template <class E, std::size_t N>
using ChoiceTable = std::array<std::pair<E, std::string_view>, N>;

template <>
struct ChoiceNames<PopulationFormat> {
    static constexpr ChoiceTable<PopulationFormat, 3> table{
        {{PopulationFormat::etalab_communes_json, "etalab-communes-json"},
         {PopulationFormat::csv, "csv"},
         {PopulationFormat::boundary_field, "boundary-field"}}};
};
template <>
struct ChoiceNames<StructureFormat> {
    static constexpr ChoiceTable<StructureFormat, 5> table{
        {{StructureFormat::filiere_csv, "filiere-csv"},
         {StructureFormat::finess_etalab, "finess-etalab"},
         {StructureFormat::finess_flat, "finess-flat"},
         {StructureFormat::finess_plus, "finess-plus"},
         {StructureFormat::ogr, "ogr"}}};
};
template <>
struct ChoiceNames<OutsidePolicy> {
    static constexpr ChoiceTable<OutsidePolicy, 2> table{
        {{OutsidePolicy::report, "report"}, {OutsidePolicy::skip, "skip"}}};
};
template <>
struct ChoiceNames<GroupingFormat> {
    static constexpr ChoiceTable<GroupingFormat, 2> table{
        {{GroupingFormat::csv, "csv"}, {GroupingFormat::etalab_groupings, "etalab-groupings"}}};
};
template <>
struct ChoiceNames<RoadFormat> {
    static constexpr ChoiceTable<RoadFormat, 2> table{
        {{RoadFormat::osm, "osm"}, {RoadFormat::ogr_links, "ogr-links"}}};
};
template <>
struct ChoiceNames<LinkLayout> {
    static constexpr ChoiceTable<LinkLayout, 2> table{
        {{LinkLayout::forward, "forward"}, {LinkLayout::both, "both"}}};
};
template <>
struct ChoiceNames<SpeedFieldKind> {
    static constexpr ChoiceTable<SpeedFieldKind, 2> table{
        {{SpeedFieldKind::limit, "limit"}, {SpeedFieldKind::average, "average"}}};
};
template <>
struct ChoiceNames<OffRoadPolicy> {
    static constexpr ChoiceTable<OffRoadPolicy, 2> table{
        {{OffRoadPolicy::count_with_time, "count-with-time"},
         {OffRoadPolicy::out_of_reach, "out-of-reach"}}};
};

/// @brief The value's name in the config ("finess-plus").
template <class E>
std::string_view name_of(E value) {
    for (const auto& [v, name] : ChoiceNames<E>::table)
        if (v == value) return name;
    return "";
}

/// @brief « "a", "b" ou "c" »: the names, for messages.
template <class E>
std::string choice_list() {
    // Appended piece by piece: GCC 12 warns (-Wstringop-overflow) on chained temporaries here.
    std::string out;
    const auto& t = ChoiceNames<E>::table;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i > 0) out.append(i + 1 == t.size() ? " ou " : ", ");
        out.push_back('"');
        out.append(t[i].second);
        out.push_back('"');
    }
    return out;
}

[[noreturn]] void unknown_choice(const std::string& where, const std::string& key,
                                 const std::string& found, const std::string& expected);

/// @brief The value named `name`; @throws ConfigError « `where.key` : … » listing the names.
template <class E>
E choice_named(const std::string& name, const std::string& where, const std::string& key) {
    for (const auto& [v, n] : ChoiceNames<E>::table)
        if (n == name) return v;
    unknown_choice(where, key, name, choice_list<E>());
}

/// @brief j[key] read as a choice, `fallback` when absent. @throws ConfigError as above, and
/// when the value is not a string.
template <class E>
E field_choice(const nlohmann::json& j, const std::string& key, E fallback,
               const std::string& where = {}) {
    if (!j.contains(key)) return fallback;
    if (!j[key].is_string()) unknown_choice(where, key, j[key].dump(), choice_list<E>());
    return choice_named<E>(j[key].get<std::string>(), where, key);
}

}  // namespace palliacarte::config
