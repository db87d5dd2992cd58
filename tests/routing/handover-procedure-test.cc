// Handover procedure timing (routing/model/handover-procedure.h and TopologyController::GnbOf)
// against message sequences added up by hand.
#include "routing-test-util.h"
#include "routing/model/handover-procedure.h"
#include "routing/model/topology-controller.h"

#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

using Kind = v1::HandoverProcedure;

constexpr double kA = 6378137.0; // WGS84 equatorial radius (m)

/// Distance (m) between two points of the equatorial plane at radii r1, r2 and longitudes l1, l2
/// (deg): the law of cosines.
double
EquatorialDistance(double r1, double l1Deg, double r2, double l2Deg)
{
    const double dl = (l2Deg - l1Deg) * M_PI / 180.0;
    return std::sqrt(r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * std::cos(dl));
}

} // namespace

TEST(HandoverProcedure, MessageSumsPerKind)
{
    // Legs (ms): terminal <-> source gNB 10 each way, Xn request 3, acknowledge 4, terminal <->
    // target gNB 20 up and 21 down; gNB processing 1, terminal processing 2.
    HandoverLegs legs;
    legs.ueToSource_s = 10e-3;
    legs.sourceToUe_s = 10e-3;
    legs.sourceToTarget_s = 3e-3;
    legs.targetToSource_s = 4e-3;
    legs.ueToTarget_s = 20e-3;
    legs.targetToUe_s = 21e-3;
    const HandoverProcessing p{1e-3, 2e-3};
    // 4-step RACH: Msg1 20 + 1, Msg2 21 + 2, Msg3 20 + 1, Msg4 21 + 2 = 88 ms.
    EXPECT_NEAR(RandomAccessSeconds(legs, p), 88e-3, 1e-15);
    // HARD: report 10 + 1, request 3 + 1, acknowledge 4 + 1, command 10 + 2 = 32, + RACH 88 = 120.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::HARD, legs, p), 120e-3, 1e-15);
    // CONDITIONAL: RACH only, 88 ms.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::CONDITIONAL, legs, p), 88e-3, 1e-15);
    // RACH_LESS: reconfiguration complete up, 20 + 1 = 21 ms.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::RACH_LESS, legs, p), 21e-3, 1e-15);
    EXPECT_EQ(HandoverInterruptionSeconds(Kind::NONE, legs, p), 0.0);
    EXPECT_EQ(HandoverInterruptionSeconds(Kind::KIND_UNSPECIFIED, legs, p), 0.0);
    // Source and target cells of one gNB: no Xn messages, 120 - (3 + 1) - (4 + 1) = 111 ms.
    legs.sameGnb = true;
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::HARD, legs, p), 111e-3, 1e-15);
}

TEST(HandoverProcedure, RegenerativeLeoAt550KmAnd30Degrees)
{
    // A terminal between two regenerative LEO satellites at 550 km, both seen at 30 deg
    // elevation, one ISL of 1,500 km between them; gNB processing 1 ms, terminal 5 ms.
    // Slant range by the law of cosines in the triangle Earth centre - terminal - satellite:
    // (R + h)^2 = R^2 + s^2 + 2 R s sin(e), so s = sqrt((R + h)^2 - R^2 cos^2 e) - R sin e
    // = sqrt(6928137^2 - 6378137^2 x 0.75) - 3189068.5 = 992,869.878 m: 3.3118574 ms one way;
    // the ISL 1,500 km / c = 5.0034614 ms.
    const double R = 6378137.0;
    const double h = 550e3;
    const double e = 30.0 * M_PI / 180.0;
    const double s
        = std::sqrt((R + h) * (R + h) - R * R * std::cos(e) * std::cos(e)) - R * std::sin(e);
    EXPECT_NEAR(s, 992869.878, 1e-3);
    const double access = s / kC;
    const double isl = 1500e3 / kC;
    HandoverLegs legs;
    legs.ueToSource_s = legs.sourceToUe_s = access;
    legs.ueToTarget_s = legs.targetToUe_s = access;
    legs.sourceToTarget_s = legs.targetToSource_s = isl;
    const HandoverProcessing p{1e-3, 5e-3};
    // HARD: report 3.3118574 + 1, request 5.0034614 + 1, acknowledge 5.0034614 + 1, command
    // 3.3118574 + 5, RACH 4 x 3.3118574 + 2 x 1 + 2 x 5 = 25.2474297:
    // 4.3118574 + 6.0034614 + 6.0034614 + 8.3118574 + 25.2474297 = 49.8780674 ms.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::HARD, legs, p), 49.8780674e-3, 1e-10);
    // CONDITIONAL: the RACH, 25.2474297 ms; RACH-less: 3.3118574 + 1 = 4.3118574 ms.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::CONDITIONAL, legs, p), 25.2474297e-3, 1e-10);
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::RACH_LESS, legs, p), 4.3118574e-3, 1e-10);
}

