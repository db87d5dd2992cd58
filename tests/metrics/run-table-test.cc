// The side-by-side table of `sagin run`: what was delivered and served next to the latency, n/a
// for statistics without samples, and a flag with the main drop reason below 99 % delivery.
#include "metrics/model/run-table.h"

#include <gtest/gtest.h>

using namespace sagin;

TEST(RunTable, MainDropReasonIsTheLargestShare)
{
    v1::Drops d;
    EXPECT_EQ(MainDropReason(d), "");
    d.set_no_route(81);
    d.set_queue_full(15);
    d.set_link_down(4);
    EXPECT_EQ(MainDropReason(d), "no_route 81 %"); // 81 of 100 drops
}

TEST(RunTable, NothingDeliveredReadsAsNothing)
{
    v1::RunResult good;
    good.set_standard("good");
    good.mutable_packets()->set_sent(200);
    good.mutable_packets()->set_received(200);
    good.mutable_packets()->set_delivered_fraction(1.0);
    good.mutable_latency()->mutable_one_way_ms()->set_count(200);
    good.mutable_latency()->mutable_one_way_ms()->set_p50(12.5);
    v1::RunResult dead;
    dead.set_standard("dead");
    dead.mutable_packets()->set_sent(100);
    dead.mutable_packets()->set_delivered_fraction(0.0);
    dead.mutable_drops()->set_no_route(81);
    dead.mutable_drops()->set_queue_full(19);
    dead.mutable_service()->set_terminals_with_traffic(4);
    const std::string t = FormatRunTable({good, dead});
    // The dead standard's latency is n/a, never 0.000, and its row is flagged.
    const auto deadRow = t.substr(t.find("! dead"), t.find('\n', t.find("! dead")) - t.find("! dead"));
    EXPECT_NE(deadRow.find("n/a"), std::string::npos) << t;
    EXPECT_EQ(deadRow.find("0.000"), std::string::npos) << t;
    EXPECT_NE(t.find("12.500"), std::string::npos) << t;
    EXPECT_NE(t.find("dead: delivers 0.0 % of 100 packets (0 of 4 terminals served); main drop reason no_route 81 %"),
              std::string::npos)
        << t;
    EXPECT_EQ(t.find("! good"), std::string::npos) << t;
    EXPECT_EQ(t.find("TCP"), std::string::npos) << t; // no TCP flow, no TCP column
}
