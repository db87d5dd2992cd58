// The ns-3 extension points of the sagin devices and routing protocol: trace sources count what
// happened to every packet (checked against hand counts of the traffic sent), each drop reason is
// reported through the Drop traces, and PrintRoutingTable shows the next hop the controller's
// own path computation gives.
#include "metrics/model/drop-collector.h"
#include "net/helper/sagin-network.h"
#include "net/model/sagin-net-device.h"
#include "net/model/sagin-routing.h"
#include "scenario/model/text-input.h"
#include "traffic/model/ping-application.h"

#include <ns3/ipv4.h>
#include <ns3/output-stream-wrapper.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

#include <gtest/gtest.h>

#include <sstream>

using namespace sagin;

namespace
{

World
ShellWith(const std::vector<std::tuple<const char*, double, double>>& sites)
{
    v1::Scenario s = LoadTextInputAs<v1::Scenario>(std::string(SAGIN_SOURCE_DIR) + "/scenarios/starlink-shell1.txtpb");
    for (const auto& [name, lat, lon] : sites)
    {
        auto* g = s.add_ground_sites();
        g->set_name(name);
        g->set_role(v1::Node::UT);
        g->mutable_position()->set_lat_deg(lat);
        g->mutable_position()->set_lon_deg(lon);
    }
    return BuildWorld(s, std::string(SAGIN_SOURCE_DIR) + "/scenarios");
}

v1::Standard
Regenerative(double maskDeg)
{
    v1::Standard s;
    s.set_name("regen");
    s.set_payload(v1::Standard::REGENERATIVE);
    s.mutable_isl()->set_topology(v1::IslPolicy::PLUS_GRID);
    s.mutable_access()->set_rule(v1::AccessPolicy::HIGHEST_ELEVATION);
    s.mutable_visibility()->set_space_deg(maskDeg);
    s.mutable_routing()->set_update_interval_ms(250.0);
    return s;
}

struct Counts
{
    unsigned macTx = 0, macRx = 0, phyTx = 0, phyRx = 0;
};

} // namespace

TEST(TraceSources, DeviceTracesCountEveryProbeAndEcho)
{
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
    World world = ShellWith({{"madrid", 40.42, -3.70}, {"paris", 48.86, 2.35}});
    StandardPolicy policy = ResolveStandard(Regenerative(25.0), world);
    const int a = world.Find("madrid");
    const int b = world.Find("paris");
    SaginNetwork net(world, policy, NetworkOptions{{a, b}});
    net.Install();
    net.ScheduleUpdates(0.0, 3.0);
    DropCollector drops;
    drops.Attach(net.Nodes());
    Counts atA;
    ns3::Ptr<ns3::Node> nodeA = net.Node(a);
    for (uint32_t k = 0; k < nodeA->GetNDevices(); ++k)
    {
        if (auto dev = ns3::DynamicCast<SaginNetDevice>(nodeA->GetDevice(k)))
        {
            dev->TraceConnectWithoutContext("MacTx", ns3::MakeCallback(+[](Counts* c, ns3::Ptr<const ns3::Packet>) { ++c->macTx; }).Bind(&atA));
            dev->TraceConnectWithoutContext("MacRx", ns3::MakeCallback(+[](Counts* c, ns3::Ptr<const ns3::Packet>) { ++c->macRx; }).Bind(&atA));
            dev->TraceConnectWithoutContext("PhyTxBegin", ns3::MakeCallback(+[](Counts* c, ns3::Ptr<const ns3::Packet>) { ++c->phyTx; }).Bind(&atA));
            dev->TraceConnectWithoutContext("PhyRxEnd", ns3::MakeCallback(+[](Counts* c, ns3::Ptr<const ns3::Packet>) { ++c->phyRx; }).Bind(&atA));
        }
    }
    auto echo = ns3::CreateObject<PingEcho>();
    net.Node(b)->AddApplication(echo);
    echo->SetStartTime(ns3::Seconds(0.0));
    auto client = ns3::CreateObject<PingClient>();
    client->SetRemote(net.Address(b), 7);
    client->SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(100)));
    net.Node(a)->AddApplication(client);
    client->SetStartTime(ns3::Seconds(0.0));
    client->SetStopTime(ns3::Seconds(1.95)); // probes at 0, 0.1, ..., 1.9 s: 20
    ns3::Simulator::Stop(ns3::Seconds(3.0));
    ns3::Simulator::Run();
    unsigned answered = 0;
    for (const auto& r : client->Records())
    {
        answered += r.Answered();
    }
    ns3::Simulator::Destroy();
    ASSERT_EQ(client->Records().size(), 20u);
    EXPECT_EQ(answered, 20u); // Madrid - Paris over a +Grid shell at 25 deg: every probe answered
    // Madrid's terminal sends each probe once and receives each echo once.
    EXPECT_EQ(atA.macTx, 20u);
    EXPECT_EQ(atA.phyTx, 20u);
    EXPECT_EQ(atA.phyRx, 20u);
    EXPECT_EQ(atA.macRx, 20u);
    for (int r = 0; r < kDropReasonCount; ++r)
    {
        EXPECT_EQ(drops.Count(static_cast<DropReason>(r)), 0u) << DropReasonName(static_cast<DropReason>(r));
    }
}

