#include "core/csv_reader.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

using namespace palliacarte;

TEST(CsvReader, ParsesQuotedFieldsCrlfAndDetectsSeparator) {
    auto csv = core::CsvReader::from_text(
        "id,name,note\r\na,\"Hôpital, site A\",\"dit \"\"X\"\"\"\r\n\r\nb,B,\"two\nlines\"\r\n",
        "t.csv");
    EXPECT_EQ(csv.separator(), ',');
    ASSERT_EQ(csv.header().size(), 3u);
    core::CsvRecord r;
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r.line, 2u);
    EXPECT_EQ(r.fields[1], "Hôpital, site A");
    EXPECT_EQ(r.fields[2], "dit \"X\"");
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r.line, 4u);  // the blank line 3 is skipped, line numbers stay true
    EXPECT_EQ(r.fields[2], "two\nlines");
    EXPECT_FALSE(csv.next(r));
}

TEST(CsvReader, SemicolonAndColumnLookupIsCaseInsensitive) {
    auto csv = core::CsvReader::from_text("NoFinessEt;rs\n1;A\n", "t.csv");
    EXPECT_EQ(csv.separator(), ';');
    EXPECT_EQ(csv.column("nofinesset"), 0u);
    EXPECT_FALSE(csv.column("absent").has_value());
}

TEST(CsvReader, NumbersMustBeWholeFields) {
    EXPECT_EQ(core::parse_number(" 644404.9 "), 644404.9);
    EXPECT_EQ(core::parse_number("2,5"), 2.5);
    EXPECT_FALSE(core::parse_number("12abc"));
    EXPECT_FALSE(core::parse_number(""));
    EXPECT_FALSE(core::parse_number("nan"));
}

TEST(CsvReader, MissingFileNamesTheFile) {
    try {
        core::CsvReader::open("/nonexistent/x.csv");
        FAIL() << "expected DataError";
    } catch (const core::DataError& e) {
        EXPECT_EQ(e.file(), "/nonexistent/x.csv");
        EXPECT_NE(std::string(e.what()).find("ouverture impossible"), std::string::npos);
    }
}

TEST(CsvReader, UndoesDoubleQuoting) {
    std::string f = "\"CTRE SOCIO-CULTUREL \"\"B.FRACHON\"\"\"";
    EXPECT_TRUE(core::unquote_double_encoded(f));
    EXPECT_EQ(f, "CTRE SOCIO-CULTUREL \"B.FRACHON\"");
    std::string g = "\"A\" B \"C\"";  // quotes that are content, not CSV quoting
    EXPECT_FALSE(core::unquote_double_encoded(g));
    EXPECT_EQ(g, "\"A\" B \"C\"");
}
