// The shipped control-plane study of moving users (scenarios/studies/mobile-control-plane.txtpb)
// does what its header says, on its first seed (3 runs of 300 s): the terminals move and hand
// over the same way under the three standards; every handover is prepared (the three gateways
// share one core, so ground gNBs have an Xn path); the conditional handover's interruption is its
// random access alone, within the bounds the geometry allows; the hard handovers cost more and
// lose more packets; the bent pipe's gNB on the ground puts the feeder into every packet's path.
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

const std::string kMobileStudies = std::string(SAGIN_SOURCE_DIR) + "/scenarios";

TEST(MobileControlPlaneStudy, HandoversOfMovingUsersCostWhatTheHeaderSays)
{
    TempDir tmp;
    auto runs = RunFirstSeed(
        kMobileStudies + "/studies/mobile-control-plane.txtpb",
        tmp.Path(),
        [](RunSpec& spec)
        {
            ASSERT_EQ(spec.standard.visibility().space_deg(), 10.0);
        },
        [](const RunSpec& spec)
        {
            return spec.standard.name();
        });
    ASSERT_EQ(runs.size(), 3u);
    const auto& cho = runs["ntn-regenerative-isl-cho"];
    const auto& hard = runs["ntn-regenerative-isl"];
    const auto& bentPipe = runs["ntn-transparent-leo"];

    // The on-board gNB is the satellite: the terminal <-> gNB leg is the service link, between
    // the satellite's height over an aircraft at 10 km (550 - 10 km, less 1 km of margin for
    // the ground's height) and the slant range at the 10 deg mask from the lowest ground (the
    // WGS84 polar radius: 1,864.2 km to a satellite at kA + 550 km).
    const double rSat = kA + 550e3;
    const double slantMax = SlantAtElevation(6356752.3, rSat, 10.0);
    const double dMin = (550e3 - 11e3) / kC;
    const double dMax = slantMax / kC;
    const double processing
        = 2 * 1.0 + 2 * 10.0; // ms: Msg2 and Msg4 at the terminal, 1 and 3 at the gNB
    for (const auto* r : {&cho, &hard, &bentPipe})
    {
        EXPECT_EQ(r->handover().failures(), 0u);
        EXPECT_EQ(r->handover().interruption_ms().count(),
                  cho.handover().interruption_ms().count());
        EXPECT_GT(r->packets().delivered_fraction(), 0.99);
    }
    EXPECT_GT(cho.handover().interruption_ms().count(), 10u);
    EXPECT_GE(cho.handover().interruption_ms().min(), 4e3 * dMin + processing);
    EXPECT_LE(cho.handover().interruption_ms().max(), 4e3 * dMax + processing);
    // Hard handovers add the report, the command and the preparation.
    EXPECT_GT(hard.handover().interruption_ms().mean(), cho.handover().interruption_ms().mean());
    EXPECT_GT(bentPipe.handover().interruption_ms().mean(),
              cho.handover().interruption_ms().mean());
    EXPECT_GT(hard.drops().handover(), cho.drops().handover());
    // The bent pipe's path always includes the feeder down to a gateway and the fiber to the core;
    // the regenerative one lands at the Madrid gateway, beside the core.
    EXPECT_GT(bentPipe.latency().one_way_ms().p50(), hard.latency().one_way_ms().p50());
}

} // namespace
} // namespace sagin::test
