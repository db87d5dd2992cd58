#include "core/model/csv-reader.h"
#include "core/model/text-format.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using Rows = std::vector<std::vector<std::string>>;

// The expected records are written out by hand from the rules in csv-reader.h.

TEST(CsvReader, PlainFieldsAndLineEnds)
{
    EXPECT_EQ(ReadCsv("a,b,c\n1,,3\r\n\n4,5,\n"),
              (Rows{{"a", "b", "c"}, {"1", "", "3"}, {"4", "5", ""}}));
    EXPECT_EQ(ReadCsv("x"), (Rows{{"x"}})); // no final line break
    EXPECT_EQ(ReadCsv(""), Rows{});
}

TEST(CsvReader, QuotedFields)
{
    // "a,b" keeps its comma; "say ""hi""" is say "hi"; a quoted line break joins two lines.
    EXPECT_EQ(ReadCsv("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\n"),
              (Rows{{"a,b", "say \"hi\"", "two\nlines", ""}}));
    // A quote inside an unquoted field is an ordinary character.
    EXPECT_EQ(ReadCsv("5\"3,x\n"), (Rows{{"5\"3", "x"}}));
}

TEST(CsvReader, CommentsAndTrim)
{
    const std::string text = "# header comment\n a , \" b \" ,c\t\n#x,y\n";
    EXPECT_EQ(ReadCsv(text, {true, true}), (Rows{{"a", " b ", "c"}}));
    // Without the options, '#' lines are records and spaces stay.
    EXPECT_EQ(ReadCsv("#x,y\n a ,b\n"), (Rows{{"#x", "y"}, {" a ", "b"}}));
}

TEST(CsvReader, ErrorsNameLineAndColumn)
{
    try
    {
        ReadCsv("a,b\n1,\"open\n2,3\n");
        FAIL() << "no error";
    }
    catch (const CsvError& e)
    {
        // The quote opens on line 2, column 3 (after "1,").
        EXPECT_STREQ(e.what(), "2:3: quoted field never closed");
    }
    try
    {
        ReadCsv("a,\"b\"c\n");
        FAIL() << "no error";
    }
    catch (const CsvError& e)
    {
        // 'c' is the 6th character of line 1.
        EXPECT_STREQ(e.what(), "1:6: text after a closing quote (write \"\" for a quote)");
    }
}

TEST(CsvReader, LineOfEachRecordAndRoundTripWithCsvField)
{
    std::istringstream in("h\n\n\"x\ny\",1\nz,2\n");
    CsvReader reader(in);
    std::vector<std::string> f;
    ASSERT_TRUE(reader.Next(f));
    EXPECT_EQ(reader.Line(), 1);
    ASSERT_TRUE(reader.Next(f));
    EXPECT_EQ(reader.Line(), 3); // line 2 is blank
    ASSERT_TRUE(reader.Next(f));
    EXPECT_EQ(reader.Line(), 5); // the record before spans lines 3-4
    EXPECT_FALSE(reader.Next(f));

    const std::vector<std::string> fields = {"plain", "a,b", "say \"hi\"", "two\nlines", ""};
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i)
    {
        line += (i ? "," : "") + CsvField(fields[i]);
    }
    EXPECT_EQ(ReadCsv(line + "\n"), Rows{fields});
}
