// What a standard sets per link kind and per function: elevation masks for service and backhaul
// links of the air and space layers, processing delays by function (forwarding vs the gNB's
// access stack), and whether gateways relay between satellites.
#include "core/model/geodesy.h"
#include "routing-test-util.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/topology-controller.h"
#include "scenario/model/text-input.h"
#include "scenario/model/validate-standard.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

const char* kShell = R"(
    name: "fn" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60 seed: 1
    shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                                  total_satellites: 12 planes: 1 phasing: 0 } }
)";

/// The sub-satellite point of a satellite of kShell at t = 0.
Geodetic
SubPoint(const std::string& sat)
{
    auto probe = MakeWorld(ScenarioFromText(kShell));
    Geodetic g = EcefToGeodetic(probe->Nodes()[probe->Find(sat)].trajectory->PositionAt(0.0));
    g.alt_m = 0.0;
    return g;
}

std::string
Site(const std::string& name, const char* role, double lat, double lon, double alt = 0.0)
{
    std::ostringstream s;
    s.precision(12);
    s << "ground_sites { name: \"" << name << "\" role: " << role << " position { lat_deg: " << lat
      << " lon_deg: " << lon << " alt_m: " << alt << " } }\n";
    return s.str();
}

std::string
Names(const World& world, const PathResult& p)
{
    std::string s;
    for (int n : p.nodes)
    {
        s += (s.empty() ? "" : ">") + world.Nodes()[n].name;
    }
    return s;
}

} // namespace

// A UAV 120 m above a base station's antenna, 3 km away (0.027 deg of latitude at the equator:
// 0.027 x 110.574 km/deg = 2.986 km on the meridian). Hand computation on a sphere of 6371 km:
// the Earth's curvature lowers the UAV by d^2 / 2R = 2986^2 / 12.742e6 = 0.70 m, so the
// elevation is atan((120 - 0.70) / 2986) = 2.29 deg. The backhaul (air_ground) is then usable
// with a 2 deg mask and not with 2.5 deg, and an air mask of 15 deg without air_ground_deg
// (the old single mask) cuts it.
TEST(StandardFunctions, AirBackhaulMaskIsSeparateFromTheServiceMask)
{
    const std::string scenario = std::string(R"(
        name: "mask" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60 seed: 1
        aerial_platforms { name: "uav" role: UAV
                           station_keeping { center { lat_deg: 0.027 lon_deg: 10 alt_m: 145 } } }
    )") + Site("bs", "BS", 0.0, 10.0, 25.0);
    auto world = MakeWorld(ScenarioFromText(scenario));
    const int bs = NodeIndex(*world, "bs");
    const int uav = NodeIndex(*world, "uav");
    const Vec3 pb = Wgs84ToEcef(0.0, 10.0, 25.0);
    const Vec3 pu = world->Nodes()[uav].trajectory->PositionAt(0.0);
    for (auto [text, usable] : {std::pair{"visibility { air_deg: 15 air_ground_deg: 2 }", true},
                                std::pair{"visibility { air_deg: 15 air_ground_deg: 2.5 }", false},
                                std::pair{"visibility { air_deg: 15 }", false},
                                std::pair{"visibility { air_deg: 2 }", true},
                                std::pair{"visibility { air_deg: 15 air_ground_deg: 0 }", true}})
    {
        auto standard = StandardFromText(std::string("name: \"m\" payload: REGENERATIVE ") + text);
        auto policy = Resolve(standard, *world);
        LinkStateBuilder builder(*world, policy);
        SnapshotLink l;
        EXPECT_EQ(builder.EvaluateLink(LinkKind::AirGround, bs, uav, pb, pu, l), usable) << text;
        if (usable)
        {
            EXPECT_NEAR(l.elevation_deg, 2.29, 0.01) << text;
        }
        // The service mask of terminals under the UAV stays air_deg.
        EXPECT_EQ(builder.MaskDeg(LinkKind::ServiceAir, uav), standard.visibility().air_deg()) << text;
    }
}

// Defaults: feeder_deg and air_space_deg follow space_deg, air_ground_deg follows air_deg; an
// explicit 0 is a 0 deg mask (proto3 optional), not "the default".
TEST(StandardFunctions, MaskDefaultsAndExplicitZero)
{
    auto world = MakeWorld(ScenarioFromText(std::string(kShell) + R"(
        aerial_platforms { name: "haps" role: HAPS
                           station_keeping { center { lat_deg: 0 lon_deg: 0 alt_m: 20000 } } }
    )"));
    const int sat = NodeIndex(*world, "leo-0-0");
    const int haps = NodeIndex(*world, "haps");
    {
        auto policy = Resolve(StandardFromText("name: \"d\" payload: REGENERATIVE visibility { space_deg: 25 air_deg: 12 }"), *world);
        LinkStateBuilder b(*world, policy);
        EXPECT_EQ(b.MaskDeg(LinkKind::ServiceSpace, sat), 25.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::Feeder, sat), 25.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::AirSpace, sat), 25.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::ServiceAir, haps), 12.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::AirGround, haps), 12.0);
    }
    {
        auto policy = Resolve(StandardFromText("name: \"z\" payload: REGENERATIVE visibility { space_deg: 25 air_deg: 12 feeder_deg: 0 "
                                               "air_space_deg: 5 air_ground_deg: 0 }"),
                              *world);
        LinkStateBuilder b(*world, policy);
        EXPECT_EQ(b.MaskDeg(LinkKind::ServiceSpace, sat), 25.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::Feeder, sat), 0.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::AirSpace, sat), 5.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::ServiceAir, haps), 12.0);
        EXPECT_EQ(b.MaskDeg(LinkKind::AirGround, haps), 0.0);
    }
}

