// A bent pipe stays a bent pipe: a transparent satellite (or relay HAPS) only passes traffic
// between its users and its gateway, so two terminals under it cannot talk without a gateway.
#include "core/model/geodesy.h"
#include "routing-test-util.h"
#include "routing/model/topology-controller.h"
#include "scenario/model/validate-standard.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

const char* kShell = R"(
    name: "bent" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60 seed: 1
    shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                                  total_satellites: 12 planes: 1 phasing: 0 } }
)";

/// The sub-satellite point of leo-0-0 at t = 0.
Geodetic
SubSatellitePoint()
{
    auto probe = MakeWorld(ScenarioFromText(kShell));
    Geodetic g = EcefToGeodetic(probe->Nodes()[probe->Find("leo-0-0")].trajectory->PositionAt(0.0));
    g.alt_m = 0.0;
    return g;
}

std::string
Site(const std::string& name, const char* role, double lat, double lon)
{
    std::ostringstream s;
    s.precision(12);
    s << "ground_sites { name: \"" << name << "\" role: " << role << " position { lat_deg: " << lat
      << " lon_deg: " << lon << " } }\n";
    return s.str();
}

std::string
PathNames(const World& world, const PathResult& p)
{
    std::string s;
    for (int n : p.nodes)
    {
        s += (s.empty() ? "" : ">") + world.Nodes()[n].name;
    }
    return s;
}

} // namespace

TEST(BentPipe, TerminalsUnderOneTransparentSatelliteNeedAGateway)
{
    const Geodetic sub = SubSatellitePoint();
    const std::string uts = Site("ut-a", "UT", sub.lat_deg + 0.5, sub.lon_deg)
                            + Site("ut-b", "UT", sub.lat_deg - 0.5, sub.lon_deg);
    const char* transparent = R"(name: "bp" payload: TRANSPARENT isl { topology: NO_ISL }
                                 visibility { space_deg: 25 })";
    const char* regenerative = R"(name: "rg" payload: REGENERATIVE isl { topology: NO_ISL }
                                  visibility { space_deg: 25 })";
    const char* noGatewayTransit = R"(name: "bp" payload: TRANSPARENT isl { topology: NO_ISL }
                                      routing { no_gateway_transit: true }
                                      visibility { space_deg: 25 })";

    // No gateway: leo-0-0 sees both terminals but leads nowhere, so it serves neither (a bent
    // pipe serves only while it sees a gateway, as in the coverage engine) and there is no path.
    {
        auto world = MakeWorld(ScenarioFromText(std::string(kShell) + uts));
        const int a = NodeIndex(*world, "ut-a");
        const int b = NodeIndex(*world, "ut-b");
        auto standard = StandardFromText(transparent);
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        EXPECT_EQ(controller.Snapshot().serving[a], kNoServingNode);
        EXPECT_EQ(controller.Snapshot().serving[b], kNoServingNode);
        EXPECT_FALSE(controller.Path(a, b).reachable) << PathNames(*world, controller.Path(a, b));
        EXPECT_FALSE(controller.Path(b, a).reachable);

        // The same geometry with on-board processing: the satellite turns the traffic around.
        auto regen = StandardFromText(regenerative);
        auto regenPolicy = Resolve(regen, *world);
        TopologyController regenController(*world, regenPolicy);
        regenController.Update(0.0);
        PathResult p = regenController.Path(a, b);
        ASSERT_TRUE(p.reachable);
        EXPECT_EQ(PathNames(*world, p), "ut-a>leo-0-0>ut-b");
    }

    // A gateway the satellite sees: the bent pipe goes down to it and back up.
    {
        auto world = MakeWorld(ScenarioFromText(
            std::string(kShell) + uts + Site("gw", "GW", sub.lat_deg, sub.lon_deg + 1.0)));
        const int a = NodeIndex(*world, "ut-a");
        const int b = NodeIndex(*world, "ut-b");
        auto standard = StandardFromText(transparent);
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        PathResult p = controller.Path(a, b);
        ASSERT_TRUE(p.reachable);
        EXPECT_EQ(PathNames(*world, p), "ut-a>leo-0-0>gw>leo-0-0>ut-b");
        EXPECT_EQ(PathNames(*world, controller.Path(b, a)), "ut-b>leo-0-0>gw>leo-0-0>ut-a");
        for (const auto& l : controller.Snapshot().links)
        {
            EXPECT_NE(l.kind, LinkKind::Isl) << "a bent pipe has no ISL";
        }
        // Recomputed from the trajectories: up, down to the gateway, up, down.
        const auto& nodes = world->Nodes();
        auto pos = [&](const char* n)
        {
            return nodes[world->Find(n)].trajectory->PositionAt(0.0);
        };
        const double length = Distance(pos("ut-a"), pos("leo-0-0"))
                              + 2.0 * Distance(pos("leo-0-0"), pos("gw"))
                              + Distance(pos("leo-0-0"), pos("ut-b"));
        EXPECT_NEAR(p.Latency(), length / kC, 1e-12);

        // When the gateway may not relay, the bent pipe has nowhere to turn.
        auto strict = StandardFromText(noGatewayTransit);
        auto strictPolicy = Resolve(strict, *world);
        TopologyController strictController(*world, strictPolicy);
        strictController.Update(0.0);
        EXPECT_FALSE(strictController.Path(a, b).reachable);
        EXPECT_TRUE(strictController.Path(a, world->Find("gw")).reachable);
    }

    // A transparent payload cannot ask for ISLs.
    v1::Standard bad;
    bad.set_payload(v1::Standard::TRANSPARENT);
    bad.mutable_isl()->set_topology(v1::IslPolicy::PLUS_GRID);
    auto errors = ValidateStandard(bad);
    ASSERT_FALSE(errors.Empty());
    EXPECT_EQ(errors.Errors()[0].path, "isl.topology");
}

