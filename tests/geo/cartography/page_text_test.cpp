// French print typography on the pages: no-break spaces before « : », « % », inside « », and
// narrow ones between thousands; and the scale bar's round lengths.
#include "cartography/page_text.hpp"

#include <gtest/gtest.h>

#include "cartography/map_frame.hpp"

namespace palliacarte {
namespace {

TEST(PageText, FrenchPrintTypography) {
    EXPECT_EQ(cartography::print_typography("Sources : 214 237 habitants, 5 %"),
              "Sources\u00a0: 214\u202f237 habitants, 5\u00a0%");
    EXPECT_EQ(cartography::print_typography("« zone blanche »"), "«\u00a0zone blanche\u00a0»");
}

TEST(MapFrame, ScaleBarLengthsAreRound) {
    EXPECT_EQ(cartography::round_scale_length(73000), 50000);
    EXPECT_EQ(cartography::round_scale_length(1999), 1000);
    EXPECT_EQ(cartography::round_scale_length(250), 200);
}

}  // namespace
}  // namespace palliacarte
