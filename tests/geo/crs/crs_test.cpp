// PROJ through CrsTransform and crs_kind, and the French département → CRS rules, on points
// whose answer is known by definition (Lambert-93's origin) or by the INSEE code list.
#include <gtest/gtest.h>

#include <thread>

#include "core/errors.hpp"
#include "crs/crs_kind.hpp"
#include "crs/crs_transform.hpp"
#include "crs/departement_crs.hpp"

namespace palliacarte {
namespace {

TEST(CrsTransform, LambertOriginLandsOnItsFalseEastingAndNorthing) {
    // Lambert-93: 3°E, 46°30'N is (700 000, 6 600 000) by the projection's definition.
    const crs::CrsTransform t("OGC:CRS84", crs::epsg_string(2154));
    double x = 3, y = 46.5;
    ASSERT_TRUE(t.transform(x, y));
    EXPECT_NEAR(x, 700000, 1e-3);
    EXPECT_NEAR(y, 6600000, 1e-3);
}

TEST(CrsTransform, EpsgAxisOrderIsEastNorthWhateverTheCrsSays) {
    // EPSG:4326 is officially latitude first; palliacarte always hands x = longitude.
    const crs::CrsTransform t("EPSG:4326", crs::epsg_string(2154));
    double x = 3, y = 46.5;
    ASSERT_TRUE(t.transform(x, y));
    EXPECT_NEAR(x, 700000, 1e-3);
}

TEST(CrsTransform, PolygonsGoThereAndBackUnchanged) {
    model::MultiPolygon mp;
    mp.resize(1);
    for (const auto& [x, y] : std::vector<std::pair<double, double>>{
             {1200000, 6100000}, {1210000, 6100000}, {1210000, 6110000}, {1200000, 6100000}})
        mp[0].outer().push_back({x, y});
    const model::MultiPolygon before = mp;
    EXPECT_EQ(crs::CrsTransform(crs::epsg_string(2154), "OGC:CRS84").transform(mp), 0u);
    EXPECT_GT(mp[0].outer()[0].x, 8.5);  // Corsica: between 8.5 and 9.6°E
    EXPECT_LT(mp[0].outer()[0].x, 9.6);
    EXPECT_EQ(crs::CrsTransform("OGC:CRS84", crs::epsg_string(2154)).transform(mp), 0u);
    for (std::size_t i = 0; i < before[0].outer().size(); ++i) {
        EXPECT_NEAR(mp[0].outer()[i].x, before[0].outer()[i].x, 1e-6);
        EXPECT_NEAR(mp[0].outer()[i].y, before[0].outer()[i].y, 1e-6);
    }
}

TEST(CrsTransform, UnknownCrsIsAConfigError) {
    EXPECT_THROW(crs::CrsTransform("EPSG:999999", crs::epsg_string(2154)), core::ConfigError);
}

TEST(CrsKind, TellsGeographicFromProjected) {
    const crs::CrsKind wgs84 = crs::crs_kind("EPSG:4326");
    EXPECT_TRUE(wgs84.known);
    EXPECT_FALSE(wgs84.projected);
    EXPECT_EQ(wgs84.name, "WGS 84");
    const crs::CrsKind lambert = crs::crs_kind("EPSG:2154");
    EXPECT_TRUE(lambert.projected);
    EXPECT_NE(lambert.name.find("Lambert-93"), std::string::npos) << lambert.name;
    EXPECT_FALSE(crs::crs_kind("EPSG:999999").known);
}

TEST(DepartementCrs, CodesAndTheirNaturalCrs) {
    EXPECT_EQ(crs::normalize_departement("2a"), "2A");
    EXPECT_EQ(crs::normalize_departement("1"), "01");
    EXPECT_EQ(crs::normalize_departement("9D"), "974");  // La Réunion in the FINESS spelling
    EXPECT_EQ(crs::departement_of_insee("2A004"), "2A");
    EXPECT_EQ(crs::departement_of_insee("97411"), "974");
    EXPECT_EQ(crs::departement_of_insee("92050"), "92");
    EXPECT_EQ(crs::natural_epsg_for_departement("92"), 2154);
    EXPECT_EQ(crs::natural_epsg_for_departement("974"), 2975);  // RGR92 / UTM 40S
    EXPECT_TRUE(crs::is_overseas("976"));
    EXPECT_FALSE(crs::is_overseas("2B"));
}

// The on-demand endpoints reuse one transformation per thread: building one queries PROJ's
// database (it was a third of a catchment request). Same object on a thread, another on the
// next thread (PROJ objects are not shared), both transforming alike.
TEST(CrsTransform, OnePerThreadIsBuiltOnceAndKept) {
    const crs::CrsTransform& a = crs::CrsTransform::for_this_thread("OGC:CRS84", "EPSG:2154");
    EXPECT_EQ(&a, &crs::CrsTransform::for_this_thread("OGC:CRS84", "EPSG:2154"));
    EXPECT_NE(&a, &crs::CrsTransform::for_this_thread("EPSG:2154", "OGC:CRS84"));
    double x = 3, y = 46.5;
    ASSERT_TRUE(a.transform(x, y));
    EXPECT_NEAR(x, 700000, 0.01);
    EXPECT_NEAR(y, 6600000, 0.01);
    const crs::CrsTransform* other = nullptr;
    double ox = 3, oy = 46.5;
    std::thread([&] {
        other = &crs::CrsTransform::for_this_thread("OGC:CRS84", "EPSG:2154");
        other->transform(ox, oy);
    }).join();
    EXPECT_NE(other, &a);
    EXPECT_EQ(ox, x);
    EXPECT_EQ(oy, y);
    EXPECT_THROW(crs::CrsTransform::for_this_thread("EPSG:999999", "EPSG:2154"), core::ConfigError);
}

}  // namespace
}  // namespace palliacarte
