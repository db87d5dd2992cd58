// Sessions of a compute service (ServicePlacement.continuity) in `sagin run` against hand
// computations. The world: 24 satellites 15 deg apart on one circular equatorial orbit at 550 km
// (Keplerian, no J2 drift) with in-plane ISLs, whose chords all have the closed-form length
// 2 a sin(7.5 deg), and a terminal on the equator placed so that the sub-satellite points of
// leo-0-1 (ahead) and leo-0-0 (behind) are equally far from it at t = 20.5 s: before, leo-0-1 is
// the nearest satellite (serving the terminal and hosting its session), after, leo-0-0. Routing
// and access are updated every second, so the first update to see the change is at 21 s. Every
// host is on board (IN_ORBIT) and the user plane breaks out at the satellite, so the nearest
// host is the serving satellite, and the session's old host is one ISL hop from the new one.
#include "../common/validation.h"
#include "../run/run-test-util.h"
#include "equatorial-orbit-util.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

using namespace sagin::test;

namespace
{

constexpr double kLeoA = 6928137.0; // semi-major axis: 6378137 + 550e3 (m)
constexpr double kRate_bps = 10e6;  // service and ISL rate of the test standard
constexpr double kSwitch_s = 20.5;  // the terminal is equally far from leo-0-1 and leo-0-0
constexpr double kUpdate_s = 21.0;  // the first routing update after it
constexpr int kState = 100000;      // session state (bytes)
constexpr double kService_s = 1e-3; // deterministic service: 1,000 tasks/s

/// Length of an in-plane ISL (m): the chord between satellites 15 deg apart.
double
IslLength()
{
    return 2 * kLeoA * std::sin(7.5 * kRad);
}

std::string
Scenario(double utLon, int stateBytes)
{
    std::ostringstream s;
    s.precision(12);
    s << R"(# proto-message: sagin.v1.Scenario
name: "sessions"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 40
seed: 7
shells { name: "leo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 0 total_satellites: 24 planes: 1 no_j2_drift: true } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: )"
      << utLon << R"( } }
coverage { resolution_deg: 30 step_s: 100 }
compute {
  nodes { name: "onboard" shell: "leo" service_rate_per_s: 1000 }
  services { name: "interactive" clients { names: "ut" } rate_per_s: 1 service_time: DETERMINISTIC state_bytes: )"
      << stateBytes << R"( }
}
)";
    return s.str();
}

std::string
Standard(const std::string& placement)
{
    return R"(# proto-message: sagin.v1.Standard
name: "sessions"
access_layers: [SPACE]
payload: REGENERATIVE
isl { topology: INTRA_PLANE }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 }
links { service_space { rate_mbps: 10 } isl { rate_mbps: 10 } }
compute { onboard_upf: true default_placement { sites: [IN_ORBIT] )"
           + placement + R"( } }
)";
}

/// The world's geometry: leo-0-0's longitude at t = 0 (from `sagin ephemeris`) and the
/// terminal's.
struct Geometry
{
    double l0 = 0.0;
    double ut = 0.0;

    /// Longitude (deg) of leo-0-k at time t.
    double SatLon(int k, double t) const
    {
        return l0 + 15.0 * k + GroundTrackRate(kLeoA) * t / kRad;
    }

    /// Slant range (m) terminal - leo-0-k at time t.
    double Slant(int k, double t) const
    {
        return EquatorialSlant(kLeoA, SatLon(k, t), ut);
    }
};

Geometry
Locate(TempDir& dir)
{
    Geometry g;
    const auto sc = dir.Write("geometry.txtpb", Scenario(0.0, kState));
    g.l0 = EphemerisLongitudeDeg(sc, "leo-0-0");
    // The Walker slots are 15 deg apart in the direction of motion (east).
    const double l1 = EphemerisLongitudeDeg(sc, "leo-0-1");
    EXPECT_NEAR(std::remainder(l1 - g.l0 - 15.0, 360.0), 0.0, 1e-7); // positions to 1 mm
    g.ut = g.SatLon(0, kSwitch_s) + 7.5;
    return g;
}

struct SessionRun
{
    sagin::v1::RunResult result;
    std::vector<std::map<std::string, std::string>> tasks;
};

