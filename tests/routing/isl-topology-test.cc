// ISL topologies: +Grid on Walker delta and star shells, intra-plane only, and the length of
// an intra-plane ISL against the closed form 2 (R + h) sin(pi / S) (docs/models.md#isl-plus-grid).
#include "routing-test-util.h"
#include "routing/model/link-state-builder.h"
#include "routing/model/topology-controller.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

struct WalkerSpec
{
    const char* pattern;
    double altitude_km;
    double inclination_deg;
    int planes;
    int perPlane;
    int phasing;
};

v1::Scenario
WalkerScenario(const WalkerSpec& w)
{
    std::ostringstream s;
    s << "name: \"w\" epoch_utc: \"2026-01-01T00:00:00Z\" duration_s: 1 seed: 1\n"
      << "shells { name: \"s\" walker { pattern: " << w.pattern << " altitude_km: " << w.altitude_km
      << " inclination_deg: " << w.inclination_deg << " total_satellites: " << w.planes * w.perPlane
      << " planes: " << w.planes << " phasing: " << w.phasing << " } }\n";
    return ScenarioFromText(s.str());
}

std::string
IslStandard(const std::string& topology, int shift = 0, bool seam = false)
{
    std::ostringstream s;
    s << "name: \"isl\" payload: REGENERATIVE isl { topology: " << topology
      << " cross_plane_shift: " << shift << " link_across_star_seam: " << (seam ? "true" : "false")
      << " }";
    return s.str();
}

/// The ISL pairs of a standard over a world, as (plane, slot) pairs.
struct Topology
{
    std::map<int, int> degree;              ///< node -> number of ISLs
    std::vector<std::pair<int, int>> pairs; ///< node indices
    size_t count = 0;
};

Topology
TopologyOf(const World& world, const std::string& standardText)
{
    auto standard = StandardFromText(standardText);
    auto policy = Resolve(standard, world);
    LinkStateBuilder builder(world, policy);
    Topology t;
    t.pairs = builder.IslPairs();
    t.count = t.pairs.size();
    for (auto [a, b] : t.pairs)
    {
        t.degree[a]++;
        t.degree[b]++;
    }
    return t;
}

/// Argument of latitude (deg) of slot s of plane p in a Walker pattern (docs/models.md#walker-constellations).
double
WalkerArgLat(int p, int s, int planes, int perPlane, int phasing)
{
    const int total = planes * perPlane;
    return s * 360.0 / perPlane + p * phasing * 360.0 / total;
}

} // namespace

// Every satellite of a Walker delta shell has degree 4 and the shell 2 P S ISLs: two in-plane
// neighbours (slots s - 1 and s + 1) and one satellite in each neighbouring plane; with F = 0,
// (p, s) links to (p + 1, s + shift) (Hypatia's generate_plus_grid_isls); with F != 0, to the
// slot of plane p + 1 nearest in argument of latitude (Walker phasing), plus the shift.
TEST(IslTopology, PlusGridOnWalkerDeltaHasDegreeFour)
{
    const WalkerSpec specs[] = {
        {"DELTA", 630, 51.9, 34, 34, 1}, // Kuiper K1
        {"DELTA", 550, 53, 72, 22, 1},   // Starlink shell 1
        {"DELTA", 1015, 98.98, 27, 13, 0},
        {"DELTA", 800, 60, 3, 3, 0},
        {"DELTA", 800, 60, 5, 7, 3},
    };
    for (const auto& spec : specs)
    {
        for (int shift : {0, 1})
        {
            SCOPED_TRACE(std::to_string(spec.planes) + "x" + std::to_string(spec.perPlane) + " F="
                         + std::to_string(spec.phasing) + " shift=" + std::to_string(shift));
            auto world = MakeWorld(WalkerScenario(spec));
            auto topo = TopologyOf(*world, IslStandard("PLUS_GRID", shift));
            const int P = spec.planes;
            const int S = spec.perPlane;
            EXPECT_EQ(topo.count, static_cast<size_t>(2 * P * S));
            ASSERT_EQ(topo.degree.size(), static_cast<size_t>(P * S));
            for (auto [node, deg] : topo.degree)
            {
                EXPECT_EQ(deg, 4) << world->Nodes()[node].name;
            }
            // Partners of each satellite, by plane.
            std::map<int, std::vector<int>> partners;
            for (auto [a, b] : topo.pairs)
            {
                partners[a].push_back(b);
                partners[b].push_back(a);
            }
            for (const auto& [node, list] : partners)
            {
                const auto& n = world->Nodes()[node];
                int inPlane = 0;
                int next = -1;
                int previous = -1;
                for (int other : list)
                {
                    const auto& o = world->Nodes()[other];
                    if (o.plane == n.plane)
                    {
                        const int ds = ((o.slot - n.slot) % S + S) % S;
                        EXPECT_TRUE(ds == 1 || ds == S - 1) << n.name << " -- " << o.name;
                        ++inPlane;
                    }
                    else if (o.plane == (n.plane + 1) % P)
                    {
                        next = o.slot;
                    }
                    else if (o.plane == (n.plane + P - 1) % P)
                    {
                        previous = o.slot;
                    }
                    else
                    {
                        ADD_FAILURE() << n.name << " -- " << o.name << " is not a +Grid neighbour";
                    }
                }
                EXPECT_EQ(inPlane, 2) << n.name;
                ASSERT_GE(next, 0) << n.name << " has no partner in the next plane";
                EXPECT_GE(previous, 0) << n.name << " has no partner in the previous plane";
                // Expected partner in plane p + 1: nearest argument of latitude, plus the shift.
                const int q = (n.plane + 1) % P;
                const double u = WalkerArgLat(n.plane, n.slot, P, S, spec.phasing);
                int nearest = -1;
                double best = 1e9;
                for (int s = 0; s < S; ++s)
                {
                    const double du = std::abs(
                        std::remainder(WalkerArgLat(q, s, P, S, spec.phasing) - u, 360.0));
                    if (du < best)
                    {
                        best = du;
                        nearest = s;
                    }
                }
                if (spec.phasing == 0)
                {
                    EXPECT_EQ(nearest, n.slot); // no phasing: same slot
                }
                EXPECT_EQ(next, (nearest + shift) % S) << n.name;
            }
        }
    }
}

