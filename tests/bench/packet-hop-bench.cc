// Cost of one packet hop: sagin devices and routing (a chain of satellites over optical ISLs)
// against ns-3's stock point-to-point device with static routing (a chain of the same length),
// measured side by side in one run. Both forward UDP packets of the same size at the same rate.
// BM_SaginDevicesAndRouting/0 computes the topology once; /100 also recomputes it every 100 ms
// during the flow (the controller's updates, as in a run), their cost included in ns_per_hop.
// Run: build/bin/packet-hop-bench   (counters: ns_per_hop, ratio in the README)
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "net/helper/sagin-network.h"
#include "scenario/model/world.h"

#include <ns3/applications-module.h>
#include <ns3/internet-module.h>
#include <ns3/point-to-point-module.h>
#include <ns3/simulator.h>

#include <benchmark/benchmark.h>

#include <chrono>

using namespace sagin;

namespace
{

constexpr int kChain = 40;       // nodes in the chain
constexpr int kPackets = 20000;  // packets per run
constexpr double kRate = 1e9;    // bit/s on every link
constexpr uint32_t kSize = 512;  // bytes

/// Sends kPackets UDP packets at a steady rate below the link rate; returns packets received.
uint64_t
Flow(ns3::Ptr<ns3::Node> from, ns3::Ptr<ns3::Node> to, ns3::Ipv4Address address)
{
    ns3::PacketSinkHelper sink("ns3::UdpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9));
    auto sinkApps = sink.Install(to);
    ns3::OnOffHelper onoff("ns3::UdpSocketFactory", ns3::InetSocketAddress(address, 9));
    onoff.SetConstantRate(ns3::DataRate(static_cast<uint64_t>(kRate / 4)), kSize);
    onoff.SetAttribute("MaxBytes", ns3::UintegerValue(static_cast<uint64_t>(kPackets) * kSize));
    auto apps = onoff.Install(from);
    apps.Start(ns3::Seconds(0.01));
    ns3::Simulator::Stop(ns3::Seconds(5.0));
    ns3::Simulator::Run();
    auto s = ns3::DynamicCast<ns3::PacketSink>(sinkApps.Get(0));
    uint64_t received = s->GetTotalRx() / kSize;
    ns3::Simulator::Destroy();
    return received;
}

void
BM_StockPointToPointStaticRouting(benchmark::State& state)
{
    double ns = 0;
    uint64_t hops = 0;
    for (auto _ : state)
    {
        state.PauseTiming();
        ns3::NodeContainer nodes;
        nodes.Create(kChain);
        ns3::InternetStackHelper stack;
        ns3::Ipv4StaticRoutingHelper staticRouting;
        stack.SetRoutingHelper(staticRouting);
        stack.Install(nodes);
        ns3::PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", ns3::DataRateValue(ns3::DataRate(static_cast<uint64_t>(kRate))));
        p2p.SetChannelAttribute("Delay", ns3::TimeValue(ns3::MilliSeconds(5)));
        ns3::Ipv4AddressHelper address;
        std::vector<ns3::Ipv4InterfaceContainer> ifs;
        for (int i = 0; i + 1 < kChain; ++i)
        {
            auto devs = p2p.Install(nodes.Get(i), nodes.Get(i + 1));
            address.SetBase(ns3::Ipv4Address(0x0a000000u + (static_cast<uint32_t>(i) << 8)), "255.255.255.0");
            ifs.push_back(address.Assign(devs));
        }
        const ns3::Ipv4Address dst = ifs.back().GetAddress(1);
        for (int i = 0; i + 1 < kChain; ++i)
        {
            auto routing = staticRouting.GetStaticRouting(nodes.Get(i)->GetObject<ns3::Ipv4>());
            routing->AddHostRouteTo(dst, ifs[i].GetAddress(1), i == 0 ? 1 : 2);
        }
        state.ResumeTiming();
        auto t0 = std::chrono::steady_clock::now();
        uint64_t received = Flow(nodes.Get(0), nodes.Get(kChain - 1), dst);
        ns += std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
        hops += received * (kChain - 1);
    }
    state.counters["ns_per_hop"] = ns / static_cast<double>(hops);
}

void
BM_SaginDevicesAndRouting(benchmark::State& state)
{
    // One plane of kChain - 2 satellites at 550 km with in-plane ISLs and two gateways under the
    // ends of an arc: the path is gateway, kChain - 2 satellites at most, gateway.
    v1::Scenario s;
    s.set_epoch_utc("2026-01-01T00:00:00Z");
    auto* shell = s.add_shells();
    shell->set_name("p");
    auto* w = shell->mutable_walker();
    w->set_pattern(v1::WalkerShell::DELTA);
    w->set_altitude_km(550);
    w->set_inclination_deg(90);
    w->set_total_satellites(72);
    w->set_planes(1);
    auto gw = [&](const char* name, double lat) {
        auto* g = s.add_ground_sites();
        g->set_name(name);
        g->set_role(v1::Node::GW);
        g->mutable_position()->set_lat_deg(lat);
        g->mutable_position()->set_lon_deg(0.0);
    };
    // Subsatellite points move along the meridian of the plane at t = 0 (RAAN 0 -> longitude of
    // the node minus GMST): put the gateways under satellites 0 and kChain - 3.
    World probe = BuildWorld(s, ".");
    auto sub = [&](int k) { return EcefToGeodetic(probe.Nodes()[k].trajectory->PositionAt(0.0)); };
    Geodetic g0 = sub(0);
    Geodetic g1 = sub(kChain - 3);
    s.clear_ground_sites();
    gw("a", g0.lat_deg);
    s.mutable_ground_sites(0)->mutable_position()->set_lon_deg(g0.lon_deg);
    gw("b", g1.lat_deg);
    s.mutable_ground_sites(1)->mutable_position()->set_lon_deg(g1.lon_deg);
    World world = BuildWorld(s, ".");
    v1::Standard std;
    std.set_name("chain");
    std.set_payload(v1::Standard::REGENERATIVE);
    std.mutable_isl()->set_topology(v1::IslPolicy::INTRA_PLANE);
    std.mutable_access()->set_max_gateway_links(1);
    const int updateMs = static_cast<int>(state.range(0));
    std.mutable_routing()->set_update_interval_ms(updateMs > 0 ? updateMs : 1e6);
    std.mutable_routing()->set_no_gateway_transit(true);
    std.mutable_visibility()->set_space_deg(80.0);
    std.mutable_links()->mutable_isl()->set_rate_mbps(kRate / 1e6);
    std.mutable_links()->mutable_feeder()->set_rate_mbps(kRate / 1e6);
    StandardPolicy policy = ResolveStandard(std, world);
    const int a = world.Find("a");
    const int b = world.Find("b");
    double ns = 0;
    uint64_t hops = 0;
    uint64_t pathHops = 0;
    for (auto _ : state)
    {
        state.PauseTiming();
        SaginNetwork net(world, policy, NetworkOptions{{a, b}});
        net.Install();
        pathHops = net.State()->Controller().Path(a, b).links.size();
        if (updateMs > 0)
        {
            net.ScheduleUpdates(0.0, 5.0);
        }
        state.ResumeTiming();
        auto t0 = std::chrono::steady_clock::now();
        uint64_t received = Flow(net.Node(a), net.Node(b), net.Address(b));
        ns += std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
        hops += received * pathHops;
    }
    state.counters["ns_per_hop"] = ns / static_cast<double>(std::max<uint64_t>(hops, 1));
    state.counters["path_hops"] = static_cast<double>(pathHops);
}

} // namespace

BENCHMARK(BM_StockPointToPointStaticRouting)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_SaginDevicesAndRouting)->Arg(0)->Arg(100)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
