// Initial access (access.initial_access): an idle terminal's first packet waits for the random
// access, whose messages cross the terminal <-> gNB one-way delay (a GEO bent pipe with a ground
// gNB: service link + feeder) and the processing written out below; preamble collisions and the
// number of attempts follow the closed forms of a uniform preamble choice.
#include "../common/validation.h"
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace sagin::test;

namespace
{

// ut > GEO satellite (bent pipe) > gw (the gNB) > fiber > core; one probe per second from 0.5 s,
// an occasion of the default 100 per second (every 10 ms, so one at 0.5 s exactly).
const std::string kGeoScenario = GeoBentPipeScenario(
    "geo-ra",
    4,
    R"(flows { name: "p" endpoints { pair { from: "ut" to: "core" } } ping { interval_ms: 1000 } start_s: 0.5 })");

std::string
GeoStandard(const std::string& name, const std::string& initialAccess)
{
    return "# proto-message: sagin.v1.Standard\nname: \"" + name + R"("
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
routing { update_interval_ms: 1000 }
visibility { space_deg: 5 feeder_deg: 5 }
access { rule: HIGHEST_ELEVATION )"
           + (initialAccess.empty() ? "" : "initial_access { " + initialAccess + " }") + R"( }
)";
}

// One-way terminal <-> gNB over the bent pipe, by hand (GeoBentPipeOneWay_s): GEO at 0 deg E,
// 35,786.03 km above the equator (fixed in ECEF); slant ranges from ut (35 N 20 E) and gw
// (20 N 5 E) on the WGS84 ellipsoid add up to 73,728.9 km: d = 245.933 ms.

} // namespace

TEST(InitialAccess, GeoBentPipeProcedureIsTheSumOfItsMessages)
{
    TempDir dir;
    auto scenario = dir.Write("geo-ra.txtpb", kGeoScenario);
    const std::string proc = "gnb_processing_ms: 1 ue_processing_ms: 2";
    std::vector<std::string> args = {"run", scenario, "--out", dir.Path() + "/out"};
    const std::vector<std::pair<std::string, std::string>> standards = {
        {"none", ""},
        {"four", "kind: FOUR_STEP " + proc},
        {"two", "kind: TWO_STEP " + proc},
        {"four-nota", "kind: FOUR_STEP timing_advance: NOT_PRECOMPENSATED " + proc},
    };
    for (const auto& [name, ia] : standards)
    {
        args.push_back("--standard");
        args.push_back(dir.Write(name + ".txtpb", GeoStandard(name, ia)));
    }
    auto r = RunSagin(args);
    ASSERT_EQ(r.status, 0) << r.err;
    const double d = GeoBentPipeOneWay_s() * 1e3; // ms
    // The probe at 0.5 s finds the terminal idle, at an occasion: no wait for it.
    //  4-step: Msg1 (d + 1 ms at the gNB) + Msg2 (d + 2 ms at the terminal) + Msg3 + Msg4
    //          = 4 d + 6 ms = 2 round trips + processing = 989.733 ms;
    //  2-step: MsgA + MsgB = 2 d + 3 ms = 494.866 ms;
    //  4-step without timing pre-compensation: one more exchange, 6 d + 9 ms = 1484.599 ms.
    const std::vector<std::pair<std::string, double>> expected
        = {{"four", 4 * d + 6}, {"two", 2 * d + 3}, {"four-nota", 6 * d + 9}};
    auto none = ReadResult(dir.Path() + "/out", "none");
    EXPECT_EQ(none.control_plane().latency_ms().count(), 0u);
    EXPECT_FALSE(none.control_plane().latency_ms().has_p50()); // null, not 0
    // No procedure modelled (initial access NONE, handover NONE): signalling unknown, null.
    EXPECT_FALSE(none.signalling().has_rach_msg1());
    EXPECT_FALSE(none.signalling().has_measurement_report());
    auto baseRows = ReadCsv(dir.Path() + "/out/none/latency.csv");
    for (const auto& [name, ms] : expected)
    {
        auto res = ReadResult(dir.Path() + "/out", name);
        ASSERT_EQ(res.control_plane().latency_ms().count(), 1u) << name; // connected afterwards
        ValidationCheck("run.initial-access.geo-" + name,
                        "hand sum of the message legs (GEO bent pipe, ground gNB)",
                        "GEO bent pipe random access (" + name + "), request to first data",
                        "ms",
                        res.control_plane().latency_ms().p50(),
                        ms,
                        1e-5);
        EXPECT_EQ(res.access().rach_failures(), 0u);
        // The first probe's one-way delay grows by exactly the procedure; the last one (at 3.5 s,
        // after every procedure ended) not.
        auto rows = ReadCsv(dir.Path() + "/out/" + name + "/latency.csv");
        ASSERT_EQ(rows.size(), baseRows.size());
        ASSERT_GE(rows.size(), 4u);
        EXPECT_NEAR(std::stod(rows[1][7]) - std::stod(baseRows[1][7]), ms, 1e-5) << name;
        EXPECT_NEAR(std::stod(rows.back()[7]) - std::stod(baseRows.back()[7]), 0.0, 1e-5) << name;
        // One terminal (ut) for 4 s = 1/900 h: per terminal-hour = count x 900.
        const auto& s = res.signalling();
        if (name == "two")
        {
            EXPECT_NEAR(s.rach_msg_a(), 900, 1e-6);
            EXPECT_NEAR(s.rach_msg_b(), 900, 1e-6);
            EXPECT_NEAR(s.rach_msg1(), 0, 1e-6);
        }
        else
        {
            const double exchanges = name == "four" ? 1 : 2;
            EXPECT_NEAR(s.rach_msg1(), 900 * exchanges, 1e-6);
            EXPECT_NEAR(s.rach_msg2(), 900 * exchanges, 1e-6);
            EXPECT_NEAR(s.rach_msg3(), 900, 1e-6);
            EXPECT_NEAR(s.rach_msg4(), 900, 1e-6);
        }
    }
}

