// summary.json: every field present (zero included), proto field names, 64-bit integers as JSON
// numbers (not the strings protobuf's JSON printer makes); run folders appear complete or not.
#include "metrics/model/result-files.h"

#include "../common/temp-dir.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace sagin;

TEST(ResultFiles, JsonHasEveryFieldAsNumbers)
{
    v1::RunResult r;
    r.set_standard("s");
    r.set_seed(18446744073709551615ULL); // uint64 max
    r.mutable_packets()->set_sent(3);
    const std::string json = ToJson(r);
    // A 64-bit integer is written as a number, exactly.
    EXPECT_NE(json.find("\"seed\": 18446744073709551615"), std::string::npos) << json;
    google::protobuf::Struct s;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &s).ok());
    // Zero fields and unset messages are present; a statistic without samples is null.
    const auto& lat = s.fields().at("latency").struct_value();
    EXPECT_EQ(lat.fields().at("one_way_ms").struct_value().fields().at("p99").kind_case(),
              google::protobuf::Value::kNullValue);
    EXPECT_EQ(s.fields().at("packets").struct_value().fields().at("sent").number_value(), 3.0);
    EXPECT_EQ(s.fields().at("packets").struct_value().fields().at("lost").kind_case(),
              google::protobuf::Value::kNumberValue);
    EXPECT_EQ(s.fields().at("handovers_per_terminal_hour").kind_case(), google::protobuf::Value::kNullValue);
    r.set_handovers_per_terminal_hour(0.0); // a real zero stays a number
    r.set_duration_s(std::nan(""));          // no NaN in JSON: null
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(ToJson(r), &s).ok());
    EXPECT_EQ(s.fields().at("handovers_per_terminal_hour").kind_case(), google::protobuf::Value::kNumberValue);
    EXPECT_EQ(s.fields().at("duration_s").kind_case(), google::protobuf::Value::kNullValue);
    EXPECT_TRUE(s.fields().at("flows").has_list_value());
}

TEST(ResultFiles, RunDirectoryAppearsOnlyOnCommit)
{
    test::TempDir dir;
    const std::string target = dir.Path() + "/run";
    {
        RunDirectory d(target);
        std::ofstream(d.File("a.txt")) << "x";
        // Not committed: destroyed with its temporary folder, nothing appears.
    }
    EXPECT_FALSE(std::filesystem::exists(target));
    EXPECT_TRUE(std::filesystem::is_empty(dir.Path()));
    {
        RunDirectory d(target);
        std::ofstream(d.File("a.txt")) << "first";
        d.Commit();
    }
    {
        RunDirectory d(target);
        std::ofstream(d.File("b.txt")) << "second";
        d.Commit(); // replaces the older folder as a whole
    }
    EXPECT_FALSE(std::filesystem::exists(target + "/a.txt"));
    EXPECT_TRUE(std::filesystem::exists(target + "/b.txt"));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.Path()), {}), 1);
}
