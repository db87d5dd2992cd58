// Forwarding state per topology update toward 100 ground stations (the 100 most populous
// cities as gateways): Kuiper K1 (1,156 satellites, +Grid; target <= 5 ms) and Starlink Gen1
// (4,408 satellites in five +Grid shells; target <= 25 ms), on one core.
// BM_ForwardingStarlinkGen1Terminals adds 1,000 user terminals (uniform in area between 56 deg S
// and 56 deg N) that pick their satellite at every update (HIGHEST_ELEVATION, the access
// selection of a run), with forwarding state toward the 100 gateways.
// Run: build/bin/routing-bench
#include "routing/model/topology-controller.h"
#include "scenario/model/text-input.h"

#include <benchmark/benchmark.h>

using namespace sagin;

namespace
{

struct Fixture
{
    World world;
    StandardPolicy policy;
};

Fixture
Make(const std::string& scenarioFile, double minElevationDeg, unsigned terminals = 0)
{
    v1::Scenario s = LoadTextInputAs<v1::Scenario>(std::string(SAGIN_SOURCE_DIR) + "/scenarios/" + scenarioFile);
    auto* set = s.add_site_sets();
    set->set_name("gs");
    set->set_role(v1::Node::GW);
    set->mutable_cities()->set_top(100);
    if (terminals > 0)
    {
        auto* uts = s.add_site_sets();
        uts->set_name("ut");
        uts->set_role(v1::Node::UT);
        auto* r = uts->mutable_random();
        r->set_count(terminals);
        r->mutable_region()->set_lat_min_deg(-56.0);
        r->mutable_region()->set_lat_max_deg(56.0);
        r->mutable_region()->set_lon_min_deg(-180.0);
        r->mutable_region()->set_lon_max_deg(180.0);
    }
    World world = BuildWorld(s, std::string(SAGIN_SOURCE_DIR) + "/scenarios");
    v1::Standard std;
    std.set_name("bench");
    std.set_payload(v1::Standard::REGENERATIVE);
    std.mutable_isl()->set_topology(v1::IslPolicy::PLUS_GRID);
    std.mutable_access()->set_rule(terminals > 0 ? v1::AccessPolicy::HIGHEST_ELEVATION
                                                 : v1::AccessPolicy::ANY_VISIBLE);
    std.mutable_routing()->set_no_gateway_transit(true);
    std.mutable_visibility()->set_space_deg(minElevationDeg);
    std.mutable_visibility()->set_feeder_deg(minElevationDeg);
    StandardPolicy policy = ResolveStandard(std, world);
    return {std::move(world), std::move(policy)};
}

void
RunUpdates(benchmark::State& state, const std::string& file, double mask, unsigned terminals = 0)
{
    Fixture f = Make(file, mask, terminals);
    // Forwarding toward the gateways (with terminals, not toward every terminal: a run computes
    // it toward its flows' destinations).
    std::vector<int> gateways;
    for (std::size_t k = 0; k < f.world.Nodes().size(); ++k)
    {
        if (f.world.Nodes()[k].role == v1::Node::GW)
        {
            gateways.push_back(static_cast<int>(k));
        }
    }
    TopologyController controller(f.world, f.policy, terminals > 0 ? gateways : std::vector<int>{});
    double t = 0.0;
    double linkState = 0;
    double routes = 0;
    double graph = 0;
    long n = 0;
    for (auto _ : state)
    {
        controller.Update(t);
        t += 0.1;
        linkState += controller.LastTimings().linkState;
        graph += controller.LastTimings().graph + controller.LastTimings().access;
        routes += controller.LastTimings().routes;
        ++n;
    }
    state.counters["destinations"] = static_cast<double>(controller.Table().Destinations().size());
    state.counters["links"] = static_cast<double>(controller.Snapshot().links.size());
    state.counters["linkstate_ms"] = 1e3 * linkState / n;
    state.counters["graph_ms"] = 1e3 * graph / n;
    state.counters["routes_ms"] = 1e3 * routes / n;
}

void
BM_ForwardingKuiperK1(benchmark::State& state)
{
    RunUpdates(state, "kuiper-k1.txtpb", 30.0);
}

void
BM_ForwardingStarlinkGen1(benchmark::State& state)
{
    RunUpdates(state, "starlink-gen1.txtpb", 25.0);
}

void
BM_ForwardingStarlinkGen1Terminals(benchmark::State& state)
{
    RunUpdates(state, "starlink-gen1.txtpb", 25.0, 1000);
}

} // namespace

BENCHMARK(BM_ForwardingKuiperK1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForwardingStarlinkGen1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ForwardingStarlinkGen1Terminals)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
