#include "roads/car_profile.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

TEST(CarProfile, FrenchProfileSpeedsAndMaxspeeds) {
    const auto p = roads::CarProfile::load(test::config("profiles/car-fr.json"));
    EXPECT_EQ(*p.class_speed_kmh("primary", roads::RoadContext::rural), 70);
    EXPECT_EQ(*p.class_speed_kmh("primary", roads::RoadContext::urban), 40);
    EXPECT_FALSE(p.class_speed_kmh("footway", roads::RoadContext::rural));
    EXPECT_FALSE(p.is_routable_class("track"));
    EXPECT_TRUE(p.is_routable_class("service"));
    EXPECT_EQ(*p.parse_maxspeed_kmh("90"), 90);
    EXPECT_EQ(*p.parse_maxspeed_kmh("FR:urban"), 50);
    EXPECT_EQ(*p.parse_maxspeed_kmh("FR:motorway"), 130);
    EXPECT_NEAR(*p.parse_maxspeed_kmh("30 mph"), 48.28, 0.01);
    EXPECT_EQ(*p.parse_maxspeed_kmh("walk"), 6);
    EXPECT_EQ(*p.parse_maxspeed_kmh("50;30"), 30);
    EXPECT_FALSE(p.parse_maxspeed_kmh("none"));
    EXPECT_FALSE(p.parse_maxspeed_kmh("signals"));
    EXPECT_NEAR(p.realistic_kmh(80), 68, 1e-9);
    EXPECT_TRUE(p.implied_oneway("motorway"));
    EXPECT_TRUE(p.access_excluded("private"));
}

TEST(CarProfile, BadProfileIsAConfigError) {
    EXPECT_THROW(
        roads::CarProfile::from_json_text(R"({"class_speeds_kmh": {"primary": -5}})", "p.json"),
        core::ConfigError);
    EXPECT_THROW(roads::CarProfile::from_json_text("{}", "p.json"), core::ConfigError);
    EXPECT_THROW(roads::CarProfile::load("/nonexistent/profile.json"), core::ConfigError);
}
