// TCP bulk transfer against the bandwidth-delay-product bound, on plain ns-3 point-to-point
// links whose rate R and delay are exact: goodput <= min(R x payload / wire bytes, W / RTT), and
// close to it in steady state; the segment size on the wire is the configured one; a
// split-connection proxy in front of a long-delay link lifts a window-limited flow to the rate
// bound. Also the defaults of a tcp_bulk group and the proxy's split points.
#include "run/model/traffic-install.h"
#include "traffic/model/tcp-bulk.h"
#include "traffic/model/tcp-pep-relay.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>
#include <map>
#include <ns3/inet-socket-address.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/ipv4-global-routing-helper.h>
#include <ns3/ipv4-header.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/simulator.h>
#include <ns3/string.h>
#include <ns3/tcp-header.h>
#include <ns3/traffic-control-helper.h>

using namespace sagin;

namespace
{

/// Payload bytes of every TCP segment carrying data that reaches the traced node.
void
CountPayload(std::map<uint32_t, uint64_t>* sizes,
             ns3::Ptr<const ns3::Packet> packet,
             ns3::Ptr<ns3::Ipv4>,
             uint32_t)
{
    ns3::Ptr<ns3::Packet> p = packet->Copy();
    ns3::Ipv4Header ip;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != 6)
    {
        return;
    }
    ns3::TcpHeader tcp;
    p->RemoveHeader(tcp);
    if (p->GetSize() > 0)
    {
        ++(*sizes)[p->GetSize()];
    }
}

struct Link
{
    std::string rate;
    double delay_s;
};

struct Outcome
{
    double goodput_bps = 0.0;
    std::map<uint32_t, uint64_t> payloadSizes; ///< at the receiver
};

/// A chain of nodes joined by point-to-point links (drop-tail queues of 1000 packets, no queue
/// disc); a bulk flow from the first node to the last, optionally through a proxy on node
/// `proxyAt`; goodput counted at the receiver over [from, until].
Outcome
RunChain(const std::vector<Link>& links,
         const TcpSocketOptions& options,
         double from,
         double until,
         int proxyAt = -1,
         const TcpSocketOptions& proxyOptions = {})
{
    ns3::NodeContainer nodes;
    nodes.Create(links.size() + 1);
    ns3::InternetStackHelper stack;
    stack.Install(nodes);
    std::vector<ns3::Ipv4Address> addresses(nodes.GetN());
    for (size_t i = 0; i < links.size(); ++i)
    {
        ns3::PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", ns3::StringValue(links[i].rate));
        p2p.SetChannelAttribute("Delay", ns3::TimeValue(ns3::Seconds(links[i].delay_s)));
        p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", ns3::StringValue("1000p"));
        auto devices = p2p.Install(nodes.Get(i), nodes.Get(i + 1));
        ns3::Ipv4AddressHelper helper(
            ns3::Ipv4Address(("10.0." + std::to_string(i) + ".0").c_str()), "255.255.255.0");
        auto ifs = helper.Assign(devices);
        ns3::TrafficControlHelper().Uninstall(devices);
        addresses[i] = ifs.GetAddress(0);
        addresses[i + 1] = ifs.GetAddress(1);
    }
    ns3::Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const uint16_t port = 5000;
    const int last = static_cast<int>(nodes.GetN()) - 1;
    auto sink = ns3::CreateObject<TcpBulkSink>();
    sink->Setup(port, options);
    nodes.Get(last)->AddApplication(sink);
    sink->SetStartTime(ns3::Seconds(0.0));
    sink->SetMeasurementWindow(ns3::Seconds(from), ns3::Seconds(until));
    ns3::Address target = ns3::InetSocketAddress(addresses[last], port);
    if (proxyAt > 0)
    {
        auto relay = ns3::CreateObject<TcpPepRelay>();
        relay->Setup(port, target, proxyOptions);
        nodes.Get(proxyAt)->AddApplication(relay);
        relay->SetStartTime(ns3::Seconds(0.0));
        target = ns3::InetSocketAddress(addresses[proxyAt], port);
    }
    auto sender = ns3::CreateObject<TcpBulkSender>();
    sender->Setup(target, options, 0);
    nodes.Get(0)->AddApplication(sender);
    sender->SetStartTime(ns3::Seconds(0.1));
    sender->SetStopTime(ns3::Seconds(until));

    Outcome out;
    nodes.Get(last)->GetObject<ns3::Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx", ns3::MakeBoundCallback(&CountPayload, &out.payloadSizes));
    ns3::Simulator::Stop(ns3::Seconds(until + 1.0));
    ns3::Simulator::Run();
    out.goodput_bps = sink->Goodput_bps();
    ns3::Simulator::Destroy();
    return out;
}

} // namespace

