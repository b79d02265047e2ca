// The report's Markdown as the atlas sets it: inline marks become Pango markup, the rest escaped.
#include "cartography/markdown_pages.hpp"

#include <gtest/gtest.h>

namespace palliacarte {
namespace {

TEST(MarkdownPages, InlineMarksBecomePangoMarkup) {
    EXPECT_EQ(cartography::inline_markup("**89** communes & `white_zones.csv` *couvert*"),
              "<b>89</b> communes &amp; <tt>white_zones.csv</tt> <i>couvert</i>");
    EXPECT_EQ(cartography::inline_markup("3 * 4 < 20"), "3 * 4 &lt; 20")
        << "a lone star is no italics";
}

}  // namespace
}  // namespace palliacarte
