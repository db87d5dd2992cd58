// Latency never beats physics: over a global LEO scenario every path is at least the geodesic
// distance over c, and exactly the sum of its hops' straight-line lengths over c, recomputed
// here from the nodes' trajectories. A GEO bent pipe takes four slant ranges (docs/models.md#geo-geometry).
#include "core/model/geodesy.h"
#include "routing-test-util.h"
#include "routing/model/topology-controller.h"

#include <cmath>
#include <gtest/gtest.h>
#include <iostream>

using namespace sagin;
using namespace sagin::test;

// Starlink shell 1 with the 30 most populous cities as gateways and again as user terminals,
// regenerative payload over a +Grid, 25 deg minimum elevation, no processing.
TEST(Physics, LatencyNeverBeatsTheGeodesicAndEqualsTheHopLengths)
{
    auto scenario = ShippedScenario("scenarios/starlink-shell1.txtpb");
    for (auto [name, role] : {std::pair{"gw", v1::Node::GW}, std::pair{"ut", v1::Node::UT}})
    {
        auto* set = scenario.add_site_sets();
        set->set_name(name);
        set->set_role(role);
        set->mutable_cities()->set_top(30);
    }
    auto world = MakeWorld(scenario);
    auto standard = StandardFromText(R"(
        name: "regen-grid"
        payload: REGENERATIVE
        isl { topology: PLUS_GRID }
        visibility { space_deg: 25 }
    )");
    auto policy = Resolve(standard, *world);
    std::vector<int> sites = world->SiteSet("gw");
    for (int u : world->SiteSet("ut"))
    {
        sites.push_back(u);
    }
    ASSERT_EQ(sites.size(), 60u);
    const auto& nodes = world->Nodes();
    std::vector<Vec3> up(nodes.size());
    for (int s : sites)
    {
        up[s] = Wgs84Up(nodes[s].site.lat_deg, nodes[s].site.lon_deg);
    }

    TopologyController controller(*world, policy, sites);
    long checked = 0;
    long unreachable = 0;
    double minMargin = 1e9; // smallest one-way latency minus geodesic / c (s)
    double maxHopError = 0.0;
    for (double t = 0.0; t < 5739.0; t += 600.0)
    {
        controller.Update(t);
        std::vector<Vec3> pos(nodes.size());
        for (size_t i = 0; i < nodes.size(); ++i)
        {
            pos[i] = nodes[i].trajectory->PositionAt(t);
        }
        for (int a : sites)
        {
            for (int b : sites)
            {
                if (a == b)
                {
                    continue;
                }
                PathResult p = controller.Path(a, b);
                if (!p.reachable)
                {
                    ++unreachable;
                    continue;
                }
                ++checked;
                const auto& na = nodes[a].site;
                const auto& nb = nodes[b].site;
                const double geodesic
                    = GeodesicDistance(na.lat_deg, na.lon_deg, nb.lat_deg, nb.lon_deg);
                const double latency = p.Latency();
                minMargin = std::min(minMargin, latency - geodesic / kC);
                EXPECT_GE(latency, geodesic / kC)
                    << nodes[a].name << " -> " << nodes[b].name << " at " << t;

                // The path's own hops, from the trajectories: ground end, satellites, ground end.
                ASSERT_GE(p.nodes.size(), 3u);
                EXPECT_EQ(p.nodes.front(), a);
                EXPECT_EQ(p.nodes.back(), b);
                double length = 0.0;
                for (size_t i = 0; i + 1 < p.nodes.size(); ++i)
                {
                    const int x = p.nodes[i];
                    const int y = p.nodes[i + 1];
                    length += Distance(pos[x], pos[y]);
                    const bool xSat = nodes[x].role == v1::Node::SAT;
                    const bool ySat = nodes[y].role == v1::Node::SAT;
                    if (xSat && ySat)
                    {
                        // +Grid neighbours: same plane and adjacent slots, or adjacent planes.
                        const int dp = (nodes[x].plane - nodes[y].plane + 72) % 72;
                        const int ds = (nodes[x].slot - nodes[y].slot + 22) % 22;
                        EXPECT_TRUE((dp == 0 && (ds == 1 || ds == 21)) || dp == 1 || dp == 71)
                            << nodes[x].name << " -- " << nodes[y].name;
                    }
                    else if (xSat != ySat)
                    {
                        // A ground-space hop: the satellite is at least 25 deg above the site.
                        const int g = xSat ? y : x;
                        const int s = xSat ? x : y;
                        EXPECT_GE(ElevationDeg(pos[g], up[g], pos[s]), 25.0 - 1e-9)
                            << nodes[g].name << " -- " << nodes[s].name << " at " << t;
                    }
                    else
                    {
                        ADD_FAILURE()
                            << "ground-ground hop " << nodes[x].name << " -- " << nodes[y].name;
                    }
                }
                EXPECT_EQ(p.processing_s, 0.0);
                EXPECT_NEAR(latency, length / kC, 1e-9) << nodes[a].name << " -> " << nodes[b].name;
                maxHopError = std::max(maxHopError, std::abs(latency - length / kC));
            }
        }
    }
    std::cout << "physics: " << checked << " paths checked (" << unreachable
              << " unreachable), smallest margin over "
              << "geodesic/c " << minMargin * 1e3 << " ms, largest hop-sum difference "
              << maxHopError * 1e9 << " ns\n";
    EXPECT_GT(checked, 10 * 60 * 59 * 9 / 10) << "most city pairs are connected";
}

