// The issue this guards against: a standard that delivers nothing used to report latency 0.000
// and win a comparison. Here the GEO standard is given an elevation mask no terminal in Iberia
// can meet (the GEO satellite at 0 deg E is seen at about 40-47 deg from there), so nothing is
// delivered: its summary must say null, its row n/a with a flag, and compare must not rank it.
#include "run-test-util.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace sagin::test;

TEST(RunNoData, NothingDeliveredIsNeverAResult)
{
    TempDir dir;
    const std::string out = dir.Path() + "/out";
    const std::string src = SourceDir();
    auto r = RunSagin({"run",
                       src + "/scenarios/quickstart.txtpb",
                       "--standard",
                       src + "/scenarios/standards/ntn-transparent-leo.txtpb",
                       "--standard",
                       src + "/scenarios/standards/geo-transparent.txtpb",
                       "--set",
                       "standard.geo-transparent.visibility.space_deg=80",
                       "--duration",
                       "5",
                       "--out",
                       out});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto geo = ReadResult(out, "geo-transparent");
    ASSERT_GT(geo.packets().sent(), 0u);
    EXPECT_EQ(geo.packets().received(), 0u);
    EXPECT_EQ(geo.latency().one_way_ms().count(), 0u);
    EXPECT_FALSE(geo.latency().one_way_ms().has_p50());

    std::ifstream in(out + "/geo-transparent/summary.json");
    std::stringstream json;
    json << in.rdbuf();
    google::protobuf::Struct s;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.str(), &s).ok());
    const auto& oneWay = s.fields().at("latency").struct_value().fields().at("one_way_ms").struct_value();
    EXPECT_EQ(oneWay.fields().at("p50").kind_case(), google::protobuf::Value::kNullValue);
    EXPECT_EQ(s.fields().at("service").struct_value().fields().at("served_fraction").number_value(), 0.0);

    // The table: n/a, flagged, with the reason; the LEO row is not flagged.
    EXPECT_NE(r.out.find("! geo-transparent"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("geo-transparent: delivers 0.0 %"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("! ntn-transparent-leo"), std::string::npos) << r.out;

    // compare: the first standard given is the baseline; the GEO latency is not ranked.
    r = RunSagin({"compare", out, "--format", "csv", "--metric", "latency.one_way_ms.p50"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    EXPECT_NE(lines[1].find("ntn-transparent-leo"), std::string::npos) << r.out; // baseline row first
    EXPECT_NE(lines[2].find("geo-transparent,geo-transparent,0,1,,"), std::string::npos) << r.out;
    EXPECT_NE(lines[2].find("1 of 1 seed has no data"), std::string::npos) << r.out;
    r = RunSagin({"compare", out});
    ASSERT_EQ(r.status, 0) << r.err;
    // No "100 % improvement" in latency: the GEO latency rows carry no difference.
    for (const auto& line : Lines(r.out))
    {
        if (line.find("geo-transparent") != std::string::npos && line.find("%") != std::string::npos)
        {
            EXPECT_EQ(line.find("ms"), std::string::npos) << line;
        }
    }
    EXPECT_NE(r.out.find("geo-transparent     0     n/a              - 1 of 1 seed has no data"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("packets.delivered_fraction"), std::string::npos) << r.out;
}
