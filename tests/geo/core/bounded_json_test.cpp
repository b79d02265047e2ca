// JSON from outside is refused when nested deeper than the cap, wherever the brackets are
// (strings with brackets do not count), with the byte where the cap was crossed. (Configs are
// read through it: tests/geo/config/territory_config_test.cpp.)
#include <gtest/gtest.h>

#include <string>

#include "core/bounded_json.hpp"
#include "core/errors.hpp"

namespace palliacarte {
namespace {

std::string nested(int depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

TEST(BoundedJson, RefusesDocumentsDeeperThanTheCap) {
    EXPECT_EQ(core::parse_bounded_json(nested(64)).size(), 1u);
    try {
        core::parse_bounded_json("{\"a\":" + nested(65) + "}");
        FAIL() << "accepted 66 levels";
    } catch (const nlohmann::json::parse_error& e) {
        EXPECT_EQ(e.byte, 69u);  // 1-based: the object is level 1, its 64th [ level 65
        EXPECT_NE(std::string(e.what()).find("imbrication de plus de 64 niveaux"),
                  std::string::npos);
    }
    // 131,065 levels (the body that crashed the service) is refused in one pass.
    EXPECT_THROW(core::parse_bounded_json(nested(131065)), nlohmann::json::parse_error);
    EXPECT_THROW(core::parse_bounded_json(nested(5), 4), nlohmann::json::parse_error);
}

TEST(BoundedJson, BracketsInStringsAndEscapesDoNotCount) {
    const std::string text = "{\"a\":\"" + std::string(200, '[') + "\\\"" + "\",\"b\":[1]}";
    const auto doc = core::parse_bounded_json(text);
    EXPECT_EQ(doc["a"].get<std::string>().size(), 201u);
    EXPECT_EQ(doc["b"][0], 1);
    // Ordinary errors are still the parser's own; a number past a double's range is one too
    // (it was an out_of_range exception no reader expected: a crash found by fuzzing).
    EXPECT_THROW(core::parse_bounded_json("{\"a\":"), nlohmann::json::parse_error);
    EXPECT_THROW(core::parse_bounded_json("[1e400]"), nlohmann::json::parse_error);
}

}  // namespace
}  // namespace palliacarte
