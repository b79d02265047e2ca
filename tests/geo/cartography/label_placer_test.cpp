// Structure names on the maps: crowded anchors get labels that never overlap each other or a
// blocked area, stay in the frame, and some are left out rather than piled up.
#include "cartography/label_placer.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace palliacarte {
namespace {

TEST(LabelPlacer, LabelsNeverOverlapAndStayInTheFrame) {
    const cartography::Rect bounds{0, 0, 200, 100};
    cartography::LabelPlacer placer(bounds);
    placer.block({90, 40, 20, 20});
    std::vector<cartography::Rect> placed;
    for (int k = 0; k < 40; ++k)  // crowded anchors along a diagonal
        if (const auto r = placer.place(10 + 4.5 * k, 10 + 2 * k, 30, 8, 2)) placed.push_back(*r);
    EXPECT_GT(placed.size(), 5u);
    EXPECT_LT(placed.size(), 40u) << "some must have been left out";
    for (std::size_t i = 0; i < placed.size(); ++i) {
        EXPECT_FALSE(placed[i].overlaps({90, 40, 20, 20}));
        EXPECT_GE(placed[i].x, 0);
        EXPECT_LE(placed[i].right(), 200);
        EXPECT_GE(placed[i].y, 0);
        EXPECT_LE(placed[i].bottom(), 100);
        for (std::size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(placed[i].overlaps(placed[j]));
    }
}

}  // namespace
}  // namespace palliacarte