TEST(TcpBulk, RateLimitedGoodputReachesTheLinkRateAndSegmentsHaveTheConfiguredSize)
{
    TcpSocketOptions o;
    o.segmentBytes = 1000; // neither ns-3's 536 nor our 1448
    // 10 Mbit/s, 10 ms each way; buffers 8 MiB: W / RTT = 8388608 x 8 / 0.02 s = 3.4 Gbit/s, so
    // the link rate binds. Each 1000-byte segment costs 1000 + 32 (TCP header with timestamps)
    // + 20 (IP) + 2 (PPP) = 1054 bytes on the wire: bound = 10e6 x 1000 / 1054 = 9,487,666 bit/s.
    const double bound = 10e6 * 1000.0 / 1054.0;
    // Steady state: the slow-start overshoot into the 1000-packet queue is recovered by 10 s
    // (goodput over 5-second windows: 0.89, 0.94, 0.89 of the bound before, 1.0000 after).
    const double from = 10.0;
    const double until = 30.0;
    Outcome r = RunChain({{"10Mbps", 0.010}}, o, from, until);
    // One segment of slack for where the window's edges cut the stream: 1000 x 8 / 20 s.
    EXPECT_LE(r.goodput_bps, bound + 1000 * 8 / (until - from));
    EXPECT_GE(r.goodput_bps, 0.99 * bound);
    std::printf("rate-limited: goodput %.0f bit/s, bound %.0f bit/s (%.4f)\n",
                r.goodput_bps,
                bound,
                r.goodput_bps / bound);

    ASSERT_FALSE(r.payloadSizes.empty());
    EXPECT_EQ(r.payloadSizes.rbegin()->first, 1000u); // never more than the segment size
    uint64_t all = 0;
    for (const auto& [size, n] : r.payloadSizes)
    {
        all += n;
    }
    EXPECT_GE(static_cast<double>(r.payloadSizes[1000]) / all, 0.999) << "segments of other sizes";
}

TEST(TcpBulk, ASendBufferSmallerThanASegmentStillFlows)
{
    // The sender writes whole segments; a 700-byte send buffer never holds one 1000-byte
    // segment, so it is written as it frees. At most one buffer is in flight per round trip:
    // goodput <= 700 x 8 / RTT, RTT = 2 x 10 ms + (700 + 54) x 8 / 10e6 + 54 x 8 / 10e6.
    TcpSocketOptions o;
    o.segmentBytes = 1000;
    o.sndBufBytes = 700;
    const double rtt = 0.020 + 754 * 8 / 10e6 + 54 * 8 / 10e6;
    Outcome r = RunChain({{"10Mbps", 0.010}}, o, 2.0, 12.0);
    EXPECT_GT(r.goodput_bps, 0.0);
    EXPECT_LE(r.goodput_bps, 700 * 8 / rtt + 700 * 8 / 10.0);
    ASSERT_FALSE(r.payloadSizes.empty());
    EXPECT_LE(r.payloadSizes.rbegin()->first, 700u);
}

