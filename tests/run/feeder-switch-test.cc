// Feeder-link switch of a transparent satellite (standard access.handover.feeder_switch): one
// bent-pipe LEO on a circular equatorial orbit (Keplerian, no J2) passes a terminal that sits
// between two gateways on the equator. The satellite starts on the western gateway and loses it
// when that gateway sees it under the 10 deg feeder mask, at a time fixed by the geometry; the
// terminal then hands over to the eastern gateway's gNB. The switch time (HARD: the first update
// after the loss; SOFT: the first update that sees the loss within the overlap) and each
// interruption are checked against sums of one-way delays computed here from the law of cosines
// in the equatorial plane.
#include "../common/validation.h"
#include "../compute/equatorial-orbit-util.h"
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

using namespace sagin::test;

namespace
{

constexpr double kFeederLeoA = 6928137.0; // semi-major axis: 6378137 + 550e3 (m)
constexpr double kFeederMaskDeg = 10.0;
constexpr double kLossS = 24.5;   // when the western gateway sees the satellite at 10 deg
constexpr double kGnbMs = 2.0;    // gNB processing per message received
constexpr double kUeMs = 5.0;     // terminal processing per message received
constexpr double kSatMs = 0.5;    // the bent pipe's forwarding delay
constexpr double kSetupMs = 50.0; // HARD: the new feeder's establishment

/// Central angle (deg) at which a point on the equator (radius kA) sees a satellite at radius
/// a (same plane) at elevation e: tan e = (a cos L - kA) / (a sin L), solved by bisection.
double
FeederMaskAngleDeg(double a, double eDeg)
{
    double lo = 0.0;
    double hi = M_PI / 2;
    for (int i = 0; i < 200; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        const double e = std::atan2(a * std::cos(mid) - kA, a * std::sin(mid));
        (e > eDeg * kRad ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi) / kRad;
}

/// The world: leo-0-0's longitude at t = 0 and the sites placed from it so that the western
/// gateway loses the satellite at kLossS.
struct FeederGeometry
{
    double l0 = 0.0;
    double west = 0.0; ///< gw-west; the terminal at west + 14, gw-east at west + 28

    double SatLon(double t) const
    {
        return l0 + GroundTrackRate(kFeederLeoA) * t / kRad;
    }

    /// One-way delay (s) terminal -> satellite -> gw-east at time t, with the bent pipe's delay.
    double TerminalToEastGnb(double t) const
    {
        return (EquatorialSlant(kFeederLeoA, SatLon(t), west + 14.0)
                + EquatorialSlant(kFeederLeoA, SatLon(t), west + 28.0))
                   / kC
               + kSatMs * 1e-3;
    }
};

std::string
FeederScenario(double west)
{
    std::ostringstream s;
    s.precision(15);
    s << R"(# proto-message: sagin.v1.Scenario
name: "feeder-switch"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 30
seed: 3
shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 0 total_satellites: 1 planes: 1 no_j2_drift: true } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: )"
      << west + 14.0 << R"( } }
ground_sites { name: "gw-west" role: GW position { lat_deg: 0 lon_deg: )"
      << west << R"( } }
ground_sites { name: "gw-east" role: GW position { lat_deg: 0 lon_deg: )"
      << west + 28.0 << R"( } }
ground_sites { name: "core" role: CORE position { lat_deg: 1 lon_deg: )"
      << west + 14.0 << R"( } }
terrestrial { connect_to_nearest_core: true }
traffic { flows { name: "up" endpoints { pair { from: "ut" to: "core" } }
  cbr { rate_kbps: 8000 packet_bytes: 1000 } start_s: 20.0005 } }
coverage { resolution_deg: 30 step_s: 100 }
)";
    return s.str();
}

std::string
FeederStandard(const std::string& name, const std::string& kind, const std::string& switches)
{
    std::ostringstream s;
    s << "# proto-message: sagin.v1.Standard\nname: \"" << name << R"("
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION handover { kind: )"
      << kind << " gnb_processing_ms: " << kGnbMs << " ue_processing_ms: " << kUeMs << " "
      << switches << R"( } }
routing { update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: )"
      << kFeederMaskDeg << R"( }
links { service_space { rate_mbps: 100 } feeder { rate_mbps: 1000 } }
processing { sat_ms: )"
      << kSatMs << R"( }
)";
    return s.str();
}

FeederGeometry
LocateFeederWorld(TempDir& dir)
{
    FeederGeometry g;
    g.l0 = EphemerisLongitudeDeg(dir.Write("locate.txtpb", FeederScenario(0.0)), "leo-0-0");
    // At kLossS the satellite is the mask angle east of gw-west.
    g.west = g.SatLon(kLossS) - FeederMaskAngleDeg(kFeederLeoA, kFeederMaskDeg);
    return g;
}

sagin::v1::RunResult
RunFeederSwitch(TempDir& dir,
                const FeederGeometry& g,
                const std::string& name,
                const std::string& kind,
                const std::string& feederSwitch)
{
    return RunTexts(dir,
                    name,
                    FeederScenario(g.west),
                    FeederStandard(name, kind, "feeder_switch { " + feederSwitch + " }"),
                    name);
}

} // namespace

