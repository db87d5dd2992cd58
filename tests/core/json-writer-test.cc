#include "core/model/json-writer.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <sstream>
#include <stdexcept>

using namespace sagin;
using Layout = JsonWriter::Layout;

// Every expected text below is written out by hand from the layout rules in json-writer.h.

TEST(JsonWriter, CompactAndInline)
{
    std::ostringstream os;
    JsonWriter w(os);
    w.BeginObject().Key("a").Integer(1).Key("b").BeginArray().Integer(1).Integer(2).EndArray();
    w.Key("c").BeginObject(Layout::Inline).Key("x").Bool(true).Key("y").Null().EndObject();
    w.EndObject();
    EXPECT_EQ(os.str(), R"({"a":1,"b":[1,2],"c":{"x": true, "y": null}})");
    EXPECT_TRUE(w.Done());
}

TEST(JsonWriter, NonFiniteNumbersAreNull)
{
    std::ostringstream os;
    JsonWriter w(os);
    const double inf = std::numeric_limits<double>::infinity();
    w.BeginArray(Layout::Inline)
        .Number(std::nan(""))
        .Number(inf)
        .Number(-inf)
        .Number(inf, 3)
        .Number(0.1)
        .Number(-0.0001, 3)
        .Number(2.5, 1)
        .EndArray();
    // Exact(0.1) is "0.1"; Fixed(-0.0001, 3) is "0.000" (no negative zero); Fixed(2.5, 1) "2.5".
    EXPECT_EQ(os.str(), "[null, null, null, null, 0.1, 0.000, 2.5]");
}

TEST(JsonWriter, LinesIndentOnlyForLinesContainers)
{
    std::ostringstream os;
    JsonWriter w(os);
    w.BeginObject(Layout::Lines).Key("name").String("a\"b");
    w.Key("list").BeginArray(Layout::Inline);
    w.BeginObject(Layout::Lines).Key("k").Integer(1).EndObject();
    w.EndArray();
    w.Key("rows")
        .BeginArray(Layout::Lines)
        .BeginObject(Layout::Inline)
        .Key("v")
        .Integer(2)
        .EndObject();
    w.EndArray();
    w.Key("none").BeginArray(Layout::Lines).EndArray();
    w.EndObject();
    // Top object: members at 2 spaces. The object inside the inline array is the second Lines
    // container: members at 4 spaces, closing brace at 2. The Lines array "rows": elements at 4
    // spaces, closing bracket at 2; an empty Lines array still closes on its own line.
    EXPECT_EQ(os.str(),
              "{\n"
              "  \"name\": \"a\\\"b\",\n"
              "  \"list\": [{\n"
              "    \"k\": 1\n"
              "  }],\n"
              "  \"rows\": [\n"
              "    {\"v\": 2}\n"
              "  ],\n"
              "  \"none\": [\n"
              "  ]\n"
              "}");
}

TEST(JsonWriter, RowsOneRecordPerLine)
{
    std::ostringstream os;
    JsonWriter w(os);
    w.BeginArray(Layout::Rows);
    w.BeginObject().Key("id").String("a").EndObject();
    w.BeginObject().Key("id").String("b").EndObject();
    w.EndArray();
    EXPECT_EQ(os.str(), "[\n{\"id\":\"a\"},\n{\"id\":\"b\"}\n]");
    std::ostringstream empty;
    JsonWriter e(empty);
    e.BeginArray(Layout::Rows).EndArray();
    EXPECT_EQ(empty.str(), "[\n]");
}

TEST(JsonWriter, MisuseThrows)
{
    std::ostringstream os;
    JsonWriter w(os);
    w.BeginObject();
    EXPECT_THROW(w.Integer(1), std::logic_error); // no key
    w.Key("a");
    EXPECT_THROW(w.Key("b"), std::logic_error);    // key after key
    EXPECT_THROW(w.EndObject(), std::logic_error); // key without value
    w.Integer(1);
    EXPECT_THROW(w.EndArray(), std::logic_error); // wrong closer
    w.EndObject();
    EXPECT_THROW(w.Integer(2), std::logic_error); // second top-level value
}
