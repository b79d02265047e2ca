#include "core/text_encoding.hpp"

#include <gtest/gtest.h>

using namespace palliacarte;

TEST(TextEncoding, RecognisesUtf8AndRejectsLatin1Bytes) {
    EXPECT_TRUE(core::is_valid_utf8("Châtenay-Malabry"));
    EXPECT_FALSE(core::is_valid_utf8("Ch\xE2tenay"));   // Latin-1 â
    EXPECT_FALSE(core::is_valid_utf8("\xC0\xAF"));      // overlong
    EXPECT_FALSE(core::is_valid_utf8("\xED\xA0\x80"));  // surrogate
    EXPECT_FALSE(core::is_valid_utf8("\xE2\x82"));      // truncated
}

TEST(TextEncoding, ConvertsLatin1AndWindows1252) {
    EXPECT_EQ(core::latin1_to_utf8("H\xD4PITAL B\xC9\x43LERE"), "HÔPITAL BÉCLERE");
    EXPECT_EQ(core::latin1_to_utf8("\x8C\x55VRE \x80"), "ŒUVRE €");  // 1252-only characters
}

TEST(TextEncoding, NormalizeStripsBomAndDetects) {
    std::string bom = "\xEF\xBB\xBFid;nom";
    EXPECT_EQ(core::normalize_to_utf8(bom), core::TextEncoding::utf8);
    EXPECT_EQ(bom, "id;nom");
    std::string latin = "S\xE8vres";
    EXPECT_EQ(core::normalize_to_utf8(latin), core::TextEncoding::latin1);
    EXPECT_EQ(latin, "Sèvres");
}

TEST(TextEncoding, FoldsAccentsForMatching) {
    EXPECT_EQ(core::fold_for_matching("Bénévoles"), "BENEVOLES");
    EXPECT_EQ(core::fold_for_matching("Œuvre"), "OEUVRE");
    EXPECT_EQ(core::fold_for_matching("emtsp"), "EMTSP");
}