TEST(FeederSwitch, HardSwitchCostsTheSetupAndTheRandomAccessAtTheNewGateway)
{
    TempDir dir;
    const FeederGeometry g = LocateFeederWorld(dir);
    // The mask angle at 550 km and 10 deg: 14.957 deg of longitude.
    EXPECT_NEAR(FeederMaskAngleDeg(kFeederLeoA, kFeederMaskDeg), 14.957, 0.001);
    // Loss at 24.5 s: the switch is at the update of 25 s. Then the satellite is 14.986 deg east
    // of gw-west, 0.986 deg east of the terminal (561.77 km) and 13.014 deg west of gw-east
    // (1,603.90 km): d = 7.7239 ms with the bent pipe's 0.5 ms.
    const double d = g.TerminalToEastGnb(25.0);
    EXPECT_NEAR(d * 1e3, 7.7239, 1e-4);
    // setup + Msg1 (d + g) + Msg2 (d + u) + Msg3 (d + g) + Msg4 (d + u) = 50 + 30.8956 + 14 ms.
    const double expectedMs = kSetupMs + 4e3 * d + 2 * kGnbMs + 2 * kUeMs;
    EXPECT_NEAR(expectedMs, 94.8956, 1e-4);
    const auto res = RunFeederSwitch(dir, g, "hard", "HARD", "mode: HARD setup_ms: 50");
    const auto& fs = res.handover().feeder_switch();
    EXPECT_EQ(fs.switches(), 1u);
    EXPECT_EQ(fs.unplanned(), 0u);
    EXPECT_EQ(fs.failures(), 0u);
    ASSERT_EQ(fs.interruption_ms().count(), 1u);
    ValidationCheck("run.feeder-switch.hard",
                    "setup + 4 x (service slant + feeder slant) / c from the law of cosines on "
                    "an equatorial orbit, + bent pipe delay, + 2 gNB + 2 terminal processing",
                    "terminal's interruption at a HARD feeder-link switch (LEO 550 km, switch at "
                    "the update after the old feeder crosses its 10 deg mask)",
                    "ms",
                    fs.interruption_ms().mean(),
                    expectedMs,
                    1e-6);
    // No change of serving node: the satellite handovers' summary stays empty.
    EXPECT_EQ(res.handover().interruption_ms().count(), 0u);
    // CBR, one packet per ms from 20.0005 s: those sent in [25, 25 + T) meet the interrupted
    // access link: ceil((T - 0.5 ms) / 1 ms) of them.
    const long lost = static_cast<long>(std::ceil(expectedMs - 0.5));
    EXPECT_NEAR(static_cast<double>(res.drops().handover()), static_cast<double>(lost), 1.0);
    EXPECT_EQ(res.packets().lost(), res.drops().handover());
    // The signalling: Xn request and acknowledgement between the gateways, the command and the
    // four random-access messages, and no measurement report (the network foresees its feeder).
    const double perHour = 3600.0 / 30.0; // one terminal, 30 s
    EXPECT_NEAR(res.signalling().xn_handover_request(), perHour, 1e-9);
    EXPECT_NEAR(res.signalling().handover_command(), perHour, 1e-9);
    EXPECT_NEAR(res.signalling().rach_msg1(), perHour, 1e-9);
    EXPECT_EQ(res.signalling().measurement_report(), 0.0);
}