TEST(HandoverProcedure, GeoBentPipeGnbSitsAtTheGateway)
{
    // A transparent GEO satellite over 0 deg E at 35,786 km (radius 42,164,137 m in the
    // equatorial plane), a terminal on the equator at 60 E (about 22 deg elevation) and its
    // gateway at 10 W. The gNB of the satellite's cell is the gateway, so the terminal <-> gNB leg
    // is terminal -> satellite -> gateway plus the bent pipe's forwarding delay (0.5 ms):
    //   terminal - satellite: sqrt(42164137^2 + 6378137^2 - 2 x 42164137 x 6378137 cos 60)
    //                          = 39,364,532.7 m
    //   satellite - gateway:  (same with cos 10) = 35,899,986.9 m
    //   leg = 75,264,519.6 m / c + 0.5 ms = 251.0554 + 0.5 = 251.5554 ms
    // and the 4-step RACH alone (no processing) is 4 legs: 1.006222 s.
    auto world = MakeWorld(ScenarioFromText(R"(
        name: "geo-ho" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 10 seed: 1
        shells { name: "geo" geo { longitudes_deg: [0] altitude_km: 35786 } }
        ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 60 } }
        ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: -10 } })"));
    auto standard = StandardFromText(R"(name: "geo" payload: TRANSPARENT isl { topology: NO_ISL }
        visibility { space_deg: 10 } processing { sat_ms: 0.5 }
        access { handover { kind: CONDITIONAL } })");
    auto policy = Resolve(standard, *world);
    TopologyController controller(*world, policy);
    controller.Update(0.0);
    const int ut = NodeIndex(*world, "ut");
    const int gw = NodeIndex(*world, "gw");
    const int geo = NodeIndex(*world, "geo-0");
    ASSERT_EQ(controller.Snapshot().serving[ut], geo);
    const SnapshotLink* access = nullptr;
    for (const auto& l : controller.Snapshot().links)
    {
        if (l.a == geo && l.b == ut)
        {
            access = &l;
        }
    }
    ASSERT_NE(access, nullptr);
    const double r = kA + 35786e3;
    const double up = EquatorialDistance(kA, 60.0, r, 0.0);
    const double down = EquatorialDistance(kA, -10.0, r, 0.0);
    EXPECT_NEAR(up, 39364532.7, 0.1);
    EXPECT_NEAR(down, 35899986.9, 0.1);
    const auto [gnb, leg] = controller.GnbOf(geo, *access);
    EXPECT_EQ(gnb, gw);
    EXPECT_NEAR(leg, (up + down) / kC + 0.5e-3, 1e-9);
    EXPECT_NEAR(leg, 251.5554e-3, 1e-7);
    HandoverLegs legs;
    legs.ueToTarget_s = legs.targetToUe_s = leg;
    EXPECT_NEAR(
        HandoverInterruptionSeconds(Kind::CONDITIONAL, legs, HandoverProcessing{}), 1.006222, 1e-6);
    // A regenerative payload runs the gNB on board: the leg is the service link alone.
    auto regen = StandardFromText(R"(name: "geo-r" payload: REGENERATIVE isl { topology: NO_ISL }
        visibility { space_deg: 10 } processing { sat_ms: 0.5 })");
    auto regenPolicy = Resolve(regen, *world);
    TopologyController onBoard(*world, regenPolicy);
    onBoard.Update(0.0);
    const auto [gnb2, leg2] = onBoard.GnbOf(geo, *access);
    EXPECT_EQ(gnb2, geo);
    EXPECT_NEAR(leg2, up / kC, 1e-9);
}

