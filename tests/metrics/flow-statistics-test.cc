// Run metrics from packet records: every figure below is worked out by hand from the samples fed
// in; statistics without samples must be absent (null), never 0.
#include "metrics/model/flow-statistics.h"
#include "metrics/model/result-files.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

using namespace sagin;

namespace
{

BreakdownNs
Parts(std::int64_t accessNs, std::int64_t islNs)
{
    BreakdownNs b{};
    b[0] = accessNs; // access
    b[2] = islNs;    // isl
    return b;
}

} // namespace

TEST(FlowStatistics, CbrFlowByHand)
{
    // Five packets counted; the third is lost. One-way delays 10, 12, (lost), 11, 15 ms.
    FlowStatistics f;
    const double delays[] = {10.0, 12.0, -1.0, 11.0, 15.0};
    for (double d : delays)
    {
        f.AddSent();
        if (d < 0)
        {
            continue;
        }
        f.AddReceived();
        // access 4 ms, ISL the rest.
        f.AddDelivery(d, Parts(4'000'000, static_cast<std::int64_t>((d - 4.0) * 1e6)), true);
    }
    v1::FlowResult r;
    f.Fill(r);
    EXPECT_EQ(r.packets().sent(), 5u);
    EXPECT_EQ(r.packets().received(), 4u);
    EXPECT_EQ(r.packets().lost(), 1u);
    EXPECT_DOUBLE_EQ(r.packets().loss_fraction(), 0.2);      // 1 / 5
    EXPECT_DOUBLE_EQ(r.packets().delivered_fraction(), 0.8); // 4 / 5
    EXPECT_EQ(r.one_way_ms().count(), 4u);
    EXPECT_DOUBLE_EQ(r.one_way_ms().mean(), 12.0); // (10 + 12 + 11 + 15) / 4
    // Sorted 10, 11, 12, 15: nearest rank of p50 = ceil(0.5 * 4) = 2 -> 11; p95: ceil(3.8) = 4.
    EXPECT_DOUBLE_EQ(r.one_way_ms().p50(), 11.0);
    EXPECT_DOUBLE_EQ(r.one_way_ms().p95(), 15.0);
    EXPECT_DOUBLE_EQ(r.one_way_ms().min(), 10.0);
    // Consecutive received packets: |12 - 10| + |11 - 12| + |15 - 11| = 7 over 3 pairs.
    EXPECT_DOUBLE_EQ(r.jitter_ms(), 7.0 / 3.0);
    // Breakdown: access 4 ms each, ISL mean 12 - 4 = 8 ms; parts add up to the mean delay.
    EXPECT_DOUBLE_EQ(r.breakdown_ms().access(), 4.0);
    EXPECT_DOUBLE_EQ(r.breakdown_ms().isl(), 8.0);
    EXPECT_DOUBLE_EQ(r.breakdown_ms().feeder(), 0.0);
    EXPECT_TRUE(r.breakdown_ms().has_feeder()); // 0 with data is a real 0
    EXPECT_FALSE(r.rtt_ms().has_p50());         // no round trips in a CBR flow
    EXPECT_FALSE(r.has_goodput_mbps());
}

TEST(FlowStatistics, NothingDeliveredIsNullNotZero)
{
    FlowStatistics f;
    for (int i = 0; i < 3; ++i)
    {
        f.AddSent();
    }
    v1::FlowResult r;
    f.Fill(r);
    EXPECT_DOUBLE_EQ(r.packets().loss_fraction(), 1.0);
    EXPECT_DOUBLE_EQ(r.packets().delivered_fraction(), 0.0);
    EXPECT_EQ(r.one_way_ms().count(), 0u);
    EXPECT_FALSE(r.one_way_ms().has_mean());
    EXPECT_FALSE(r.one_way_ms().has_p50());
    EXPECT_FALSE(r.one_way_ms().has_max());
    EXPECT_FALSE(r.has_jitter_ms());
    EXPECT_FALSE(r.breakdown_ms().has_access());

    // Nothing sent: not even a loss fraction.
    FlowStatistics empty;
    v1::FlowResult e;
    empty.Fill(e);
    EXPECT_FALSE(e.packets().has_loss_fraction());
    EXPECT_FALSE(e.packets().has_delivered_fraction());
}