TEST(TcpBulk, WindowLimitedGeoGoodputIsTheWindowOverTheRoundTrip)
{
    TcpSocketOptions o; // 1448-byte segments
    o.rcvBufBytes
        = 44 * 1448; // W = 63,712 bytes: an even number of segments (delayed ACKs pair them)
    // 10 Mbit/s, 250 ms each way (a GEO hop). RTT = 2 x 0.25 s + a data segment's transmission
    // (1448 + 32 + 20 + 2 = 1502 bytes: 1.2016 ms) + an ACK's (32 + 20 + 2 = 54 bytes: 0.0432 ms)
    // = 0.5012448 s. W / RTT = 63712 x 8 / 0.5012448 = 1,016,855 bit/s, far below the rate
    // bound 10e6 x 1448 / 1502 = 9.64 Mbit/s: the window binds.
    const double rtt = 0.5 + 1502 * 8 / 10e6 + 54 * 8 / 10e6;
    const double bound = 63712 * 8 / rtt;
    const double from = 10.0;
    const double until = 210.0;
    Outcome r = RunChain({{"10Mbps", 0.250}}, o, from, until);
    // A window-limited flow arrives in bursts of one window per round trip, so where the
    // measurement window's edges fall moves the count by up to one window W: 63712 x 8 / 200 s
    // = 2,548 bit/s (0.25 %).
    const double edge = 63712 * 8 / (until - from);
    EXPECT_LE(r.goodput_bps, bound + edge);
    EXPECT_GE(r.goodput_bps, bound - edge - 0.005 * bound);
    std::printf("window-limited: goodput %.0f bit/s, W/RTT %.0f bit/s (%.4f)\n",
                r.goodput_bps,
                bound,
                r.goodput_bps / bound);
    ASSERT_FALSE(r.payloadSizes.empty());
    EXPECT_EQ(r.payloadSizes.rbegin()->first, 1448u);
}

TEST(TcpBulk, SplitConnectionLiftsAWindowLimitedGeoFlowToTheRateBound)
{
    // Sender -(10 Mbit/s, 250 ms)- gateway -(100 Mbit/s, 1 ms)- receiver; the receiver's window
    // is 63,712 bytes. End to end: RTT = 0.502 s + transmissions, W / RTT < 1.02 Mbit/s.
    // Split at the gateway: the long leg's window is the proxy's 8 MiB (W / RTT = 134 Mbit/s),
    // the short leg's W / RTT = 63712 x 8 / 0.002 s = 255 Mbit/s, so the 10 Mbit/s link binds:
    // bound = 10e6 x 1448 / 1502 = 9,640,479 bit/s.
    TcpSocketOptions o;
    o.rcvBufBytes = 44 * 1448;
    TcpSocketOptions proxy = o;
    proxy.rcvBufBytes = 8u << 20;
    proxy.sndBufBytes = 8u << 20;
    const double rateBound = 10e6 * 1448.0 / 1502.0;
    // RTT end to end: 2 x 0.251 s + a data packet (1502 bytes) at 10 and at 100 Mbit/s + an ACK
    // (54 bytes) at both = 0.502 + 0.0012016 + 0.00012016 + 0.0000432 + 0.00000432 = 0.5033693 s:
    // W / RTT = 63712 x 8 / 0.5033693 = 1,012,579 bit/s.
    const double windowBound
        = 63712 * 8 / (0.502 + 1502 * 8 / 10e6 + 1502 * 8 / 100e6 + 54 * 8 / 10e6 + 54 * 8 / 100e6);
    const std::vector<Link> links{{"10Mbps", 0.250}, {"100Mbps", 0.001}};
    Outcome direct = RunChain(links, o, 10.0, 210.0);
    Outcome split = RunChain(links, o, 20.0, 60.0, 1, proxy);
    std::printf(
        "end to end %.0f bit/s (W/RTT %.0f, %.4f), split %.0f bit/s (rate bound %.0f, %.4f)\n",
        direct.goodput_bps,
        windowBound,
        direct.goodput_bps / windowBound,
        split.goodput_bps,
        rateBound,
        split.goodput_bps / rateBound);
    EXPECT_LE(direct.goodput_bps, windowBound + 63712 * 8 / 200.0); // one window over 200 s
    EXPECT_GE(direct.goodput_bps, 0.99 * windowBound);
    EXPECT_LE(split.goodput_bps, rateBound + 1448 * 8 / 40.0);
    EXPECT_GE(split.goodput_bps, 0.95 * rateBound);
    EXPECT_GT(split.goodput_bps, 5 * direct.goodput_bps);
}

