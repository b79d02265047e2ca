// The config's named choices: the enums' name tables (config_choices.hpp) are exactly the
// schema's enums, name ↔ value both ways, and an unknown name is a ConfigError listing them.
#include "config/config_choices.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/errors.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

const nlohmann::json& schema() {
    static const nlohmann::json s = nlohmann::json::parse(
        std::ifstream(test::source_dir() + "/data/territory-config.schema.json"));
    return s;
}

template <class E>
void matches_schema(const std::string& pointer) {
    std::set<std::string> in_schema, in_table;
    for (const auto& name : schema().at(nlohmann::json::json_pointer(pointer)).at("enum"))
        in_schema.insert(name.get<std::string>());
    for (const auto& [value, name] : config::ChoiceNames<E>::table) {
        in_table.insert(std::string(name));
        EXPECT_EQ(config::choice_named<E>(std::string(name), "s", "k"), value) << name;
        EXPECT_EQ(config::name_of(value), name);
    }
    EXPECT_EQ(in_table, in_schema) << pointer;
    EXPECT_EQ(in_table.size(), config::ChoiceNames<E>::table.size()) << pointer << ": a name twice";
}

TEST(ConfigChoices, EveryTableIsTheSchemasEnum) {
    matches_schema<config::PopulationFormat>("/properties/population/properties/format");
    matches_schema<config::StructureFormat>("/$defs/structure_source/properties/format");
    matches_schema<config::OutsidePolicy>("/$defs/structure_source/properties/outside");
    matches_schema<config::GroupingFormat>("/$defs/territory_source/properties/format");
    matches_schema<config::RoadFormat>("/$defs/roads/properties/format");
    matches_schema<config::LinkLayout>("/$defs/roads/properties/direction");
    matches_schema<config::SpeedFieldKind>("/$defs/roads/properties/speed_field_kind");
    matches_schema<config::OffRoadPolicy>("/$defs/roads/properties/off_road");
}

TEST(ConfigChoices, AnUnknownNameIsAConfigErrorListingTheNames) {
    try {
        config::field_choice(nlohmann::json{{"format", "pbf"}}, "format",
                             config::RoadFormat::ogr_links, "roads");
        FAIL() << "accepted";
    } catch (const core::ConfigError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("`roads.format`"), std::string::npos) << what;
        EXPECT_NE(what.find("« pbf »"), std::string::npos) << what;
        EXPECT_NE(what.find("\"osm\" ou \"ogr-links\""), std::string::npos) << what;
    }
    EXPECT_THROW(config::field_choice(nlohmann::json{{"off_road", 3}}, "off_road",
                                      config::OffRoadPolicy::count_with_time, "roads"),
                 core::ConfigError);
    EXPECT_EQ(config::field_choice(nlohmann::json::object(), "direction", config::LinkLayout::both),
              config::LinkLayout::both);
}

}  // namespace
}  // namespace palliacarte
