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
    const double lat
        = std::atan2(p0.z, std::hypot(p0.x, p0.y)) * 180.0 / M_PI; // geocentric, near enough
    const double lon = std::atan2(p0.y, p0.x) * 180.0 / M_PI;
    std::ostringstream sites;
    sites.precision(12);
    sites << "ground_sites { name: \"ut\" role: UT position { lat_deg: " << lat
          << " lon_deg: " << lon
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

TEST(HandoverProcedure, N2PreparationGoesThroughTheAmf)
{
    // The legs of MessageSumsPerKind (ms): terminal <-> source 10, Xn 3 and 4 (unused with N2),
    // terminal <-> target 20 up and 21 down; N2: source -> AMF 5, AMF -> target 6, target ->
    // AMF 7, AMF -> source 8. gNB processing 1, terminal 2, AMF 0.5.
    HandoverLegs legs;
    legs.ueToSource_s = legs.sourceToUe_s = 10e-3;
    legs.sourceToTarget_s = 3e-3;
    legs.targetToSource_s = 4e-3;
    legs.ueToTarget_s = 20e-3;
    legs.targetToUe_s = 21e-3;
    legs.viaCore = true;
    legs.sourceToCore_s = 5e-3;
    legs.coreToTarget_s = 6e-3;
    legs.targetToCore_s = 7e-3;
    legs.coreToSource_s = 8e-3;
    const HandoverProcessing p{1e-3, 2e-3, 0.5e-3};
    // HARD: report 10 + 1, Required 5 + 0.5, Request 6 + 1, Acknowledge 7 + 0.5, Command 8 + 1,
    // RRC command 10 + 2, RACH 88: 11 + 29 + 12 + 88 = 140 ms.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::HARD, legs, p), 140e-3, 1e-15);
    // Prepared ahead or without random access, the preparation is not in the interruption.
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::CONDITIONAL, legs, p), 88e-3, 1e-15);
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::RACH_LESS, legs, p), 21e-3, 1e-15);
    // One gNB: no preparation at all, 140 - 29 = 111 ms (as with Xn).
    legs.sameGnb = true;
    EXPECT_NEAR(HandoverInterruptionSeconds(Kind::HARD, legs, p), 111e-3, 1e-15);
    legs.sameGnb = false;

    // Messages: the four N2 ones instead of the Xn pair.
    const SignallingCounts ok = HandoverMessages(Kind::HARD, legs, true);
    EXPECT_EQ(ok.measurementReport, 1u);
    EXPECT_EQ(ok.xnRequest + ok.xnRequestAck, 0u);
    EXPECT_EQ(ok.n2Required + ok.n2Request + ok.n2RequestAck + ok.n2Command, 4u);
    EXPECT_EQ(ok.handoverCommand, 1u);
    EXPECT_EQ(ok.msg1 + ok.msg2 + ok.msg3 + ok.msg4, 4u);
    const SignallingCounts ahead = HandoverMessages(Kind::CONDITIONAL, legs, true);
    EXPECT_EQ(ahead.n2Required + ahead.n2Request + ahead.n2RequestAck + ahead.n2Command, 4u);
    // A preparation whose acknowledge had no route: Required, Request and the Acknowledge that
    // was sent, no command, no random access.
    legs.n2SentOnFailure = 3;
    const SignallingCounts failed = HandoverMessages(Kind::HARD, legs, false);
    EXPECT_EQ(failed.n2Required, 1u);
    EXPECT_EQ(failed.n2Request, 1u);
    EXPECT_EQ(failed.n2RequestAck, 1u);
    EXPECT_EQ(failed.n2Command, 0u);
    EXPECT_EQ(failed.handoverCommand, 0u);
    EXPECT_EQ(failed.msg1, 0u);
}