SessionRun
RunSessions(TempDir& dir, const Geometry& g, const std::string& placement, const std::string& tag)
{
    const auto sc = dir.Write(tag + ".txtpb", Scenario(g.ut, kState));
    const auto st = dir.Write(tag + "-std.txtpb", Standard(placement));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + tag});
    EXPECT_EQ(r.status, 0) << r.err;
    SessionRun out;
    out.result = ReadResult(dir.Path() + "/" + tag, "sessions");
    const auto rows = ReadCsv(dir.Path() + "/" + tag + "/sessions/compute.csv");
    for (size_t i = 1; i < rows.size(); ++i)
    {
        out.tasks.push_back(CsvRow(rows[0], rows[i]));
    }
    return out;
}

double
Ms(const std::map<std::string, std::string>& t, const char* column)
{
    return std::stod(t.at(column));
}

/// Arrival time (s) of a 200-byte message (one 228-byte datagram) sent at t from the terminal to
/// leo-0-`host` while leo-0-`serving` serves it (one ISL hop further when they differ), or the
/// other way when `down`: each hop transmits 228 bytes at 10 Mbit/s, then propagates (the slant
/// range at the start of its transmission, or the ISL chord).
double
Arrival(const Geometry& g, double t, int serving, int host, bool down)
{
    const double tx = 228 * 8 / kRate_bps;
    const double isl = serving == host ? 0.0 : tx + IslLength() / kC;
    if (down)
    {
        t += isl;
        return t + tx + g.Slant(serving, t) / kC;
    }
    t += tx + g.Slant(serving, t) / kC;
    return t + isl;
}

} // namespace

TEST(SessionContinuity, StayKeepsTheHostAndPaysTheIslBothWays)
{
    TempDir dir;
    const Geometry g = Locate(dir);
    const SessionRun run = RunSessions(dir, g, "continuity: STAY", "stay");
    ASSERT_GE(run.tasks.size(), 25u);
    int before = 0, after = 0;
    double worst = 0.0;
    for (const auto& t : run.tasks)
    {
        const double tc = std::stod(t.at("t_created_s"));
        ASSERT_EQ(t.at("status"), "completed");
        // The session stays on the host of its first task, leo-0-1, for the whole run.
        EXPECT_EQ(t.at("host"), "leo-0-1") << "task at " << tc;
        EXPECT_EQ(t.at("session"), "");
        EXPECT_EQ(t.at("state_wait_ms"), "0.000000");
        if (t.at("queueing_ms") != "0.000000")
        {
            continue;
        }
        // From the 21 s update leo-0-0 serves the terminal: request and response cross the ISL.
        const int serving = tc < kUpdate_s ? 1 : 0;
        (tc < kUpdate_s ? before : after)++;
        const double atHost = Arrival(g, tc, serving, 1, false);
        const double done = Arrival(g, atHost + kService_s, serving, 1, true);
        worst = std::max(worst, std::abs(Ms(t, "completion_ms") - (done - tc) * 1e3));
    }
    EXPECT_GE(before, 5);
    EXPECT_GE(after, 5);
    ValidationBound("compute.session.stay-completion",
                    "slant ranges (circular equatorial orbit) and ISL chord 2 a sin(7.5 deg) / c + "
                    "228-byte datagrams at 10 Mbit/s per hop + service",
                    "completion of a STAY session's tasks before and after its host stops serving "
                    "the client: largest error",
                    "ms",
                    worst,
                    1e-5);
    const auto& c = run.result.compute();
    EXPECT_EQ(c.session_migrations(), 0u);
    EXPECT_EQ(c.session_replacements(), 0u);
}