TEST(InitialAccess, CollisionsAndAttemptsFollowTheGeometricLaw)
{
    // One terminal under a regenerative LEO satellite, a probe every 200 ms and an inactivity
    // timeout of 100 ms: every probe finds the terminal idle (its echo comes back within ~20 ms)
    // and starts a procedure; 30 other contenders per occasion, 54 preambles. An attempt succeeds
    // when none of the 30 picks the terminal's preamble: p = (53/54)^30 = exp(30 ln 0.981481)
    // = exp(-0.560763) = 0.570753; collision probability 1 - p = 0.429247; attempts per
    // procedure geometric, mean 1/p = 1.75207 (truncation at 200 attempts: 0.43^200, nil).
    TempDir dir;
    auto scenario = dir.Write("leo-ra.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "leo-ra"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 600
seed: 3
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 288 planes: 24 phasing: 1 } }
ground_sites { name: "ut" role: UT position { lat_deg: 40.4 lon_deg: -3.7 } }
ground_sites { name: "core" role: CORE position { lat_deg: 40.5 lon_deg: -3.6 } }
ground_sites { name: "gw" role: GW position { lat_deg: 40.5 lon_deg: -3.6 } }
terrestrial { connect_to_nearest_core: true }
traffic { flows { name: "p" endpoints { pair { from: "ut" to: "core" } } ping { interval_ms: 200 } start_s: 0.0123 } }
coverage { resolution_deg: 60 step_s: 600 }
)");
    auto standard = dir.Write("ra.txtpb", R"(# proto-message: sagin.v1.Standard
name: "ra"
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION initial_access { kind: FOUR_STEP other_contenders: 30 max_attempts: 200 backoff_ms: 20 inactivity_timeout_s: 0.1 } }
visibility { space_deg: 25 }
routing { update_interval_ms: 1000 }
)");
    auto r = RunSagin({"run", scenario, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto res = ReadResult(dir.Path() + "/out", "ra");
    const double terminalHours = 600.0 / 3600.0; // one terminal
    const double msg1 = std::round(res.signalling().rach_msg1() * terminalHours);
    const double msg4 = std::round(res.signalling().rach_msg4() * terminalHours);
    const double procedures = static_cast<double>(res.control_plane().latency_ms().count());
    EXPECT_EQ(res.access().rach_failures(), 0u);
    EXPECT_EQ(msg4, procedures);
    ASSERT_GT(procedures, 1800); // a probe within 100 ms of the last echo finds it connected
    const double p = std::pow(53.0 / 54.0, 30);
    // Collision fraction of the attempts: binomial, 99.9 % interval 3.29 sigma.
    const double collided = 1 - msg4 / msg1;
    ValidationCheck("run.initial-access.collision-probability",
                    "closed form 1 - (1 - 1/M)^(k-1), M = 54, k - 1 = 30",
                    "preamble collision probability per attempt (seeded run, "
                        + std::to_string(int(msg1)) + " attempts)",
                    "",
                    collided,
                    1 - p,
                    3.29 * std::sqrt(p * (1 - p) / msg1));
    // Mean attempts per procedure: geometric, variance (1 - p) / p^2.
    ValidationCheck("run.initial-access.mean-attempts",
                    "closed form 1 / (1 - 1/M)^(k-1) (geometric), M = 54, k - 1 = 30",
                    "mean random-access attempts per procedure (seeded run, "
                        + std::to_string(int(procedures)) + " procedures)",
                    "",
                    msg1 / procedures,
                    1 / p,
                    3.29 * std::sqrt((1 - p) / (p * p) / procedures));
}

TEST(InitialAccess, EveryAttemptCollidingIsARachFailureAndNoLatency)
{
    // One preamble and one other contender: every attempt collides; after 3 attempts the
    // procedure fails, its waiting packets are dropped (rach_failure), and no latency is reported.
    TempDir dir;
    auto scenario = dir.Write("geo-ra.txtpb", kGeoScenario);
    auto standard = dir.Write(
        "fail.txtpb",
        GeoStandard("fail", "kind: FOUR_STEP preambles: 1 other_contenders: 1 max_attempts: 3"));
    auto r = RunSagin({"run", scenario, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto res = ReadResult(dir.Path() + "/out", "fail");
    EXPECT_GE(res.access().rach_failures(), 1u);
    EXPECT_GE(res.drops().rach_failure(), 1u);
    EXPECT_EQ(res.packets().received(), 0u);
    EXPECT_EQ(res.control_plane().latency_ms().count(), 0u);
    EXPECT_FALSE(res.control_plane().latency_ms().has_mean());
}

TEST(InitialAccess, BadParametersAreNamed)
{
    TempDir dir;
    auto scenario = dir.Write("geo-ra.txtpb", kGeoScenario);
    auto standard = dir.Write(
        "bad.txtpb",
        GeoStandard(
            "bad",
            "kind: FOUR_STEP preambles: 65 occasions_per_s: -1 backoff_ms: -2 max_attempts: 500"));
    auto r = RunSagin({"run", scenario, "--standard", standard, "--out", dir.Path() + "/out"});
    EXPECT_EQ(r.status, 2);
    for (const char* field : {"access.initial_access.preambles",
                              "access.initial_access.occasions_per_s",
                              "access.initial_access.backoff_ms",
                              "access.initial_access.max_attempts"})
    {
        EXPECT_NE(r.err.find(field), std::string::npos) << field << "\n" << r.err;
    }
}
