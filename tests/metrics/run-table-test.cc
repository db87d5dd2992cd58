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
    const auto deadRow
        = t.substr(t.find("! dead"), t.find('\n', t.find("! dead")) - t.find("! dead"));
    EXPECT_NE(deadRow.find("n/a"), std::string::npos) << t;
    EXPECT_EQ(deadRow.find("0.000"), std::string::npos) << t;
    EXPECT_NE(t.find("12.500"), std::string::npos) << t;
    EXPECT_NE(t.find("dead: delivers 0.0 % of 100 packets (0 of 4 terminals served); main drop "
                     "reason no_route 81 %"),
              std::string::npos)
        << t;
    EXPECT_EQ(t.find("! good"), std::string::npos) << t;
    EXPECT_EQ(t.find("TCP"), std::string::npos) << t; // no TCP flow, no TCP column
}

// "pop cov" says which terminals it rests on when some give no population: 100 % of the
// population can be 5 of 13 terminals.
TEST(RunTable, PopulationCoverageSaysWhatItRestsOn)
{
    auto result = [](const std::string& name, std::uint64_t withPopulation)
    {
        v1::RunResult r;
        r.set_standard(name);
        r.mutable_coverage()->set_terminals(13);
        r.mutable_coverage()->set_population_terminals(withPopulation);
        r.mutable_coverage()->set_population_fraction(1.0);
        return r;
    };
    const std::string same = FormatRunTable({result("a", 5), result("b", 5)});
    EXPECT_NE(
        same.find("pop cov: population-weighted over the 5 of 13 terminals that give a population"),
        std::string::npos)
        << same;
    EXPECT_EQ(same.find("pop cov of"), std::string::npos) << same;
    // Every terminal weighs: no note.
    const std::string all = FormatRunTable({result("a", 13)});
    EXPECT_EQ(all.find("population-weighted"), std::string::npos) << all;
    // Rows on different bases: one line per row that needs it.
    const std::string mixed = FormatRunTable({result("a", 5), result("b", 13)});
    EXPECT_NE(mixed.find("pop cov of a: population-weighted over the 5 of 13"), std::string::npos)
        << mixed;
    EXPECT_EQ(mixed.find("pop cov of b"), std::string::npos) << mixed;
}
