// A packet-level UDP ping between two user terminals over a LEO shell with ISLs agrees with the
// geometric path computation (the same as `sagin paths`) at every probe: the strongest
// self-check of the simulator. Also: the latency breakdown carried on the packets adds up to
// the measured delay, and the physical lower bound holds.
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "net/helper/sagin-network.h"
#include "scenario/model/text-input.h"
#include "traffic/model/ping-application.h"

#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;

namespace
{

World
ShellWithTwoTerminals()
{
    v1::Scenario s = LoadTextInputAs<v1::Scenario>(std::string(SAGIN_SOURCE_DIR) + "/scenarios/starlink-shell1.txtpb");
    auto add = [&](const char* name, double lat, double lon) {
        auto* g = s.add_ground_sites();
        g->set_name(name);
        g->set_role(v1::Node::UT);
        g->mutable_position()->set_lat_deg(lat);
        g->mutable_position()->set_lon_deg(lon);
    };
    add("madrid", 40.42, -3.70);
    add("new-york", 40.71, -74.01);
    return BuildWorld(s, std::string(SAGIN_SOURCE_DIR) + "/scenarios");
}

v1::Standard
RegenerativeIsl()
{
    v1::Standard s;
    s.set_name("regen");
    s.set_payload(v1::Standard::REGENERATIVE);
    s.mutable_isl()->set_topology(v1::IslPolicy::PLUS_GRID);
    s.mutable_access()->set_rule(v1::AccessPolicy::HIGHEST_ELEVATION);
    s.mutable_visibility()->set_space_deg(25.0);
    // Longer than the Madrid - New York round trip (~160 ms), so no probe's return trip crosses
    // a topology update (a packet in flight across an update may take a new path midway).
    s.mutable_routing()->set_update_interval_ms(250.0);
    // Processing by function: ISL transit satellites forward (0.1 ms), the serving satellites
    // also run the access stack (1 ms each way): the packets must charge what the path says.
    s.mutable_processing()->set_sat_ms(0.1);
    s.mutable_processing()->mutable_access_stack()->set_sat_ms(1.0);
    return s;
}

} // namespace

TEST(PingVsPaths, EveryProbeAgreesWithTheGeometricPathWithin50Microseconds)
{
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
    World world = ShellWithTwoTerminals();
    StandardPolicy policy = ResolveStandard(RegenerativeIsl(), world);
    const int a = world.Find("madrid");
    const int b = world.Find("new-york");

    const double duration = 60.0;
    SaginNetwork net(world, policy, NetworkOptions{{a, b}});
    net.Install();
    net.ScheduleUpdates(0.0, duration);
    auto echo = ns3::CreateObject<PingEcho>();
    net.Node(b)->AddApplication(echo);
    echo->SetStartTime(ns3::Seconds(0.0));
    auto client = ns3::CreateObject<PingClient>();
    client->SetRemote(net.Address(b), 7);
    client->SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(250)));
    net.Node(a)->AddApplication(client);
    // Probes at the update instants (the update runs first: it was scheduled first), so the
    // packets follow the forwarding state computed for their send instant, as `paths` does.
    client->SetStartTime(ns3::Seconds(0.0));
    client->SetStopTime(ns3::Seconds(duration - 0.5));
    ns3::Simulator::Stop(ns3::Seconds(duration));
    ns3::Simulator::Run();
    const auto records = client->Records();
    ns3::Simulator::Destroy();

    // Geometric reference, as `sagin paths` computes it, at the probes' send instants.
    TopologyController geometric(world, policy, {a, b});
    const double lowerBound = GeodesicDistance(40.42, -3.70, 40.71, -74.01) / kSpeedOfLight;
    ASSERT_GT(records.size(), 200u);
    int compared = 0;
    double worst = 0.0;
    for (const auto& r : records)
    {
        const double t = r.sentNs * 1e-9;
        geometric.Update(t);
        PathResult fwd = geometric.Path(a, b);
        PathResult rev = geometric.Path(b, a);
        ASSERT_EQ(fwd.reachable && rev.reachable, r.Answered()) << "t = " << t;
        if (!r.Answered())
        {
            continue;
        }
        const double rtt = (r.receivedNs - r.sentNs) * 1e-9;
        const double oneWay = (r.echoNs - r.sentNs) * 1e-9;
        EXPECT_NEAR(rtt, fwd.Latency() + rev.Latency(), 50e-6) << "t = " << t;
        EXPECT_NEAR(oneWay, fwd.Latency(), 50e-6) << "t = " << t;
        worst = std::max(worst, std::fabs(rtt - fwd.Latency() - rev.Latency()));
        // The breakdown carried on the packet adds up to the measured one-way delay.
        std::int64_t sum = 0;
        for (auto v : r.forwardNs)
        {
            sum += v;
        }
        EXPECT_EQ(sum, r.echoNs - r.sentNs);
        // Nothing beats light along the surface.
        EXPECT_GE(oneWay, lowerBound);
        ++compared;
    }
    RecordProperty("worst_rtt_difference_us", std::to_string(worst * 1e6));
    std::printf("compared %d probes, worst |rtt - paths| = %.3f us\n", compared, worst * 1e6);
    EXPECT_GT(compared, 200);
}

