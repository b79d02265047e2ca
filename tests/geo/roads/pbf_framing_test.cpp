// The PBF block walk that guards libosmium: every real extract passes and its blocks tile the
// file exactly; damaged copies of a real extract are refused with the block named.
#include "roads/pbf_framing.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "roads/osm_road_loader.hpp"
#include "test_paths.hpp"

using namespace palliacarte;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string framing_error(const std::string& path) {
    try {
        roads::check_pbf_framing(path);
    } catch (const core::DataError& e) {
        EXPECT_EQ(e.file(), path);
        return e.reason();
    }
    return "";
}

const char* const lorient = "osm/lorient_56_osm-api.osm.pbf";

}  // namespace

TEST(PbfFraming, EveryRealExtractTilesItsFile) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    std::size_t extracts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::data("osm"))) {
        const std::string path = entry.path().string();
        if (!roads::is_pbf_path(path)) continue;
        ++extracts;
        const roads::PbfFraming framing = roads::check_pbf_framing(path);
        EXPECT_GE(framing.blocks, 2u) << path;  // the OSMHeader and at least one OSMData
        // 4-byte lengths, headers and payloads make the whole file: no byte unaccounted.
        EXPECT_EQ(4 * framing.blocks + framing.header_bytes + framing.data_bytes,
                  std::filesystem::file_size(path))
            << path;
    }
    EXPECT_GE(extracts, 5u);
}

TEST(PbfFraming, TruncatedExtractNamesTheCutBlock) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    const std::string whole = read_bytes(test::data(lorient));
    test::ScratchDir dir("pbf-framing-cut");
    const auto cut = dir.write("cut.osm.pbf", whole.substr(0, whole.size() - 100));
    const std::string reason = framing_error(cut);
    EXPECT_NE(reason.find("fichier tronqué"), std::string::npos) << reason;
    EXPECT_NE(reason.find("OpenStreetMap"), std::string::npos) << reason;
    // The loader refuses it the same way, before libosmium reads a byte.
    model::RoadLoadStats stats;
    core::LoadReport report;
    const roads::CarProfile profile = roads::CarProfile::load(test::config("profiles/car-fr.json"));
    EXPECT_THROW(roads::load_osm_roads(cut, 2154, profile, stats, report), core::DataError);
}

TEST(PbfFraming, BlockHeaderWithoutTypeIsRefused) {
    // Hand-made, 6 bytes: what the fuzzer found (libosmium then calls strncmp on a null
    // pointer): a header length of 2, then a BlobHeader holding only datasize = 5.
    test::ScratchDir dir("pbf-framing-notype");
    const auto path = dir.write("notype.osm.pbf", std::string("\0\0\0\x02\x18\x05", 6));
    const std::string reason = framing_error(path);
    EXPECT_NE(reason.find("bloc n° 1 (octet 0)"), std::string::npos) << reason;
    EXPECT_NE(reason.find("sans type"), std::string::npos) << reason;
}

TEST(PbfFraming, DataBlockBeforeHeaderAndOversizeBlockAreRefused) {
    PALLIACARTE_REQUIRE_SHARED_DATA();
    std::string bytes = read_bytes(test::data(lorient));
    test::ScratchDir dir("pbf-framing-bad");
    // The real file's first header says "OSMHeader"; rename it so the file starts with data.
    std::string swapped = bytes;
    const auto at = swapped.find("OSMHeader");
    ASSERT_NE(at, std::string::npos);
    swapped.replace(at, 9, "OSMDatum_");
    EXPECT_NE(framing_error(dir.write("swapped.osm.pbf", swapped)).find("« OSMHeader » attendu"),
              std::string::npos);
    // A header length over 64 KiB.
    std::string huge = bytes;
    huge[1] = '\x7f';
    EXPECT_NE(framing_error(dir.write("huge.osm.pbf", huge)).find("hors des limites"),
              std::string::npos);
}