TEST(FeederSwitch, SoftSwitchStartsAnOverlapAheadAndCostsOnlyTheExecution)
{
    TempDir dir;
    const FeederGeometry g = LocateFeederWorld(dir);
    // Overlap 10 s: the update of 15 s is the first to see the loss (15 + 10 > 24.5); both
    // feeders are up, so only the random access at gw-east's gNB interrupts the terminal.
    const double expectedMs = 4e3 * g.TerminalToEastGnb(15.0) + 2 * kGnbMs + 2 * kUeMs;
    const auto soft = RunFeederSwitch(dir, g, "soft", "HARD", "mode: SOFT overlap_s: 10");
    const auto& fs = soft.handover().feeder_switch();
    EXPECT_EQ(fs.switches(), 1u);
    EXPECT_EQ(fs.unplanned(), 0u);
    ASSERT_EQ(fs.interruption_ms().count(), 1u);
    ValidationCheck("run.feeder-switch.soft",
                    "4 x (service slant + feeder slant) / c + bent pipe delay + processing, at the "
                    "first update that sees the loss within the overlap",
                    "terminal's interruption at a SOFT feeder-link switch (10 s overlap)",
                    "ms",
                    fs.interruption_ms().mean(),
                    expectedMs,
                    1e-6);
    // The CBR starts at 20 s, after this switch: nothing is lost to it.
    EXPECT_EQ(soft.drops().handover(), 0u);

    // RACH-less execution of a HARD switch: setup + one message up + the gNB's processing.
    const double rachLessMs = kSetupMs + 1e3 * g.TerminalToEastGnb(25.0) + kGnbMs;
    const auto rl = RunFeederSwitch(dir, g, "rl", "RACH_LESS", "mode: HARD setup_ms: 50");
    ASSERT_EQ(rl.handover().feeder_switch().interruption_ms().count(), 1u);
    EXPECT_NEAR(rl.handover().feeder_switch().interruption_ms().mean(), rachLessMs, 1e-5);

    // ANY_GATEWAY (no procedure): no switch, nothing lost, the statistics null.
    const auto any = RunFeederSwitch(dir, g, "any", "HARD", "mode: ANY_GATEWAY");
    EXPECT_EQ(any.handover().feeder_switch().switches(), 0u);
    EXPECT_EQ(any.handover().feeder_switch().interruption_ms().count(), 0u);
    EXPECT_FALSE(any.handover().feeder_switch().interruption_ms().has_mean());
    EXPECT_EQ(any.packets().lost(), 0u);
}

TEST(FeederSwitch, BadFeederSwitchAndMakeBeforeBreakInputsAreReportedTogether)
{
    TempDir dir;
    const auto sc = dir.Write("world.txtpb", FeederScenario(0.0));
    const auto st = dir.Write("bad.txtpb", R"(# proto-message: sagin.v1.Standard
name: "bad"
access_layers: [SPACE]
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION handover { make_before_break: true feeder_switch { mode: SOFT setup_ms: -1 overlap_s: 700 } } }
links { service_space { rate_mbps: 100 } }
)");
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/out"});
    EXPECT_EQ(r.status, 2);
    for (const char* path : {"access.handover.feeder_switch.mode: a feeder-link switch runs",
                             "access.handover.feeder_switch.mode: only a TRANSPARENT payload",
                             "access.handover.feeder_switch.setup_ms: must be in [0, 600000]",
                             "access.handover.feeder_switch.overlap_s: must be in (0, 600]",
                             "access.handover.make_before_break: make-before-break is a way"})
    {
        EXPECT_NE(r.err.find(path), std::string::npos) << path << "\n" << r.err;
    }
}