// A Walker star shell has counter-rotating planes across its seam: no links there by default
// (planes 0 and P - 1 have degree 3), all of them with link_across_star_seam.
TEST(IslTopology, WalkerStarSeam)
{
    const WalkerSpec iridium{"STAR", 780, 86.4, 6, 11, 2};
    auto world = MakeWorld(WalkerScenario(iridium));
    const int P = 6;
    const int S = 11;

    auto plain = TopologyOf(*world, IslStandard("PLUS_GRID"));
    EXPECT_EQ(plain.count, static_cast<size_t>(P * S + (P - 1) * S));
    for (auto [a, b] : plain.pairs)
    {
        const int pa = world->Nodes()[a].plane;
        const int pb = world->Nodes()[b].plane;
        EXPECT_FALSE((pa == 0 && pb == P - 1) || (pa == P - 1 && pb == 0))
            << world->Nodes()[a].name << " -- " << world->Nodes()[b].name << " crosses the seam";
    }
    for (auto [node, deg] : plain.degree)
    {
        const int p = world->Nodes()[node].plane;
        EXPECT_EQ(deg, (p == 0 || p == P - 1) ? 3 : 4) << world->Nodes()[node].name;
    }

    auto seam = TopologyOf(*world, IslStandard("PLUS_GRID", 0, true));
    EXPECT_EQ(seam.count, static_cast<size_t>(2 * P * S));
    for (auto [node, deg] : seam.degree)
    {
        EXPECT_EQ(deg, 4) << world->Nodes()[node].name;
    }
}

// INTRA_PLANE: a ring per plane, degree 2, P S links, none across planes.
TEST(IslTopology, IntraPlaneHasDegreeTwo)
{
    for (const WalkerSpec& spec :
         {WalkerSpec{"DELTA", 630, 51.9, 34, 34, 1}, WalkerSpec{"STAR", 780, 86.4, 6, 11, 2}})
    {
        auto world = MakeWorld(WalkerScenario(spec));
        auto topo = TopologyOf(*world, IslStandard("INTRA_PLANE"));
        EXPECT_EQ(topo.count, static_cast<size_t>(spec.planes * spec.perPlane));
        ASSERT_EQ(topo.degree.size(), static_cast<size_t>(spec.planes * spec.perPlane));
        for (auto [node, deg] : topo.degree)
        {
            EXPECT_EQ(deg, 2);
        }
        for (auto [a, b] : topo.pairs)
        {
            EXPECT_EQ(world->Nodes()[a].plane, world->Nodes()[b].plane);
        }
    }
}

// The length of an intra-plane ISL of a circular Walker shell is the chord 2 (R + h) sin(pi / S)
// with R + h the orbit radius (6378.137 km + altitude): Kuiper K1 1293.3 km (docs/models.md#isl-plus-grid section
// 4), Starlink shell 1 1972.0 km at 550 km... over the actual snapshot links, at two instants.
TEST(IslTopology, IntraPlaneLengthIsTheChord)
{
    struct Case
    {
        const char* file;
        int perPlane;
        double altitude_km;
        double published_km; ///< docs/models.md#isl-plus-grid, one decimal
    };
    for (const Case& c : {Case{"scenarios/kuiper-k1.txtpb", 34, 630, 1293.3},
                          Case{"scenarios/starlink-shell1.txtpb", 22, 550, 1972.0}})
    {
        SCOPED_TRACE(c.file);
        auto world = MakeWorld(ShippedScenario(c.file));
        auto standard = StandardFromText(IslStandard("PLUS_GRID"));
        auto policy = Resolve(standard, *world);
        TopologyController controller(*world, policy);
        const double chord = 2.0 * (6378137.0 + c.altitude_km * 1e3) * std::sin(M_PI / c.perPlane);
        EXPECT_NEAR(chord / 1e3, c.published_km, 0.05);
        for (double t : {0.0, 2000.0})
        {
            controller.Update(t);
            int intra = 0;
            for (const auto& l : controller.Snapshot().links)
            {
                if (l.kind != LinkKind::Isl
                    || world->Nodes()[l.a].plane != world->Nodes()[l.b].plane)
                {
                    continue;
                }
                ++intra;
                EXPECT_NEAR(l.distance_m, chord, 1e-3);
                // Independently from the trajectories.
                const double d = Distance(world->Nodes()[l.a].trajectory->PositionAt(t),
                                          world->Nodes()[l.b].trajectory->PositionAt(t));
                EXPECT_NEAR(d, chord, 1e-3);
                EXPECT_NEAR(l.delay_s, chord / kC, 1e-12);
            }
            EXPECT_EQ(intra, static_cast<int>(world->Shells()[0].nodes.size()));
        }
    }
}
