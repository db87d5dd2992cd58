// Whole-process check: Starlink Gen1 (4,408 satellites, five +Grid shells) with the 100 most
// populous cities as user terminals and 100 ping flows for 10 simulated seconds.
// Run: /usr/bin/time -v build/bin/gen1-ping-run   (target: maximum resident set <= 1 GiB)
#include "metrics/model/drop-collector.h"
#include "net/helper/sagin-network.h"
#include "scenario/model/text-input.h"
#include "traffic/model/ping-application.h"

#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>

#include <chrono>
#include <cstdio>

using namespace sagin;

int
main()
{
    ns3::RngSeedManager::SetSeed(1);
    auto t0 = std::chrono::steady_clock::now();
    v1::Scenario s = LoadTextInputAs<v1::Scenario>(std::string(SAGIN_SOURCE_DIR) + "/scenarios/starlink-gen1.txtpb");
    auto* set = s.add_site_sets();
    set->set_name("city");
    set->set_role(v1::Node::UT);
    set->mutable_cities()->set_top(100);
    World world = BuildWorld(s, ".");
    v1::Standard std;
    std.set_name("regen-isl");
    std.set_payload(v1::Standard::REGENERATIVE);
    std.mutable_isl()->set_topology(v1::IslPolicy::PLUS_GRID);
    // Terminals may use any visible satellite: the five shells have no ISLs between them, so a
    // single serving satellite would leave many city pairs unreachable.
    std.mutable_access()->set_rule(v1::AccessPolicy::ANY_VISIBLE);
    std.mutable_visibility()->set_space_deg(25.0);
    StandardPolicy policy = ResolveStandard(std, world);
    auto cities = world.SiteSet("city");
    SaginNetwork net(world, policy, NetworkOptions{cities});
    net.Install();
    const double duration = 10.0;
    net.ScheduleUpdates(0.0, duration);
    std::vector<ns3::Ptr<PingClient>> clients;
    for (size_t i = 0; i < cities.size(); ++i)
    {
        const int from = cities[i];
        const int to = cities[(i + 37) % cities.size()];
        auto echo = ns3::CreateObject<PingEcho>();
        echo->SetAttribute("Port", ns3::UintegerValue(static_cast<uint16_t>(1000 + i)));
        net.Node(to)->AddApplication(echo);
        auto client = ns3::CreateObject<PingClient>();
        client->SetRemote(net.Address(to), static_cast<uint16_t>(1000 + i));
        client->SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(100)));
        net.Node(from)->AddApplication(client);
        client->SetStartTime(ns3::Seconds(0.05));
        client->SetStopTime(ns3::Seconds(duration - 1.0));
        clients.push_back(client);
    }
    auto t1 = std::chrono::steady_clock::now();
    ns3::Simulator::Stop(ns3::Seconds(duration));
    DropCollector drops;
    drops.Attach(net.Nodes());
    ns3::Simulator::Run();
    auto t2 = std::chrono::steady_clock::now();
    size_t sent = 0;
    size_t answered = 0;
    for (const auto& c : clients)
    {
        for (const auto& r : c->Records())
        {
            ++sent;
            answered += r.Answered();
        }
    }
    std::printf("nodes %zu, probes sent %zu, answered %zu, build %.1f s, run %.1f s\n",
                world.Nodes().size(),
                sent,
                answered,
                std::chrono::duration<double>(t1 - t0).count(),
                std::chrono::duration<double>(t2 - t1).count());
    for (int r = 0; r < kDropReasonCount; ++r)
    {
        std::printf("drops %s: %llu\n", DropReasonName(static_cast<DropReason>(r)),
                    static_cast<unsigned long long>(drops.Count(static_cast<DropReason>(r))));
    }
    ns3::Simulator::Destroy();
    return 0;
}
