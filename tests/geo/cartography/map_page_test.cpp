// The pages' colours come from styles/palette.json, the palette the QGIS styles and the web map
// share: every status and type the maps draw has its colour there, parsed as written.
#include "cartography/map_page.hpp"

#include <gtest/gtest.h>

#include "printed_pages.hpp"

namespace palliacarte {
namespace {

TEST(MapPage, ColoursComeFromTheSharedPalette) {
    const nlohmann::json& palette = test::palette();
    for (const char* status : {"covered", "partial", "white_zone"}) {
        const std::string hex = palette["status"][status];
        const cartography::Rgb c =
            cartography::palette_colour(palette, "status", status, "#000000");
        EXPECT_NEAR(c.r * 255, std::stoi(hex.substr(1, 2), nullptr, 16), 1e-9) << status;
        EXPECT_NEAR(c.g * 255, std::stoi(hex.substr(3, 2), nullptr, 16), 1e-9) << status;
        EXPECT_NEAR(c.b * 255, std::stoi(hex.substr(5, 2), nullptr, 16), 1e-9) << status;
    }
    // The white zones' red is ColorBrewer RdYlBu's, as in QGIS.
    const cartography::Rgb white =
        cartography::palette_colour(palette, "status", "white_zone", "#000000");
    EXPECT_NEAR(white.r, 0xd7 / 255.0, 1e-9);
    // A type the palette lacks, or a group it lacks: the fallback.
    const cartography::Rgb other =
        cartography::palette_colour(palette, "types", "NOUVEAU", "#777777");
    EXPECT_NEAR(other.g, 0x77 / 255.0, 1e-9);
    EXPECT_NEAR(cartography::palette_colour(palette, "nothing", "x", "#ffffff").b, 1.0, 1e-9);
    EXPECT_EQ(palette["other_type"], "#777777") << "make_styles.py's OTHER group, for the web map";
}

}  // namespace
}  // namespace palliacarte
