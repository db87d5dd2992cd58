// Optical acquisition: a link of a kind with acquisition_s carries traffic only after it has been
// geometrically available for that long (links up at the start are established). Checked
// against the same run without acquisition: the link is present exactly when it has been present
// without a break for the last acquisition_s seconds, or since the start.
#include "routing-test-util.h"
#include "routing/model/topology-controller.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace sagin;
using namespace sagin::test;

namespace
{

std::string
StandardText(double acquisition)
{
    return "name: \"isl\" payload: REGENERATIVE isl { topology: PLUS_GRID max_range_km: 1700 } "
           "links { isl { rate_mbps: 10000 acquisition_s: "
           + std::to_string(acquisition) + " } }";
}

/// Presence of every ISL pair at every step.
std::vector<std::set<std::pair<int, int>>>
Presence(const World& world, double acquisition, int steps, double step)
{
    StandardPolicy policy = Resolve(StandardFromText(StandardText(acquisition)), world);
    TopologyController ctl(world, policy);
    std::vector<std::set<std::pair<int, int>>> out;
    for (int k = 0; k < steps; ++k)
    {
        ctl.Update(k * step);
        std::set<std::pair<int, int>> s;
        for (const auto& l : ctl.Snapshot().links)
        {
            if (l.kind == LinkKind::Isl)
            {
                s.insert({std::min(l.a, l.b), std::max(l.a, l.b)});
            }
        }
        out.push_back(s);
    }
    return out;
}

} // namespace

TEST(Acquisition, NewIslsWaitForTheirAcquisitionTime)
{
    // 24 planes 15 deg apart at 550 km: adjacent-plane distances swing around 1,700 km with
    // latitude, so cross-plane links come and go.
    auto world = MakeWorld(ScenarioFromText(R"(epoch_utc: "2026-01-01T00:00:00Z"
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 288 planes: 24 phasing: 1 } })"));
    const double step = 0.5;
    const int steps = 1200;
    const double acquisition = 3.0;
    auto base = Presence(*world, 0.0, steps, step);
    auto acq = Presence(*world, acquisition, steps, step);
    const int window = static_cast<int>(acquisition / step); // steps in the acquisition time
    int appearances = 0;
    int checked = 0;
    for (int k = 0; k < steps; ++k)
    {
        for (const auto& p : base[k])
        {
            // Present without a break since step j.
            int j = k;
            while (j > 0 && base[j - 1].count(p))
            {
                --j;
            }
            const bool expected = j == 0 || k - j >= window;
            EXPECT_EQ(acq[k].count(p) > 0, expected) << "step " << k;
            appearances += (j == k && k > 0);
            ++checked;
        }
        for (const auto& p : acq[k])
        {
            EXPECT_TRUE(base[k].count(p)) << "a link absent without acquisition is present with it";
        }
    }
    EXPECT_GT(appearances, 20) << "the geometry should make links come and go";
    EXPECT_GT(checked, 1000);
}

TEST(Acquisition, ABentPipeWhoseFeederIsAcquiringServesNobody)
{
    // A transparent LEO shell over a gateway and a terminal 300 km apart; feeders need 180 s of
    // acquisition (a pass above 20 deg lasts about 5 min). Satellites keep rising over the gateway,
    // so feeders keep appearing. At every 5 s update a served terminal's satellite must have a
    // feeder in the snapshot (the one CanServe rule, applied after the acquisition filter); and
    // some step must exclude a satellite that sees both ends (the acquisition is what decides
    // there).
    auto world = MakeWorld(ScenarioFromText(R"(epoch_utc: "2026-01-01T00:00:00Z"
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 288 planes: 24 phasing: 1 } }
ground_sites { name: "gw" role: GW position { lat_deg: 40 lon_deg: 0 } }
ground_sites { name: "ut" role: UT position { lat_deg: 42 lon_deg: 2 } })"));
    StandardPolicy policy
        = Resolve(StandardFromText(R"(name: "bent" payload: TRANSPARENT access_layers: [SPACE]
visibility { space_deg: 20 } links { feeder { acquisition_s: 180 } })"),
                  *world);
    StandardPolicy instant
        = Resolve(StandardFromText(R"(name: "bent0" payload: TRANSPARENT access_layers: [SPACE]
visibility { space_deg: 20 })"),
                  *world);
    TopologyController ctl(*world, policy);
    TopologyController ref(*world, instant);
    const int ut = NodeIndex(*world, "ut");
    int served = 0;
    int excluded = 0;
    for (int k = 0; k < 720; ++k)
    {
        ctl.Update(k * 5.0);
        ref.Update(k * 5.0);
        std::set<int> fed;
        for (const auto& l : ctl.Snapshot().links)
        {
            if (l.kind == LinkKind::Feeder)
            {
                fed.insert(l.b);
            }
        }
        const int s = ctl.Snapshot().serving[ut];
        if (s >= 0)
        {
            ++served;
            EXPECT_TRUE(fed.count(s))
                << "t = " << k * 5.0 << " s: served by " << s << " without a feeder";
        }
        const int r = ref.Snapshot().serving[ut];
        excluded += r >= 0 && !fed.count(r);
    }
    EXPECT_GT(served, 10);
    EXPECT_GT(excluded, 10);
    std::printf("served %d of 720 steps, %d steps without the instant rule's satellite\n",
                served,
                excluded);
}