TEST(SessionContinuity, MigrateSendsTheStateOverTheIslAndHoldsTheRequestForIt)
{
    TempDir dir;
    const Geometry g = Locate(dir);
    const SessionRun run = RunSessions(dir, g, "continuity: MIGRATE", "migrate");
    ASSERT_GE(run.tasks.size(), 25u);
    int moves = 0;
    for (const auto& t : run.tasks)
    {
        const double tc = std::stod(t.at("t_created_s"));
        ASSERT_EQ(t.at("status"), "completed");
        EXPECT_EQ(t.at("host"), tc < kUpdate_s ? "leo-0-1" : "leo-0-0") << "task at " << tc;
        if (t.at("session") != "migrated")
        {
            continue;
        }
        ++moves;
        // The first task after the 21 s update moves the session: its request goes straight up
        // to leo-0-0, while leo-0-1 sends the 100,000-byte state (71 datagrams of 1,428 bytes
        // and one of 628) over the one ISL; the host holds the request until the state's last
        // byte, then serves it.
        EXPECT_GE(tc, kUpdate_s);
        double last = 0.0;
        const double state = DatagramBytesOnLink(kState, &last);
        ASSERT_EQ(state, 102016.0);
        const double request = Arrival(g, tc, 0, 0, false);
        const double stateAt = tc + state * 8 / kRate_bps + IslLength() / kC;
        ASSERT_GT(stateAt, request);
        const double done = Arrival(g, stateAt + kService_s, 0, 0, true);
        EXPECT_NEAR(Ms(t, "uplink_ms"), (request - tc) * 1e3, 1e-5);
        EXPECT_EQ(t.at("queueing_ms"), "0.000000");
        ValidationCheck("compute.session.migrate-state-wait",
                        "state datagrams (payload + 28 bytes) x 8 / ISL rate + ISL chord / c, "
                        "less the request's slant range / c and transmission",
                        "wait of the request that migrated its session for the state from the old "
                        "host, one ISL hop",
                        "ms",
                        Ms(t, "state_wait_ms"),
                        (stateAt - request) * 1e3,
                        1e-5);
        EXPECT_NEAR(Ms(t, "completion_ms"), (done - tc) * 1e3, 1e-5);
    }
    EXPECT_EQ(moves, 1);
    const auto& c = run.result.compute();
    EXPECT_EQ(c.session_migrations(), 1u);
    EXPECT_EQ(c.session_replacements(), 0u);
    EXPECT_EQ(c.session_states_lost(), 0u);
    const auto& b = c.breakdown_ms();
    EXPECT_NEAR(b.uplink() + b.state_wait() + b.queueing() + b.compute() + b.downlink(),
                c.completion_ms().mean(),
                1e-9);
    EXPECT_GT(b.state_wait(), 0.0);
}

TEST(SessionContinuity, ReplaceResendsTheStateFromTheClientBehindTheRequest)
{
    TempDir dir;
    const Geometry g = Locate(dir);
    const SessionRun run = RunSessions(dir, g, "continuity: REPLACE", "replace");
    int moves = 0;
    for (const auto& t : run.tasks)
    {
        const double tc = std::stod(t.at("t_created_s"));
        ASSERT_EQ(t.at("status"), "completed");
        EXPECT_EQ(t.at("host"), tc < kUpdate_s ? "leo-0-1" : "leo-0-0") << "task at " << tc;
        if (t.at("session") != "replaced")
        {
            continue;
        }
        ++moves;
        // The terminal sends the request, then the state right behind it on the same 10 Mbit/s
        // service link: the state's last datagram starts after 228 + 102,016 - 628 bytes and
        // crosses the slant range of its start.
        double last = 0.0;
        const double state = DatagramBytesOnLink(kState, &last);
        const double lastStart = tc + (228 + state - last) * 8 / kRate_bps;
        const double stateAt = lastStart + last * 8 / kRate_bps + g.Slant(0, lastStart) / kC;
        const double request = Arrival(g, tc, 0, 0, false);
        ValidationCheck("compute.session.replace-state-wait",
                        "request and state datagrams x 8 / service-link rate + slant range / c "
                        "(circular equatorial orbit)",
                        "wait of the request that re-placed its session for the state the client "
                        "sends behind it",
                        "ms",
                        Ms(t, "state_wait_ms"),
                        (stateAt - request) * 1e3,
                        1e-5);
        const double done = Arrival(g, stateAt + kService_s, 0, 0, true);
        EXPECT_NEAR(Ms(t, "completion_ms"), (done - tc) * 1e3, 1e-5);
    }
    EXPECT_EQ(moves, 1);
    const auto& c = run.result.compute();
    EXPECT_EQ(c.session_migrations(), 0u);
    EXPECT_EQ(c.session_replacements(), 1u);
}

