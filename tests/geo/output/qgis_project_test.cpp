// The QGIS project's per-type styles, cut from the shipped QML: a type keeps its own rules or
// category only; a type the styles do not know (a config's EHPAD-like addition) gets the
// « Autres types » rule or category, named after it, so that it is drawn.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "output/qgis_project.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

std::string style(const std::string& name) {
    std::ifstream in(test::source_dir() + "/styles/" + name + ".qml");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(QgisProject, AKnownTypeKeepsItsOwnRulesOnly) {
    const std::string qml = style("communes_coverage");
    ASSERT_GT(count(qml, "<rule key=\"type-"), 10u);
    const std::string had = output::qml_for_type(qml, "HAD");
    EXPECT_EQ(count(had, "<rule key=\"type-"), 1u);
    EXPECT_NE(had.find("<rule key=\"type-HAD\""), std::string::npos);
    EXPECT_EQ(count(had, "<rule key=\"HAD-"), 3u) << "covered, partial, white zone";
    EXPECT_NE(had.find("</renderer-v2>"), std::string::npos) << "the renderer closes";
    // Catchments nest their rules two levels deep: kept whole.
    const std::string catchments = output::qml_for_type(style("catchments"), "USP");
    EXPECT_EQ(count(catchments, "<rule key=\"type-"), 1u);
    std::size_t opened = 0;  // <rule …> not closed on the spot
    for (auto at = catchments.find("<rule "); at != std::string::npos;
         at = catchments.find("<rule ", at + 1))
        opened += catchments[catchments.find('>', at) - 1] != '/';
    EXPECT_GT(count(catchments, "<rule key=\"USP-"), 2u);
    EXPECT_EQ(opened, count(catchments, "</rule>")) << "the rules kept are whole";
}

TEST(QgisProject, AnUnknownTypeIsDrawnByTheCatchAll) {
    const std::string rules = output::qml_for_type(style("white_zones"), "TYPE_AJOUTE");
    EXPECT_EQ(count(rules, "<rule key=\"type-"), 1u);
    EXPECT_NE(rules.find("<rule key=\"type-OTHER\" label=\"TYPE_AJOUTE\""), std::string::npos);
    const std::string categories = output::qml_for_type(style("structures"), "TYPE_AJOUTE");
    EXPECT_EQ(count(categories, "<category "), 1u);
    EXPECT_NE(categories.find("value=\"\" label=\"TYPE_AJOUTE\""), std::string::npos)
        << categories.substr(0, 400);
    const std::string had = output::qml_for_type(style("structures"), "HAD");
    EXPECT_EQ(count(had, "<category "), 1u);
    EXPECT_NE(had.find("value=\"HAD\""), std::string::npos);
}

}  // namespace
}  // namespace palliacarte