namespace
{

// Same-cell satellite switch: 24 bent pipes on one circular equatorial orbit (15 deg apart,
// moving east) and one gateway 1 deg west of the terminal. The terminal sits where leo-0-1 and
// leo-0-0 are equally high at t = 20.5 s; leo-0-1 (east of it) serves it first, leo-0-0 from
// the update of 21 s. Both feed the one gateway: the cell's gNB stays, only the satellite changes.
constexpr double kCellSwitchS = 20.5;

std::string
SameCellScenario(double ut)
{
    std::ostringstream s;
    s.precision(15);
    s << R"(# proto-message: sagin.v1.Scenario
name: "same-cell"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 25
seed: 3
shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 0 total_satellites: 24 planes: 1 no_j2_drift: true } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: )"
      << ut << R"( } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: )"
      << ut - 1.0 << R"( } }
traffic { flows { name: "up" endpoints { pair { from: "ut" to: "gw" } }
  cbr { rate_kbps: 8000 packet_bytes: 1000 } start_s: 18.0005 } }
coverage { resolution_deg: 30 step_s: 100 }
)";
    return s.str();
}

} // namespace

TEST(SameCellSwitch, HardSwitchCostsTheResyncAndTheRandomAccessSoftNothing)
{
    TempDir dir;
    const double l0
        = EphemerisLongitudeDeg(dir.Write("locate.txtpb", SameCellScenario(0.0)), "leo-0-0");
    auto satLon = [&](double t)
    {
        return l0 + GroundTrackRate(kFeederLeoA) * t / kRad;
    };
    const double ut = satLon(kCellSwitchS) + 7.5;
    const std::string world = SameCellScenario(ut);
    // At 21 s the target leo-0-0 is 7.47 deg west of the terminal, 6.47 deg west of the gateway.
    const double d = (EquatorialSlant(kFeederLeoA, satLon(21.0), ut)
                      + EquatorialSlant(kFeederLeoA, satLon(21.0), ut - 1.0))
                         / kC
                     + kSatMs * 1e-3;
    auto run = [&](const std::string& name, const std::string& kind, const std::string& sw)
    {
        return RunTexts(
            dir, name, world, FeederStandard(name, kind, "same_cell_switch { " + sw + " }"), name);
    };
    // HARD: resync 20 ms + Msg1..Msg4 through leo-0-0 to the gateway's gNB.
    const double hardMs = 20.0 + 4e3 * d + 2 * kGnbMs + 2 * kUeMs;
    const auto hard = run("hard", "HARD", "mode: HARD resync_ms: 20");
    ASSERT_EQ(hard.handover().interruption_ms().count(), 1u);
    EXPECT_EQ(hard.handover().same_cell_switches(), 1u);
    ValidationCheck("run.same-cell-switch.hard",
                    "resync + 4 x (service slant + feeder slant) / c on an equatorial orbit, + "
                    "bent pipe delay, + 2 gNB + 2 terminal processing",
                    "terminal's interruption at a HARD same-cell satellite switch (LEO 550 km, "
                    "two bent pipes of one gateway)",
                    "ms",
                    hard.handover().interruption_ms().mean(),
                    hardMs,
                    1e-6);
    EXPECT_EQ(hard.signalling().measurement_report(), 0.0);
    EXPECT_EQ(hard.signalling().handover_command(), 0.0);
    EXPECT_GT(hard.signalling().rach_msg1(), 0.0);
    const long lost = static_cast<long>(std::ceil(hardMs - 0.5));
    EXPECT_NEAR(static_cast<double>(hard.drops().handover()), static_cast<double>(lost), 1.0);
    // SOFT: the cell is served by both satellites for a while: nothing is interrupted.
    const auto soft = run("soft", "HARD", "mode: SOFT");
    ASSERT_EQ(soft.handover().interruption_ms().count(), 1u);
    EXPECT_EQ(soft.handover().interruption_ms().max(), 0.0);
    EXPECT_EQ(soft.drops().handover(), 0u);
    // HANDOVER (the default): the intra-gNB HARD handover, report + command + random access.
    const auto ho = run("ho", "HARD", "mode: HANDOVER");
    EXPECT_EQ(ho.handover().same_cell_switches(), 0u);
    ASSERT_EQ(ho.handover().interruption_ms().count(), 1u);
    EXPECT_GT(ho.handover().interruption_ms().mean(), hardMs - 20.0);
}