TEST(SessionContinuity, MoveGainIsTheIslRoundTripThreshold)
{
    TempDir dir;
    const Geometry g = Locate(dir);
    // After the switch, the old host costs the ISL chord twice more than the new one: a gain of
    // 2 L / c = 12.066 ms there and back. A threshold just below it moves the session, one just
    // above keeps it.
    const double gain_ms = 2 * IslLength() / kC * 1e3;
    ASSERT_NEAR(gain_ms, 12.066, 0.001);
    const SessionRun below
        = RunSessions(dir, g, "continuity: MIGRATE move_gain_ms: 12.05", "below");
    const SessionRun above
        = RunSessions(dir, g, "continuity: MIGRATE move_gain_ms: 12.08", "above");
    EXPECT_EQ(below.result.compute().session_migrations(), 1u);
    EXPECT_EQ(above.result.compute().session_migrations(), 0u);
    for (const auto& t : above.tasks)
    {
        EXPECT_EQ(t.at("host"), "leo-0-1");
    }
}

TEST(SessionContinuity, AStateLateForItsTimeoutEndsTheSession)
{
    TempDir dir;
    const Geometry g = Locate(dir);
    // The state needs 81.6 ms of transmission on the ISL; the new host waits 50 ms for it. At
    // the timeout the session ends: the request held for the state is lost, and the client's
    // next task starts a new session on the nearest satellite (leo-0-0), with nothing to move.
    const SessionRun run
        = RunSessions(dir, g, "continuity: MIGRATE state_timeout_ms: 50", "timeout");
    int moves = 0;
    bool after = false;
    for (const auto& t : run.tasks)
    {
        const double tc = std::stod(t.at("t_created_s"));
        if (t.at("session") == "migrated")
        {
            ++moves;
            EXPECT_EQ(t.at("status"), "lost");
            after = true;
            continue;
        }
        EXPECT_EQ(t.at("status"), "completed") << "task at " << tc;
        EXPECT_EQ(t.at("state_wait_ms"), "0.000000");
        if (after)
        {
            EXPECT_EQ(t.at("host"), "leo-0-0");
        }
    }
    EXPECT_EQ(moves, 1);
    const auto& c = run.result.compute();
    EXPECT_EQ(c.session_migrations(), 1u);
    EXPECT_EQ(c.session_states_lost(), 1u);
    EXPECT_EQ(c.dropped().lost(), 1u);
    EXPECT_EQ(c.completed(), c.tasks() - 1);
}

TEST(SessionContinuity, BadSessionInputIsEveryErrorWithItsFieldPath)
{
    TempDir dir;
    const auto sc = dir.Write("s.txtpb", Scenario(0.0, 0));
    const auto st = dir.Write("std.txtpb", R"(# proto-message: sagin.v1.Standard
name: "s"
payload: REGENERATIVE
compute {
  services { service: "interactive" continuity: MIGRATE }
  default_placement { selection: LEAST_LOADED continuity: REPLACE move_gain_ms: -1 }
}
)");
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/o"});
    EXPECT_EQ(r.status, 2);
    for (const char* want :
         {"compute.services[0].continuity: MIGRATE moves the session's state: service "
          "'interactive' needs state_bytes > 0 (scenario compute.services[0].state_bytes)",
          "compute.default_placement.continuity: REPLACE moves a session to the nearest host: "
          "needs selection NEAREST_LATENCY, got LEAST_LOADED",
          "compute.default_placement.move_gain_ms: must be in [0, 3.6e6] ms, got -1"})
    {
        EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
    }
    const auto st2 = dir.Write("std2.txtpb", R"(# proto-message: sagin.v1.Standard
name: "s"
payload: REGENERATIVE
compute {
  services { service: "interactive" state_timeout_ms: 5 }
  default_placement { continuity: STAY move_gain_ms: 5 state_timeout_ms: nan }
}
)");
    r = RunSagin({"run", sc, "--standard", st2, "--out", dir.Path() + "/o2"});
    EXPECT_EQ(r.status, 2);
    for (const char* want :
         {"compute.default_placement.move_gain_ms: applies to MIGRATE and REPLACE only",
          "compute.default_placement.state_timeout_ms: must be a finite number, got nan",
          "compute.services[0].state_timeout_ms: applies to sessions only (STAY, MIGRATE, "
          "REPLACE)"})
    {
        EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
    }
    auto big = Scenario(0.0, 0);
    big.replace(big.find("state_bytes: 0"), 14, "state_bytes: 20000000");
    r = RunSagin({"validate", dir.Write("big.txtpb", big)});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("compute.services[0].state_bytes: must be at most 1e7, got 20000000"),
              std::string::npos)
        << r.err;
}
