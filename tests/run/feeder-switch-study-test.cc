// The shipped feeder-link switch study (scenarios/studies/feeder-switch.txtpb) does what its
// header says, on its first seed (3 runs of 600 s, the users pinging every 2 s instead of every
// 0.5 s): without a switch procedure nothing switches; HARD and SOFT keep one gateway per
// satellite, switch the same satellites, interrupt the terminals of a switching satellite for
// the feeder setup plus a random access (HARD) or the random access alone (SOFT), within the
// bounds the geometry allows, and pay for the sticky gateway in the median latency. The
// satellite handovers are the same in all three runs.
#include "../common/temp-dir.h"
#include "run-test-util.h"
#include "study-run-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <string>

namespace sagin::test
{
namespace
{

const std::string kFeederStudies = std::string(SAGIN_SOURCE_DIR) + "/scenarios";

TEST(FeederSwitchStudy, SwitchesCostWhatTheHeaderSays)
{
    TempDir tmp;
    auto runs = RunFirstSeed(
        kFeederStudies + "/studies/feeder-switch.txtpb",
        tmp.Path(),
        [](RunSpec& spec)
        {
            ASSERT_EQ(spec.scenario.traffic().flows_size(), 1);
            spec.scenario.mutable_traffic()->mutable_flows(0)->mutable_ping()->set_interval_ms(
                2000);
        },
        [](const RunSpec& spec)
        {
            return v1::HandoverProcedure::FeederSwitch::Mode_Name(
                spec.standard.access().handover().feeder_switch().mode());
        });
    ASSERT_EQ(runs.size(), 3u);
    const auto& any = runs["ANY_GATEWAY"];
    const auto& hard = runs["HARD"];
    const auto& soft = runs["SOFT"];

    // Processing from the study: gNB 1 ms and terminal 10 ms per message; the bent pipe's
    // 0.01 ms. The terminal <-> gNB leg d lies between twice the satellite's height over the
    // highest site (radius 6,928.137 km against at most kA + 1 km) and twice the slant range at
    // the 10 deg masks from the lowest ground (the WGS84 polar radius, 6,356.752 km).
    const double rSat = kA + 550e3;
    const double dMin = 2 * (rSat - kA - 1e3) / kC + 0.01e-3;
    const double dMax = 2 * SlantAtElevation(6356752.3, rSat, 10.0) / kC + 0.01e-3;
    const double access = 2 * 1.0 + 2 * 10.0; // ms
    EXPECT_NEAR(dMax * 1e3, 12.447, 0.001);   // 2 x 1,864.2 km + 0.01 ms

    // No procedure: no switch, no sample, nulls.
    EXPECT_EQ(any.handover().feeder_switch().switches(), 0u);
    EXPECT_EQ(any.handover().feeder_switch().interruption_ms().count(), 0u);
    EXPECT_FALSE(any.handover().feeder_switch().interruption_ms().has_mean());

    for (const auto* r : {&hard, &soft})
    {
        const auto& fs = r->handover().feeder_switch();
        EXPECT_GT(fs.switches(), 0u);
        EXPECT_GT(fs.interruption_ms().count(), 5u); // terminals on switching satellites
        EXPECT_EQ(fs.failures(), 0u);                // one core: every pair of gNBs is joined
        EXPECT_EQ(fs.unplanned(), 0u);
        // The same access decisions: a feeder does not change which satellite serves whom.
        EXPECT_EQ(r->handover().interruption_ms().count(),
                  any.handover().interruption_ms().count());
        // One gateway per satellite is not always the nearest: the median one-way latency grows.
        EXPECT_GT(r->latency().one_way_ms().p50(), any.latency().one_way_ms().p50() + 1.0);
    }
    // HARD: setup 500 ms + the 4-step random access at the new gateway.
    EXPECT_GE(hard.handover().feeder_switch().interruption_ms().min(), 500 + 4e3 * dMin + access);
    EXPECT_LE(hard.handover().feeder_switch().interruption_ms().max(), 500 + 4e3 * dMax + access);
    // SOFT: the random access alone, and the switch 10 s ahead of HARD's (so at least as many
    // satellites have switched by the end of the run).
    EXPECT_GE(soft.handover().feeder_switch().interruption_ms().min(), 4e3 * dMin + access);
    EXPECT_LE(soft.handover().feeder_switch().interruption_ms().max(), 4e3 * dMax + access);
    EXPECT_GE(soft.handover().feeder_switch().switches(),
              hard.handover().feeder_switch().switches());
    // What the interruptions lose: HARD more than SOFT.
    EXPECT_GT(hard.drops().handover(), soft.drops().handover());
}

} // namespace
} // namespace sagin::test