TEST(TcpBulk, GroupDefaultsAreTheDocumentedOnes)
{
    // scenario.proto TcpBulk: 0 means 1448-byte segments, 8 MiB buffers, 10 segments, NewReno.
    v1::TcpBulk empty;
    TcpSocketOptions d = TcpOptionsFor(empty);
    EXPECT_EQ(d.segmentBytes, 1500u - 20 - 20 - 12);
    EXPECT_EQ(d.sndBufBytes, 8388608u);
    EXPECT_EQ(d.rcvBufBytes, 8388608u);
    EXPECT_EQ(d.initialCwndSegments, 10u);
    EXPECT_EQ(d.congestionControl, "TcpNewReno");
    v1::TcpBulk set;
    set.set_segment_bytes(1000);
    set.set_snd_buf_bytes(1 << 20);
    set.set_rcv_buf_bytes(65536);
    set.set_initial_cwnd_segments(4);
    set.set_congestion_control("TcpCubic");
    TcpSocketOptions s = TcpOptionsFor(set);
    EXPECT_EQ(s.segmentBytes, 1000u);
    EXPECT_EQ(s.sndBufBytes, 1u << 20);
    EXPECT_EQ(s.rcvBufBytes, 65536u);
    EXPECT_EQ(s.initialCwndSegments, 4u);
    EXPECT_EQ(s.congestionControl, "TcpCubic");
    // The proxy keeps the flow's segment size, window and congestion control, with its buffers.
    v1::TcpPep pep;
    pep.set_enabled(true);
    TcpSocketOptions p = PepOptionsFor(s, pep);
    EXPECT_EQ(p.segmentBytes, 1000u);
    EXPECT_EQ(p.rcvBufBytes, 8388608u);
    EXPECT_EQ(p.sndBufBytes, 8388608u);
    pep.set_buffer_bytes(4 << 20);
    EXPECT_EQ(PepOptionsFor(s, pep).rcvBufBytes, 4u << 20);
}

TEST(TcpPep, SplitsAtEveryGatewayNextToATransparentSatelliteInsideThePath)
{
    v1::Scenario sc;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"(
        epoch_utc: "2026-01-01T00:00:00Z"
        duration_s: 10
        shells { name: "geo" geo { longitudes_deg: [0, 60] } }
        aerial_platforms { name: "haps" role: HAPS station_keeping { center { lat_deg: 20 lon_deg: 6 alt_m: 20000 } } }
        ground_sites { name: "ut-a" role: UT position { lat_deg: 35 lon_deg: 20 } }
        ground_sites { name: "ut-b" role: UT position { lat_deg: 30 lon_deg: 50 } }
        ground_sites { name: "gw-1" role: GW position { lat_deg: 20 lon_deg: 5 } }
        ground_sites { name: "gw-2" role: GW position { lat_deg: 25 lon_deg: 55 } }
        ground_sites { name: "core" role: CORE position { lat_deg: 20 lon_deg: 5.01 } }
    )",
                                                              &sc));
    const World world = BuildWorld(sc, ".", "x.txtpb");
    v1::Standard st;
    st.set_name("t");
    st.set_payload(v1::Standard::TRANSPARENT);
    const StandardPolicy transparent = ResolveStandard(st, world);
    st.set_payload(v1::Standard::REGENERATIVE);
    const StandardPolicy regenerative = ResolveStandard(st, world);
    auto n = [&](const std::string& name)
    {
        const int i = world.Find(name);
        EXPECT_GE(i, 0) << name;
        return i;
    };
    const int sat0 = n("geo-0");
    const int sat1 = n("geo-1");
    using Nodes = std::vector<int>;
    // Terminal to core through a bent pipe: split at the gateway.
    EXPECT_EQ(PepSplitPoints(world, transparent, {n("ut-a"), sat0, n("gw-1"), n("core")}),
              Nodes{n("gw-1")});
    // Core to terminal: the same gateway, the other way.
    EXPECT_EQ(PepSplitPoints(world, transparent, {n("core"), n("gw-1"), sat0, n("ut-a")}),
              Nodes{n("gw-1")});
    // Terminal to terminal over two bent pipes joined on the ground: one proxy per gateway.
    EXPECT_EQ(PepSplitPoints(world,
                             transparent,
                             {n("ut-a"), sat0, n("gw-1"), n("core"), n("gw-2"), sat1, n("ut-b")}),
              (Nodes{n("gw-1"), n("gw-2")}));
    // A gateway at an end of the path is the flow's own end: nothing to split.
    EXPECT_TRUE(PepSplitPoints(world, transparent, {n("gw-1"), sat0, n("ut-a")}).empty());
    // A HAPS relay is not a satellite; a regenerative satellite is not transparent.
    EXPECT_TRUE(
        PepSplitPoints(world, transparent, {n("ut-a"), n("haps"), n("gw-1"), n("core")}).empty());
    EXPECT_TRUE(
        PepSplitPoints(world, regenerative, {n("ut-a"), sat0, n("gw-1"), n("core")}).empty());
}