TEST(HandoverProcedure, LeoBentPipeN2HandoverAddsTheFiberToTheCore)
{
    // The plane of LeoBentPipeHandoverUnderOneGroundGnbIsTheSumOfItsLegs, with two gateways on
    // the ground track (where the satellite over the terminal at t = 0 is 150 s before and after)
    // and a core site 5 deg north of the terminal. Fiber of declared length (delay = length x
    // 1.468 / c): gw-behind - gw-ahead 500 km, gw-ahead - core 1,000 km, gw-behind - core
    // 1,200 km. At the first handover the source satellite, ahead of the terminal, lands on
    // gw-ahead and the target, behind, on gw-behind: two gNBs. With Xn the preparation crosses
    // the 500 km fiber each way; with N2 it goes source gNB -> core (1,000 km), core -> target
    // gNB (1,200 km) and back, with the AMF's processing on the two messages it receives:
    //   N2 - Xn = (2 x 1000 + 2 x 1200 - 2 x 500) km x 1.468 / c + 2 x amf
    //           = 3,400 km x 1.468 / c + 2 x 2 ms = 16.6489 + 4 = 20.6489 ms
    // and every leg is its fiber's delay exactly (no node forwards in between).
    const char* shell = R"(
        name: "bp-n2" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 1200 seed: 1
        shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53
                                      total_satellites: 24 planes: 1 phasing: 0 } })";
    auto probe = MakeWorld(ScenarioFromText(shell));
    const auto& leo0 = *probe->Nodes()[probe->Find("leo-0-0")].trajectory;
    auto latLon = [](const Vec3& p)
    {
        return std::pair<double, double>(std::atan2(p.z, std::hypot(p.x, p.y)) * 180.0 / M_PI,
                                         std::atan2(p.y, p.x) * 180.0 / M_PI);
    };
    const auto [lat, lon] = latLon(leo0.PositionAt(0.0));
    const auto [latAhead, lonAhead] = latLon(leo0.PositionAt(150.0));
    const auto [latBehind, lonBehind] = latLon(leo0.PositionAt(-150.0));
    std::ostringstream sites;
    sites.precision(12);
    auto site = [&](const char* name, const char* role, double la, double lo)
    {
        sites << "ground_sites { name: \"" << name << "\" role: " << role
              << " position { lat_deg: " << la << " lon_deg: " << lo << " } }\n";
    };
    site("ut", "UT", lat, lon);
    site("gw-ahead", "GW", latAhead, lonAhead);
    site("gw-behind", "GW", latBehind, lonBehind);
    site("core", "CORE", lat + 5.0, lon);
    sites << R"(terrestrial {
        fiber_links { a: "gw-behind" b: "gw-ahead" length_km: 500 }
        fiber_links { a: "gw-ahead" b: "core" length_km: 1000 }
        fiber_links { a: "gw-behind" b: "core" length_km: 1200 } })";
    auto world = MakeWorld(ScenarioFromText(std::string(shell) + sites.str()));
    const char* common = R"(payload: TRANSPARENT isl { topology: NO_ISL }
        visibility { space_deg: 10 } processing { sat_ms: 0.5 })";
    auto xnStd = StandardFromText(std::string("name: \"xn\" ") + common
                                  + " access { handover { kind: HARD gnb_processing_ms: 1 "
                                    "ue_processing_ms: 10 } }");
    auto n2Std
        = StandardFromText(std::string("name: \"n2\" ") + common
                           + " access { handover { kind: HARD gnb_processing_ms: 1 "
                             "ue_processing_ms: 10 preparation: N2 amf_processing_ms: 2 } }");
    auto xnPolicy = Resolve(xnStd, *world);
    auto n2Policy = Resolve(n2Std, *world);
    TopologyController xn(*world, xnPolicy);
    TopologyController n2(*world, n2Policy);
    const int ahead = NodeIndex(*world, "gw-ahead");
    const int behind = NodeIndex(*world, "gw-behind");
    const int core = NodeIndex(*world, "core");
    const double fiber = 1.468 / kC; // s per m
    for (double t = 0.0; t <= 1200.0; t += 1.0)
    {
        xn.Update(t);
        n2.Update(t);
        ASSERT_EQ(xn.Handovers().size(), n2.Handovers().size()) << "t = " << t;
        if (n2.Handovers().empty())
        {
            continue;
        }
        const HandoverEvent& a = xn.Handovers()[0];
        const HandoverEvent& b = n2.Handovers()[0];
        ASSERT_EQ(b.sourceGnb, ahead) << "t = " << t;
        ASSERT_EQ(b.targetGnb, behind) << "t = " << t;
        EXPECT_TRUE(a.prepared);
        EXPECT_TRUE(b.prepared);
        EXPECT_EQ(a.amf, -1);
        EXPECT_EQ(b.amf, core);
        EXPECT_NEAR(a.legs.sourceToTarget_s, 500e3 * fiber, 1e-12);
        EXPECT_NEAR(a.legs.targetToSource_s, 500e3 * fiber, 1e-12);
        EXPECT_NEAR(b.legs.sourceToCore_s, 1000e3 * fiber, 1e-12);
        EXPECT_NEAR(b.legs.coreToTarget_s, 1200e3 * fiber, 1e-12);
        EXPECT_NEAR(b.legs.targetToCore_s, 1200e3 * fiber, 1e-12);
        EXPECT_NEAR(b.legs.coreToSource_s, 1000e3 * fiber, 1e-12);
        // The terminal's legs are the same in both; so is everything but the preparation.
        EXPECT_NEAR(b.legs.ueToSource_s, a.legs.ueToSource_s, 1e-15);
        EXPECT_NEAR(b.interruption_s - a.interruption_s, 3400e3 * fiber + 4e-3, 1e-12);
        EXPECT_NEAR(b.interruption_s - a.interruption_s, 20.6489e-3, 1e-7);
        std::printf("handover at t = %.0f s: Xn %.6f ms, N2 %.6f ms\n",
                    t,
                    a.interruption_s * 1e3,
                    b.interruption_s * 1e3);
        return;
    }
    FAIL() << "no handover in 1200 s";
}

TEST(HandoverProcedure, N2NeedsACoreSite)
{
    // The GEO world of GeoBentPipeGnbSitsAtTheGateway has a terminal and a gateway, no CORE
    // site: an N2 preparation has no AMF, and the standard is rejected for this world, naming
    // the field.
    auto world = MakeWorld(ScenarioFromText(R"(
        name: "no-core" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 10 seed: 1
        shells { name: "geo" geo { longitudes_deg: [0] altitude_km: 35786 } }
        ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 60 } }
        ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: -10 } })"));
    auto standard = StandardFromText(R"(name: "geo" payload: TRANSPARENT isl { topology: NO_ISL }
        access { handover { kind: HARD preparation: N2 } })");
    ErrorList errors;
    ResolveStandard(standard, *world, errors);
    ASSERT_EQ(errors.Errors().size(), 1u);
    EXPECT_EQ(errors.Errors()[0].path, "access.handover.preparation");
    EXPECT_NE(errors.Errors()[0].message.find("the scenario has none"), std::string::npos);
}