// A GEO bent pipe: two terminals near Madrid, one gateway in Madrid, three GEO satellites. The
// path is UT > geo-0 > gateway > geo-0 > UT and takes four slant ranges, recomputed here from
// the GEO radius (42,164.17 km over the equator) and closed-form WGS84 site positions:
// terminal -> gateway takes two slant ranges (between 35,786 km x 2 / c = 238.7 ms at the
// sub-satellite point and 270.73 ms at 10 deg elevation: docs/models.md#tr-38821-delays, regenerative RTT), and
// terminal -> terminal four (477.4 to 541.46 ms: the transparent RTT of docs/models.md#tr-38821-delays).
TEST(Physics, GeoBentPipeTakesFourSlantRanges)
{
    auto scenario = ShippedScenario("scenarios/geo-trio.txtpb");
    auto* lisbon = scenario.add_ground_sites();
    lisbon->set_name("ut-lisbon");
    lisbon->set_role(v1::Node::UT);
    lisbon->mutable_position()->set_lat_deg(38.72);
    lisbon->mutable_position()->set_lon_deg(-9.14);
    auto* paris = scenario.add_ground_sites();
    paris->set_name("ut-paris");
    paris->set_role(v1::Node::UT);
    paris->mutable_position()->set_lat_deg(48.86);
    paris->mutable_position()->set_lon_deg(2.35);
    paris->mutable_position()->set_alt_m(35);
    auto world = MakeWorld(scenario);
    auto standard = StandardFromText(R"(
        name: "geo-bent-pipe"
        payload: TRANSPARENT
        isl { topology: NO_ISL }
        visibility { space_deg: 10 }
    )");
    auto policy = Resolve(standard, *world);
    const int a = NodeIndex(*world, "ut-lisbon");
    const int b = NodeIndex(*world, "ut-paris");
    const int gw = NodeIndex(*world, "gw-madrid");
    const int sat = NodeIndex(*world, "geo-0");
    TopologyController controller(*world, policy);

    const double rGeo = 42164.17e3;
    const Vec3 geo0{
        rGeo * std::cos(-30.0 * M_PI / 180.0), rGeo * std::sin(-30.0 * M_PI / 180.0), 0.0};
    const Vec3 pa = Wgs84ToEcef(38.72, -9.14, 0);
    const Vec3 pb = Wgs84ToEcef(48.86, 2.35, 35);
    const Vec3 pg = Wgs84ToEcef(40.42, -3.70, 650);
    const double slantA = Distance(pa, geo0);
    const double slantB = Distance(pb, geo0);
    const double slantG = Distance(pg, geo0);

    for (double t : {0.0, 43200.0})
    {
        controller.Update(t);
        PathResult p = controller.Path(a, b);
        ASSERT_TRUE(p.reachable);
        EXPECT_EQ(p.nodes, (std::vector<int>{a, sat, gw, sat, b}));
        const double oneWay = (slantA + 2.0 * slantG + slantB) / kC;
        // 10 m of GEO radius is 33 ns per slant range.
        EXPECT_NEAR(p.Latency(), oneWay, 200e-9);
        EXPECT_GT(p.Latency(), 4.0 * 35786e3 / kC);
        EXPECT_LT(p.Latency(), 0.54146);

        PathResult up = controller.Path(a, gw);
        ASSERT_TRUE(up.reachable);
        EXPECT_EQ(up.nodes, (std::vector<int>{a, sat, gw}));
        EXPECT_NEAR(up.Latency(), (slantA + slantG) / kC, 100e-9);
        EXPECT_GT(up.Latency(), 2.0 * 35786e3 / kC);
        EXPECT_LT(up.Latency(), 0.27073);
        if (t == 0.0)
        {
            std::cout << "GEO bent pipe: terminal -> terminal " << p.Latency() * 1e3
                      << " ms (4 slant ranges " << oneWay * 1e3 << " ms), terminal -> gateway "
                      << up.Latency() * 1e3 << " ms\n";
        }
    }
}
