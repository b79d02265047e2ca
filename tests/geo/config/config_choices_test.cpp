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
    for (const auto& [value, name] : ChoiceNames<E>::table) {
        in_table.insert(std::string(name));
        EXPECT_EQ(choice_named<E>(std::string(name), "s", "k"), value) << name;
        EXPECT_EQ(name_of(value), name);
    }
    EXPECT_EQ(in_table, in_schema) << pointer;
    EXPECT_EQ(in_table.size(), ChoiceNames<E>::table.size()) << pointer << ": a name twice";
}

TEST(ConfigChoices, EveryTableIsTheSchemasEnum) {
    matches_schema<PopulationFormat>("/properties/population/properties/format");
    matches_schema<StructureFormat>("/$defs/structure_source/properties/format");
    matches_schema<OutsidePolicy>("/$defs/structure_source/properties/outside");
    matches_schema<GroupingFormat>("/$defs/territory_source/properties/format");
    matches_schema<RoadFormat>("/$defs/roads/properties/format");
    matches_schema<LinkLayout>("/$defs/roads/properties/direction");
    matches_schema<SpeedFieldKind>("/$defs/roads/properties/speed_field_kind");
    matches_schema<OffRoadPolicy>("/$defs/roads/properties/off_road");
}

TEST(ConfigChoices, AnUnknownNameIsAConfigErrorListingTheNames) {
    try {
        field_choice(nlohmann::json{{"format", "pbf"}}, "format", RoadFormat::ogr_links, "roads");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("`roads.format`"), std::string::npos) << what;
        EXPECT_NE(what.find("« pbf »"), std::string::npos) << what;
        EXPECT_NE(what.find("\"osm\" ou \"ogr-links\""), std::string::npos) << what;
    }
    EXPECT_THROW(field_choice(nlohmann::json{{"off_road", 3}}, "off_road",
                              OffRoadPolicy::count_with_time, "roads"),
                 ConfigError);
    EXPECT_EQ(field_choice(nlohmann::json::object(), "direction", LinkLayout::both),
              LinkLayout::both);
}

}  // namespace
}  // namespace palliacarte
