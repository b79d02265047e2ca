// The config validator's pieces: the typo distance, the keywords it refuses to ignore, and the
// schema compiled into the binary being the one published in data/.
#include "config/json_schema.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/closest_key.hpp"
#include "config/config_schema.hpp"
#include "test_paths.hpp"

using namespace palliacarte;
using nlohmann::json;

TEST(ClosestKey, TyposAreFoundAndUnrelatedNamesAreNot) {
    EXPECT_EQ(config::edit_distance("departement", "departements"), 1u);
    EXPECT_EQ(config::edit_distance("exclude_patern", "exclude_pattern"), 1u);
    EXPECT_EQ(config::edit_distance("lenght", "length"), 1u);  // adjacent swap
    EXPECT_EQ(config::edit_distance("HAD", "had"), 0u);
    EXPECT_EQ(config::closest_key("categorie", {"type", "categories", "name_pattern"}),
              "categories");
    EXPECT_EQ(config::closest_key("couleur", {"name", "crs", "communes"}), std::nullopt);
    EXPECT_EQ(config::closest_key("typ", {"type", "types"}), "type");
}

TEST(JsonSchema, RefusesKeywordsItDoesNotImplement) {
    EXPECT_THROW(config::JsonSchema(json::parse(R"({"type": "string", "pattern": "^a"})")),
                 std::invalid_argument);
    EXPECT_THROW(config::JsonSchema(json::parse(R"({"oneOf": [{"type": "string"}]})")),
                 std::invalid_argument);
    EXPECT_NO_THROW(config::JsonSchema(json::parse(config::territory_config_schema_text())));
}

TEST(JsonSchema, ReportsEveryViolationWithItsPath) {
    const config::JsonSchema schema(json::parse(R"({
        "type": "object", "additionalProperties": false, "required": ["a"],
        "properties": {"a": {"type": "integer", "minimum": 1},
                       "list": {"type": "array", "items": {"enum": ["x", "y"]}}}})"));
    const auto v = schema.validate(json::parse(R"({"a": 0, "list": ["x", "z"], "b": 1})"));
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0].path, "a");
    EXPECT_EQ(v[0].kind, config::SchemaViolation::Kind::out_of_range);
    EXPECT_EQ(v[1].path, "b");
    EXPECT_EQ(v[1].kind, config::SchemaViolation::Kind::unknown_key);
    EXPECT_EQ(v[2].path, "list[1]");
    EXPECT_EQ(v[2].kind, config::SchemaViolation::Kind::not_allowed);
    EXPECT_TRUE(schema.validate(json::parse(R"({"a": 3})")).empty());
    EXPECT_EQ(schema.validate(json::parse(R"({"a": 2.5})")).at(0).kind,
              config::SchemaViolation::Kind::wrong_type);
}

TEST(ConfigSchema, TheBinaryCarriesThePublishedSchema) {
    std::ifstream in(test::source_dir() + "/data/territory-config.schema.json");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(json::parse(text.str()), json::parse(config::territory_config_schema_text()));
    const auto& paths = config::territory_config_schema().property_paths();
    for (const char* p : {"departements", "analysis.where_next.k", "structures[].select[].type",
                          "roads.fields.length", "crow_fly.speed_kmh"})
        EXPECT_NE(std::find(paths.begin(), paths.end(), p), paths.end()) << p;
}