TEST(TraceSources, NoRouteDropsAreTracedWithTheirReason)
{
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
    // A 90 deg mask: no satellite is ever exactly overhead, so no terminal is served and every
    // probe finds no route at its source.
    World world = ShellWith({{"madrid", 40.42, -3.70}, {"paris", 48.86, 2.35}});
    StandardPolicy policy = ResolveStandard(Regenerative(90.0), world);
    const int a = world.Find("madrid");
    const int b = world.Find("paris");
    SaginNetwork net(world, policy, NetworkOptions{{a, b}});
    net.Install();
    net.ScheduleUpdates(0.0, 2.0);
    DropCollector drops;
    drops.Attach(net.Nodes());
    auto client = ns3::CreateObject<PingClient>();
    client->SetRemote(net.Address(b), 7);
    client->SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(100)));
    net.Node(a)->AddApplication(client);
    client->SetStartTime(ns3::Seconds(0.0));
    client->SetStopTime(ns3::Seconds(0.95)); // 10 probes
    ns3::Simulator::Stop(ns3::Seconds(2.0));
    ns3::Simulator::Run();
    const size_t sent = client->Records().size();
    ns3::Simulator::Destroy();
    EXPECT_EQ(sent, 10u);
    EXPECT_EQ(drops.Count(DropReason::NoRoute), 10u);
    v1::Drops d;
    drops.Fill(d);
    EXPECT_EQ(d.no_route(), 10u);
    EXPECT_EQ(d.queue_full() + d.link_down() + d.no_next_hop() + d.harq_failure() + d.ttl_expired(), 0u);
}

TEST(TraceSources, PrintRoutingTableShowsTheControllersNextHop)
{
    World world = ShellWith({{"madrid", 40.42, -3.70}, {"paris", 48.86, 2.35}});
    StandardPolicy policy = ResolveStandard(Regenerative(25.0), world);
    const int a = world.Find("madrid");
    const int b = world.Find("paris");
    SaginNetwork net(world, policy, NetworkOptions{{a, b}});
    net.Install();
    const PathResult path = net.State()->Controller().Path(a, b);
    ASSERT_TRUE(path.reachable);
    ASSERT_GE(path.nodes.size(), 3u);
    auto routing = ns3::DynamicCast<SaginRouting>(net.Node(a)->GetObject<ns3::Ipv4>()->GetRoutingProtocol());
    ASSERT_TRUE(routing);
    std::ostringstream text;
    routing->PrintRoutingTable(ns3::Create<ns3::OutputStreamWrapper>(&text));
    // The row toward Paris names the first hop of the controller's path (Madrid's serving
    // satellite) over a service link.
    const std::string t = text.str();
    const auto row = t.substr(t.find("\nparis") + 1, t.find('\n', t.find("\nparis") + 1) - t.find("\nparis") - 1);
    EXPECT_NE(row.find(world.Nodes()[path.nodes[1]].name), std::string::npos) << t;
    EXPECT_NE(t.find("SaginRouting of madrid"), std::string::npos) << t;
    ns3::Simulator::Destroy();
}