TEST(StandardFunctions, ValidationNamesTheFields)
{
    v1::Standard s;
    ParseTextInto("<test standard>",
                  "name: \"bad\" payload: REGENERATIVE visibility { air_ground_deg: 90 air_space_deg: -1 }"
                  " processing { access_stack { sat_ms: -1 gw_ms: nan } }"
                  " routing { no_gateway_transit: true gateway_space_relay: true }",
                  s);
    auto errors = ValidateStandard(s);
    std::string all;
    for (const auto& e : errors.Errors())
    {
        all += e.path + ";";
    }
    EXPECT_NE(all.find("visibility.air_ground_deg;"), std::string::npos) << all;
    EXPECT_NE(all.find("visibility.air_space_deg;"), std::string::npos) << all;
    EXPECT_NE(all.find("processing.access_stack.sat_ms;"), std::string::npos) << all;
    EXPECT_NE(all.find("processing.access_stack.gw_ms;"), std::string::npos) << all;
    EXPECT_NE(all.find("routing.gateway_space_relay;"), std::string::npos) << all;
}

// A terminal under leo-0-0 and a gateway under leo-0-1 (30 deg apart along the plane: each
// sees only its own satellite above 10 deg, since a 550 km satellite at 10 deg is 15 deg of
// central angle away), a core on fiber beside the gateway. Regenerative path:
// ut > leo-0-0 > (ISL) > leo-0-1 > gw > core. Processing (ms), by hand:
//   leo-0-0 forwards (0.1) and runs the access stack of the link the packet came in on (1.0);
//   leo-0-1 only forwards (0.1); the gateway forwards (0.3); the core is the destination.
//   Total 1.5 ms; the way back (core > gw > leo-0-1 > leo-0-0 > ut) charges the same nodes:
//   0.3 + 0.1 + (0.1 + 1.0, the downlink's stack) = 1.5 ms.
// Transparent: ut > leo-0-0 > gw > core with the gNB at the gateway: bent pipe 0.1, gateway
// 0.3 + its access stack 2.0 (it anchors the bent pipe's feeder): 2.4 ms.
TEST(StandardFunctions, ProcessingByFunction)
{
    const Geodetic ut = SubPoint("leo-0-0");
    const Geodetic gw = SubPoint("leo-0-1");
    auto world = MakeWorld(ScenarioFromText(std::string(kShell) + Site("ut", "UT", ut.lat_deg, ut.lon_deg) +
                                            Site("gw", "GW", gw.lat_deg, gw.lon_deg) +
                                            Site("core", "CORE", gw.lat_deg + 0.01, gw.lon_deg) +
                                            "terrestrial { connect_to_nearest_core: true }"));
    const int u = NodeIndex(*world, "ut");
    const int c = NodeIndex(*world, "core");
    const char* processing = " processing { sat_ms: 0.1 gw_ms: 0.3 core_ms: 0.7 bs_ms: 5"
                             " access_stack { sat_ms: 1 gw_ms: 2 bs_ms: 9 } }";
    {
        auto policy = Resolve(StandardFromText(std::string("name: \"r\" payload: REGENERATIVE isl { topology: "
                                                           "INTRA_PLANE } visibility { space_deg: 10 }") +
                                               processing),
                              *world);
        TopologyController ctl(*world, policy);
        ctl.Update(0.0);
        PathResult up = ctl.Path(u, c);
        ASSERT_TRUE(up.reachable);
        EXPECT_EQ(Names(*world, up), "ut>leo-0-0>leo-0-1>gw>core");
        EXPECT_NEAR(up.processing_s * 1e3, 1.5, 1e-9);
        PathResult down = ctl.Path(c, u);
        ASSERT_TRUE(down.reachable);
        EXPECT_EQ(Names(*world, down), "core>gw>leo-0-1>leo-0-0>ut");
        EXPECT_NEAR(down.processing_s * 1e3, 1.5, 1e-9);
    }
    {
        // The gateway must also see the satellite the terminal uses: put the terminal under
        // leo-0-1 too (2 deg of latitude off its sub-point).
        auto world2 = MakeWorld(ScenarioFromText(std::string(kShell) + Site("ut", "UT", gw.lat_deg + 2.0, gw.lon_deg) +
                                                 Site("gw", "GW", gw.lat_deg, gw.lon_deg) +
                                                 Site("core", "CORE", gw.lat_deg + 0.01, gw.lon_deg) +
                                                 "terrestrial { connect_to_nearest_core: true }"));
        auto policy = Resolve(StandardFromText(std::string("name: \"t\" payload: TRANSPARENT isl { topology: NO_ISL }"
                                                           " visibility { space_deg: 10 }") +
                                               processing),
                              *world2);
        TopologyController ctl(*world2, policy);
        ctl.Update(0.0);
        PathResult up = ctl.Path(NodeIndex(*world2, "ut"), NodeIndex(*world2, "core"));
        ASSERT_TRUE(up.reachable);
        EXPECT_EQ(Names(*world2, up), "ut>leo-0-1>gw>core");
        EXPECT_NEAR(up.processing_s * 1e3, 0.1 + 0.3 + 2.0, 1e-9);
    }
}