TEST(FlowStatistics, PingLegsAndRoundTrips)
{
    // Two probes answered: forward 20 and 22 ms, return 21 and 19 ms, round trips 41 and 41 ms.
    FlowStatistics f;
    const double fwd[] = {20.0, 22.0};
    const double ret[] = {21.0, 19.0};
    for (int i = 0; i < 2; ++i)
    {
        f.AddSent();
        f.AddReceived();
        f.AddDelivery(fwd[i], BreakdownNs{}, true);
        f.AddDelivery(ret[i], BreakdownNs{}, false);
        f.AddRoundTrip(fwd[i] + ret[i]);
    }
    v1::FlowResult r;
    f.Fill(r);
    EXPECT_EQ(r.packets().sent(), 2u); // a probe counts once, whatever its legs
    EXPECT_EQ(r.one_way_ms().count(), 4u);
    EXPECT_DOUBLE_EQ(r.one_way_ms().mean(), 20.5); // (20 + 22 + 21 + 19) / 4
    EXPECT_EQ(r.rtt_ms().count(), 2u);
    EXPECT_DOUBLE_EQ(r.rtt_ms().p50(), 41.0);
    EXPECT_DOUBLE_EQ(r.jitter_ms(), 2.0); // forward legs only: |22 - 20|
}

TEST(RunStatistics, ServedTerminalsAndGoodput)
{
    // ut-a -> core delivers; ut-b -> core delivers nothing; ut-c only receives a TCP flow, which
    // does not decide service; core is not a terminal.
    FlowStatistics ok;
    ok.AddSent();
    ok.AddReceived();
    ok.AddDelivery(30.0, BreakdownNs{}, true);
    FlowStatistics dead;
    dead.AddSent();
    dead.AddSent();
    FlowStatistics tcp;
    tcp.SetGoodput(1.25e6 * 8.0 / 2.0); // 1.25 MB in 2 s = 5 Mbit/s
    RunStatistics run;
    run.AddFlow(ok, "ut-a", true, "core", false);
    run.AddFlow(dead, "ut-b", true, "core", false);
    run.AddFlow(tcp, "core", false, "ut-c", true);
    v1::RunResult r;
    run.Fill(r);
    EXPECT_EQ(r.service().terminals_with_traffic(), 2u);
    EXPECT_EQ(r.service().terminals_served(), 1u);
    EXPECT_DOUBLE_EQ(r.service().served_fraction(), 0.5);
    EXPECT_EQ(r.packets().sent(), 3u);
    EXPECT_DOUBLE_EQ(r.packets().delivered_fraction(), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(r.tcp_goodput_mbps(), 5.0);
    EXPECT_EQ(r.latency().jitter_samples(), 0u);
    EXPECT_FALSE(r.latency().has_jitter_ms()); // one sample per flow: no consecutive pair

    RunStatistics none;
    v1::RunResult n;
    none.Fill(n);
    EXPECT_FALSE(n.service().has_served_fraction());
    EXPECT_FALSE(n.has_tcp_goodput_mbps());
}

TEST(RunStatistics, SummaryJsonWritesNullForMissingStatistics)
{
    FlowStatistics dead;
    dead.AddSent();
    RunStatistics run;
    run.AddFlow(dead, "ut", true, "core", false);
    v1::RunResult r;
    run.Fill(r);
    const std::string json = ToJson(r);
    google::protobuf::Struct s;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &s).ok()) << json;
    const auto& oneWay = s.fields().at("latency").struct_value().fields().at("one_way_ms").struct_value();
    EXPECT_EQ(oneWay.fields().at("count").number_value(), 0.0);
    for (const char* k : {"mean", "p50", "p90", "p95", "p99", "max", "min"})
    {
        ASSERT_TRUE(oneWay.fields().count(k)) << k; // every field present ...
        EXPECT_EQ(oneWay.fields().at(k).kind_case(), google::protobuf::Value::kNullValue) << k; // ... as null
    }
    EXPECT_EQ(s.fields().at("latency").struct_value().fields().at("jitter_ms").kind_case(),
              google::protobuf::Value::kNullValue);
    EXPECT_EQ(s.fields().at("tcp_goodput_mbps").kind_case(), google::protobuf::Value::kNullValue);
    EXPECT_EQ(s.fields().at("packets").struct_value().fields().at("loss_fraction").number_value(), 1.0);
}