namespace
{

// One GEO bent pipe at 0 deg E, a terminal in Madrid and its gateway near Valencia.
World
GeoBentPipeWorld()
{
    v1::Scenario s;
    s.set_name("geo-echo");
    s.set_epoch_utc("2026-03-01T10:00:00Z");
    s.set_duration_s(10.0);
    auto* shell = s.add_shells();
    shell->set_name("geo");
    shell->mutable_geo()->add_longitudes_deg(0.0);
    auto add = [&](const char* name, v1::Node::Role role, double lat, double lon) {
        auto* g = s.add_ground_sites();
        g->set_name(name);
        g->set_role(role);
        g->mutable_position()->set_lat_deg(lat);
        g->mutable_position()->set_lon_deg(lon);
    };
    add("ut", v1::Node::UT, 40.42, -3.70);
    add("gw", v1::Node::GW, 39.47, -0.38);
    return BuildWorld(s, std::string(SAGIN_SOURCE_DIR) + "/scenarios");
}

struct EchoRun
{
    std::vector<ProbeRecord> records;
    std::vector<PathResult> forward, reverse; // `sagin paths` at each probe's send instant
};

EchoRun
PingTheGateway(double gwStackMs)
{
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
    World world = GeoBentPipeWorld();
    auto standard = LoadTextInputAs<v1::Standard>(std::string(SAGIN_SOURCE_DIR)
                                                  + "/scenarios/standards/geo-transparent.txtpb");
    standard.mutable_processing()->mutable_access_stack()->set_gw_ms(gwStackMs);
    StandardPolicy policy = ResolveStandard(standard, world);
    const int ut = world.Find("ut");
    const int gw = world.Find("gw");
    SaginNetwork net(world, policy, NetworkOptions{{ut, gw}});
    net.Install();
    net.ScheduleUpdates(0.0, 10.0);
    auto echo = ns3::CreateObject<PingEcho>();
    net.Node(gw)->AddApplication(echo);
    echo->SetStartTime(ns3::Seconds(0.0));
    auto client = ns3::CreateObject<PingClient>();
    client->SetRemote(net.Address(gw), 7);
    client->SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(500)));
    net.Node(ut)->AddApplication(client);
    client->SetStartTime(ns3::Seconds(0.0));
    client->SetStopTime(ns3::Seconds(8.0));
    ns3::Simulator::Stop(ns3::Seconds(10.0));
    ns3::Simulator::Run();
    EchoRun r;
    r.records = client->Records();
    ns3::Simulator::Destroy();
    TopologyController geometric(world, policy, {ut, gw});
    for (const auto& rec : r.records)
    {
        geometric.Update(rec.sentNs * 1e-9);
        r.forward.push_back(geometric.Path(ut, gw));
        r.reverse.push_back(geometric.Path(gw, ut));
    }
    return r;
}

} // namespace

// An echo server on the gNB itself (the gateway behind a GEO bent pipe is its terminal's gNB):
// the request goes up the gateway's access stack before the application gets it, and the reply
// down it before its first transmission, so each direction pays the stack once, in the run as
// in `sagin paths`. Reference: the same run with no stack; the difference is the stack exactly
// (2 ms each way, 4 ms round trip), since nothing else changes (a GEO and two fixed sites).
TEST(PingVsPaths, AnEchoOnTheGnbPaysItsAccessStackEachWay)
{
    const EchoRun without = PingTheGateway(0.0);
    const EchoRun with = PingTheGateway(2.0);
    ASSERT_EQ(without.records.size(), with.records.size());
    ASSERT_GE(with.records.size(), 16u);
    for (size_t i = 0; i < with.records.size(); ++i)
    {
        const auto& a = without.records[i];
        const auto& b = with.records[i];
        ASSERT_TRUE(a.Answered() && b.Answered()) << "probe " << i;
        EXPECT_EQ((b.echoNs - b.sentNs) - (a.echoNs - a.sentNs), 2000000) << "probe " << i;
        EXPECT_EQ((b.receivedNs - b.sentNs) - (a.receivedNs - a.sentNs), 4000000) << "probe " << i;
        // `paths` charges the same ends: processing = 0.01 ms (the satellite forwards) + 2 ms.
        ASSERT_TRUE(with.forward[i].reachable && with.reverse[i].reachable);
        EXPECT_NEAR(with.forward[i].processing_s, 0.01e-3 + 2e-3, 1e-12);
        EXPECT_NEAR(with.reverse[i].processing_s, 0.01e-3 + 2e-3, 1e-12);
        EXPECT_NEAR((b.echoNs - b.sentNs) * 1e-9, with.forward[i].Latency(), 50e-6) << "probe " << i;
        EXPECT_NEAR((b.receivedNs - b.sentNs) * 1e-9, with.forward[i].Latency() + with.reverse[i].Latency(),
                    50e-6)
            << "probe " << i;
        // The breakdown on the packet names the stack as processing: 2.01 ms one way.
        EXPECT_EQ(b.forwardNs[static_cast<size_t>(LatencyCategory::Processing)], 2010000) << "probe " << i;
    }
}
