#include "core/model/text-format.h"

#include <gtest/gtest.h>

using namespace sagin;

TEST(TextFormat, FixedAndExact)
{
    EXPECT_EQ(Fixed(1.23456, 3), "1.235");
    EXPECT_EQ(Fixed(-0.0001, 3), "0.000");
    EXPECT_EQ(Fixed(-1.5, 1), "-1.5");
    EXPECT_EQ(Exact(0.1), "0.1");
    EXPECT_EQ(std::stod(Exact(1.0 / 3.0)), 1.0 / 3.0);
}

TEST(TextFormat, JsonAndCsvEscaping)
{
    EXPECT_EQ(JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    EXPECT_EQ(CsvField("plain"), "plain");
    EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
}