// Two terminals under two satellites 30 deg apart with no ISL, and a gateway half way (15 deg
// of central angle from each: both at 9.95 deg, tan e = (cos 15 - 6371/6921) / sin 15, above
// the explicit 0 deg feeder mask). The only path between the terminals bounces off the gateway:
// a regenerative standard refuses it unless gateway_space_relay; a bent pipe uses it by default
// (the gateway is the gNB of both bent pipes); no_gateway_transit refuses it always.
TEST(StandardFunctions, GatewaysDoNotRelayBetweenSatellitesByDefault)
{
    const Geodetic a = SubPoint("leo-0-0");
    const Geodetic b = SubPoint("leo-0-1");
    auto probe = MakeWorld(ScenarioFromText(kShell));
    const Vec3 pa = probe->Nodes()[probe->Find("leo-0-0")].trajectory->PositionAt(0.0);
    const Vec3 pb = probe->Nodes()[probe->Find("leo-0-1")].trajectory->PositionAt(0.0);
    const Geodetic mid = EcefToGeodetic((pa + pb) * 0.5);
    auto world = MakeWorld(ScenarioFromText(std::string(kShell) + Site("ut-a", "UT", a.lat_deg, a.lon_deg) +
                                            Site("ut-b", "UT", b.lat_deg, b.lon_deg) +
                                            Site("gw", "GW", mid.lat_deg, mid.lon_deg)));
    const int ua = NodeIndex(*world, "ut-a");
    const int ub = NodeIndex(*world, "ut-b");
    auto path = [&](const std::string& text) {
        auto policy = Resolve(StandardFromText("name: \"g\" isl { topology: NO_ISL } visibility { space_deg: 25 "
                                               "feeder_deg: 0 } " +
                                               text),
                              *world);
        TopologyController ctl(*world, policy);
        ctl.Update(0.0);
        return Names(*world, ctl.Path(ua, ub));
    };
    EXPECT_EQ(path("payload: REGENERATIVE"), "ut-a");
    EXPECT_EQ(path("payload: REGENERATIVE routing { gateway_space_relay: true }"), "ut-a>leo-0-0>gw>leo-0-1>ut-b");
    EXPECT_EQ(path("payload: TRANSPARENT"), "ut-a>leo-0-0>gw>leo-0-1>ut-b");
    EXPECT_EQ(path("payload: TRANSPARENT routing { no_gateway_transit: true }"), "ut-a");
}

// The same two terminals with a gateway under each satellite (each seeing only its own: the
// other is 30 deg of central angle away, below the horizon) and fiber between the gateways
// through a core: the only path goes down at one gateway, along the fiber and up at the other.
// A regenerative standard refuses that detour too unless gateway_space_relay; bent pipes use it.
TEST(StandardFunctions, NoBounceThroughAFiberDetourEither)
{
    const Geodetic a = SubPoint("leo-0-0");
    const Geodetic b = SubPoint("leo-0-1");
    auto world = MakeWorld(ScenarioFromText(
        std::string(kShell) + Site("ut-a", "UT", a.lat_deg, a.lon_deg) + Site("ut-b", "UT", b.lat_deg, b.lon_deg) +
        Site("gw-a", "GW", a.lat_deg + 0.5, a.lon_deg) + Site("gw-b", "GW", b.lat_deg + 0.5, b.lon_deg) +
        Site("core", "CORE", a.lat_deg + 1.0, a.lon_deg) +
        "terrestrial { fiber_links { a: \"gw-a\" b: \"core\" } fiber_links { a: \"core\" b: \"gw-b\" } }"));
    const int ua = NodeIndex(*world, "ut-a");
    const int ub = NodeIndex(*world, "ut-b");
    auto path = [&](const std::string& text) {
        auto policy = Resolve(
            StandardFromText("name: \"g\" isl { topology: NO_ISL } visibility { space_deg: 25 feeder_deg: 10 } " + text),
            *world);
        TopologyController ctl(*world, policy);
        ctl.Update(0.0);
        return Names(*world, ctl.Path(ua, ub));
    };
    EXPECT_EQ(path("payload: REGENERATIVE"), "ut-a");
    EXPECT_EQ(path("payload: REGENERATIVE routing { gateway_space_relay: true }"),
              "ut-a>leo-0-0>gw-a>core>gw-b>leo-0-1>ut-b");
    EXPECT_EQ(path("payload: TRANSPARENT"), "ut-a>leo-0-0>gw-a>core>gw-b>leo-0-1>ut-b");
}