TEST(HandoverProcedure, LeoBentPipeHandoverUnderOneGroundGnbIsTheSumOfItsLegs)
{
    // One plane of 24 transparent LEO satellites at 550 km (15 deg apart), a terminal under the
    // track and a single gateway 1 deg north of it: both satellites of a handover land on the
    // same gateway, which runs the gNB of both cells, so the HARD procedure has no Xn message:
    //   report  (|UT-S| + |S-GW|) / c + 0.5 ms (bent pipe) + 1 ms (gNB)
    //   command (|UT-S| + |S-GW|) / c + 0.5 ms + 10 ms (terminal)
    //   RACH    4 (|UT-T| + |T-GW|) / c + 4 x 0.5 ms + 2 x 1 + 2 x 10 ms
    // with S and T the source and target satellites' positions at the handover's update and the
    // ground positions from the closed-form WGS84 conversion of the test utilities.
    const char* shell = R"(
        name: "bp-ho" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 1200 seed: 1
        shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                                      total_satellites: 24 planes: 1 phasing: 0 } })";
    auto probe = MakeWorld(ScenarioFromText(shell));
    const Vec3 p0 = probe->Nodes()[probe->Find("leo-0-0")].trajectory->PositionAt(0.0);
    const double lat = std::atan2(p0.z, std::hypot(p0.x, p0.y)) * 180.0 / M_PI; // geocentric, near enough
    const double lon = std::atan2(p0.y, p0.x) * 180.0 / M_PI;
    std::ostringstream sites;
    sites.precision(12);
    sites << "ground_sites { name: \"ut\" role: UT position { lat_deg: " << lat << " lon_deg: " << lon
          << " } }\nground_sites { name: \"gw\" role: GW position { lat_deg: " << lat + 1.0
          << " lon_deg: " << lon << " } }\n";
    auto world = MakeWorld(ScenarioFromText(std::string(shell) + sites.str()));
    auto standard = StandardFromText(R"(name: "bp" payload: TRANSPARENT isl { topology: NO_ISL }
        visibility { space_deg: 10 } processing { sat_ms: 0.5 }
        access { handover { kind: HARD gnb_processing_ms: 1 ue_processing_ms: 10 } })");
    auto policy = Resolve(standard, *world);
    TopologyController controller(*world, policy);
    const int ut = NodeIndex(*world, "ut");
    const int gw = NodeIndex(*world, "gw");
    const Vec3 utPos = Wgs84ToEcef(lat, lon, 0.0);
    const Vec3 gwPos = Wgs84ToEcef(lat + 1.0, lon, 0.0);
    for (double t = 0.0; t <= 1200.0; t += 1.0)
    {
        controller.Update(t);
        if (controller.Handovers().empty())
        {
            continue;
        }
        ASSERT_EQ(controller.Handovers().size(), 1u);
        const HandoverEvent& e = controller.Handovers()[0];
        EXPECT_EQ(e.terminal, ut);
        EXPECT_EQ(e.sourceGnb, gw);
        EXPECT_EQ(e.targetGnb, gw);
        EXPECT_TRUE(e.legs.sameGnb);
        EXPECT_TRUE(e.prepared);
        const Vec3 s = controller.Snapshot().positions[e.source];
        const Vec3 tg = controller.Snapshot().positions[e.target];
        const double viaS = (Norm(s - utPos) + Norm(s - gwPos)) / kC + 0.5e-3;
        const double viaT = (Norm(tg - utPos) + Norm(tg - gwPos)) / kC + 0.5e-3;
        const double expected
            = (viaS + 1e-3) + (viaS + 10e-3) + 4.0 * viaT + 2.0 * 1e-3 + 2.0 * 10e-3;
        // The first handover comes at 125 s (satellites 239 s apart), each leg about 7.5 ms:
        // 2 x 7.5 + 4 x 7.5 + 33 = 77.7 ms.
        EXPECT_GT(viaS, 2.5e-3);
        EXPECT_NEAR(e.interruption_s, expected, 1e-9) << "t = " << t;
        std::printf("handover at t = %.0f s: %.6f ms\n", t, e.interruption_s * 1e3);
        return;
    }
    FAIL() << "no handover in 1200 s";
}