// A relay HAPS is a bent pipe too: terminals under it reach each other only through a ground
// station it backhauls to.
TEST(BentPipe, RelayHapsNeedsItsGroundBackhaul)
{
    const char* base = R"(
        name: "haps" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60 seed: 1
        aerial_platforms { name: "haps" role: HAPS
                           station_keeping { center { lat_deg: -1.0 lon_deg: 37.0 alt_m: 20000 } } }
        ground_sites { name: "ut-a" role: UT position { lat_deg: -1.1 lon_deg: 37.0 } }
        ground_sites { name: "ut-b" role: UT position { lat_deg: -0.9 lon_deg: 37.1 } }
    )";
    const char* relay = R"(name: "relay" payload: REGENERATIVE access_layers: [AIR]
                           haps { role: RELAY backhauls: [VIA_GROUND] }
                           visibility { air_deg: 15 })";
    const char* onboard = R"(name: "hibs" payload: REGENERATIVE access_layers: [AIR]
                             haps { role: BASE_STATION }
                             visibility { air_deg: 15 })";
    {
        auto world = MakeWorld(ScenarioFromText(base));
        auto standard = StandardFromText(relay);
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        const int a = NodeIndex(*world, "ut-a");
        const int b = NodeIndex(*world, "ut-b");
        // No ground station: the relay has no backhaul and serves nobody.
        EXPECT_EQ(controller.Snapshot().serving[a], kNoServingNode);
        EXPECT_FALSE(controller.Path(a, b).reachable);

        auto hibs = StandardFromText(onboard);
        auto hibsPolicy = Resolve(hibs, *world);
        TopologyController hibsController(*world, hibsPolicy);
        hibsController.Update(0.0);
        EXPECT_EQ(PathNames(*world, hibsController.Path(a, b)), "ut-a>haps>ut-b");
    }
    {
        auto world = MakeWorld(ScenarioFromText(
            std::string(base)
            + "ground_sites { name: \"gw\" role: GW position { lat_deg: -1.0 lon_deg: 37.05 } }"));
        auto standard = StandardFromText(relay);
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        controller.Update(0.0);
        PathResult p = controller.Path(world->Find("ut-a"), world->Find("ut-b"));
        EXPECT_EQ(PathNames(*world, p), "ut-a>haps>gw>haps>ut-b");
    }
}
