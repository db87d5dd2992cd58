// Failure events of `sagin run` against hand counts: a scripted satellite failure on a LEO world
// whose serving satellite is known in closed form (recovery time = detection time + the wait
// for the next routing update; packets lost = CBR rate x that time), the zero-detection case,
// a gateway outage by selector against the same outage as a site failure, and the input checks.
#include "run-test-util.h"

#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

using namespace sagin::test;

namespace
{

// One polar plane of 72 satellites at 550 km (Keplerian), two terminals at the North Pole. Under
// HIGHEST_ELEVATION the pole's server is the satellite nearest to it in argument of latitude:
// slot 18 (u = 90 deg at t = 0) until t = T / 144 = 39.9 s (T = 5739.1 s, see
// run-counts-test.cc), so p-0-18 carries ut-a > p-0-18 > ut-b at t = 10 s. At 10 s slot 18 has
// moved 360 x 10 / 5739.1 = 0.63 deg past the pole and slot 17 is 4.37 deg before it: p-0-17
// takes over once the routing knows. CBR: 1000-byte payloads at 800 kbit/s, one packet every
// 1000 x 8 / 800e3 = 10 ms from 0.5 s, so packets leave at whole multiples of 10 ms and routing
// updates (every 100 ms) fall on packet times.
std::string
PoleScenario(const std::string& failure)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "pole-fail"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 20
seed: 1
shells { name: "p" walker { pattern: STAR altitude_km: 550 inclination_deg: 90 total_satellites: 72 planes: 1 no_j2_drift: true } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 90 lon_deg: 0 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: 90 lon_deg: 90 } }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: 800 packet_bytes: 1000 } start_s: 0.5 } }
coverage { resolution_deg: 30 step_s: 10 }
)" + failure;
}

std::string
PoleStandard(double detectionMs)
{
    return R"(# proto-message: sagin.v1.Standard
name: "pole-std"
access_layers: [SPACE]
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
visibility { space_deg: 10 }
links { service_space { rate_mbps: 100 } }
routing { metric: SHORTEST_DELAY update_interval_ms: 100 failure_detection_ms: )"
           + std::to_string(detectionMs) + " }\n";
}

sagin::v1::RunResult
RunFailures(const TempDir& dir,
            const std::string& scenario,
            const std::string& standard,
            const std::string& name)
{
    auto sc = dir.Write(name + ".txtpb", scenario);
    auto st = dir.Write(name + "-std.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + name});
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string stdName = standard.substr(standard.find("name: \"") + 7);
    return ReadResult(dir.Path() + "/" + name, stdName.substr(0, stdName.find('"')));
}

struct Case
{
    double detectionMs;
    double recovery_s; ///< hand count: detection + wait for the next 100 ms update
};

class ScriptedSatelliteFailure : public ::testing::TestWithParam<Case>
{
};

} // namespace

// p-0-18 fails at t = 10 s (an update time). The routing learns of it at 10 + d and reconverges
// at the first update at or after that: d = 250 ms -> 10.25 -> update at 10.3 s, recovery
// 0.25 + 0.05 = 0.3 s; d = 170 ms -> 10.17 -> 10.2 s, 0.2 s; d = 0 -> the update at 10.0 s
// itself, 0 s. The packets sent in [10, 10 + recovery) go to the failed satellite and are lost
// (failed_element): recovery / 10 ms of them (30, 20, 0); the one sent at 9.99 s reaches the
// satellite 1.8 ms later, before it fails. Both terminals are without a working route over
// the same interval: availability = 1 - recovery / 20 s.
TEST_P(ScriptedSatelliteFailure, RecoversAfterDetectionPlusNextUpdate)
{
    const Case c = GetParam();
    TempDir dir;
    const auto r
        = RunFailures(dir,
                      PoleScenario("failures { name: \"sat18\" satellites { names: \"p-0-18\" } "
                                   "start_s: 10 }\n"),
                      PoleStandard(c.detectionMs),
                      "pole");
    ASSERT_EQ(r.failures().events_size(), 1);
    const auto& e = r.failures().events(0);
    EXPECT_EQ(e.event(), "sat18");
    EXPECT_EQ(e.element(), "p-0-18");
    EXPECT_DOUBLE_EQ(e.start_s(), 10.0);
    EXPECT_FALSE(e.has_end_s());
    EXPECT_EQ(e.affected_flows(), 1u);
    ASSERT_TRUE(e.has_recovery_s());
    EXPECT_NEAR(e.recovery_s(), c.recovery_s, 1e-6);
    const double lost = c.recovery_s / 0.010;
    EXPECT_NEAR(static_cast<double>(e.packets_lost()), lost, 1.0);
    EXPECT_NEAR(static_cast<double>(r.drops().failed_element()), lost, 1.0);
    EXPECT_EQ(r.packets().sent() - r.packets().received(), e.packets_lost());
    EXPECT_EQ(r.failures().terminals(), 2u);
    EXPECT_EQ(r.failures().terminal_outage_s().count(), 2u);
    EXPECT_NEAR(r.failures().terminal_outage_s().max(), c.recovery_s, 1e-6);
    ASSERT_TRUE(r.failures().has_availability());
    EXPECT_NEAR(r.failures().availability(), 1.0 - c.recovery_s / 20.0, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Detection,
                         ScriptedSatelliteFailure,
                         ::testing::Values(Case{250.0, 0.3}, Case{170.0, 0.2}, Case{0.0, 0.0}));

// Without failures nothing is lost and the per-event list is empty; availability rests on the
// two terminals (1: the pole always sees a satellite), never null with terminals.
TEST(FailureRecovery, NoFailureNoEventsFullAvailability)
{
    TempDir dir;
    const auto r = RunFailures(dir, PoleScenario(""), PoleStandard(250.0), "none");
    EXPECT_EQ(r.failures().events_size(), 0);
    EXPECT_EQ(r.drops().failed_element(), 0u);
    EXPECT_EQ(r.packets().sent(), r.packets().received());
    ASSERT_TRUE(r.failures().has_availability());
    EXPECT_DOUBLE_EQ(r.failures().availability(), 1.0);
}

// A gateway outage given as a failure event (SiteSelector by name) and as the older
// site_failures (a region around the same gateway, role GW) is the same outage: with zero
// detection time the two runs lose and deliver the same packets at the same times.
TEST(FailureRecovery, GatewayOutageBySelectorMatchesSiteFailure)
{
    const std::string head = R"(# proto-message: sagin.v1.Scenario
name: "gw-out"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 10
seed: 1
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: -30 lon_deg: -15 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
ground_sites { name: "gw2" role: GW position { lat_deg: -10 lon_deg: 10 } }
coverage { region { lat_min_deg: -40 lat_max_deg: 40 lon_min_deg: -20 lon_max_deg: 20 } resolution_deg: 20 step_s: 5 }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: 100 packet_bytes: 1000 } start_s: 0.501 } }
)";
    const std::string standard = R"(# proto-message: sagin.v1.Standard
name: "fixed-geo"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links { service_space { rate_mbps: 1 } feeder { rate_mbps: 1000 } }
)";
    TempDir dir;
    const auto bySelector
        = RunFailures(dir,
                      head + "failures { sites { sites { names: \"gw\" } } start_s: 4 end_s: 7 }\n",
                      standard,
                      "selector");
    const auto byRegion
        = RunFailures(dir,
                      head
                          + "site_failures { region { lat_min_deg: 19 lat_max_deg: 21 "
                            "lon_min_deg: 4 lon_max_deg: 6 } roles: [GW] start_s: 4 end_s: 7 }\n",
                      standard,
                      "region");
    ASSERT_EQ(bySelector.failures().events_size(), 1);
    EXPECT_EQ(bySelector.failures().events(0).element(), "gw");
    EXPECT_EQ(bySelector.packets().ShortDebugString(), byRegion.packets().ShortDebugString());
    EXPECT_EQ(bySelector.drops().ShortDebugString(), byRegion.drops().ShortDebugString());
    EXPECT_EQ(bySelector.latency().ShortDebugString(), byRegion.latency().ShortDebugString());
    EXPECT_EQ(Slurp(dir.Path() + "/selector/fixed-geo/latency.csv"),
              Slurp(dir.Path() + "/region/fixed-geo/latency.csv"));
    EXPECT_EQ(bySelector.failures().availability(), byRegion.failures().availability());
}

// Every error of the failure events at once, each under its field path; exit status 2. (An
// event with range errors of its own is not resolved further, so its names are not checked.)
TEST(FailureRecovery, BadFailureEventsAreErrorsWithFieldPaths)
{
    TempDir dir;
    auto sc = dir.Write("bad.txtpb", PoleScenario(R"(
failures { satellites { names: "p-0-99" } start_s: 5 }
failures { satellites { shell_indices { shell: "p" indices: [3, 72] } } }
failures { satellites { random { shell: "nope" mtbf_h: 0 repair_s: -1 } } }
failures { isls { random { shell: "p" fraction: 1.5 } } }
failures { isls { pair { a: "p-0-1" b: "p-0-1" } } start_s: 5 end_s: 2 }
failures { sites { sites { names: "nowhere" } } start_s: nan }
failures { start_s: 1 }
)"));
    auto st = dir.Write("std.txtpb", PoleStandard(-5.0));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/out"});
    EXPECT_EQ(r.status, 2) << r.err;
    for (const char* needle : {"failures[4].end_s: must be after start_s",
                               "failures[0].satellites.names: no satellite named 'p-0-99'",
                               "failures[1].satellites.shell_indices.indices[1]: must be < 72",
                               "failures[2].satellites.random.mtbf_h: must be > 0",
                               "failures[2].satellites.random.repair_s: must be >= 0",
                               "failures[3].isls.random.fraction: must be in (0, 1]",
                               "failures[4].isls.pair: must name two different satellites",
                               "failures[5].start_s: must be a finite number",
                               "failures[6]: must set satellites, sites or isls",
                               "routing.failure_detection_ms: must be in [0, 3600000]"})
    {
        EXPECT_NE(r.err.find(needle), std::string::npos) << needle << "\n" << r.err;
    }
}

// An ISL failure costs the same as a node's: with ut-b at 75 deg N under the same polar plane
// and intra-plane ISLs, the path at 5 s is ut-a > p-0-18 > p-0-19 > ut-b (checked with `sagin
// paths`). The ISL p-0-18/p-0-19 fails at 5 s (an update time) for 1 s; with a 250 ms detection
// the routing drops it at the 5.3 s update: recovery 0.3 s, 0.3 / 10 ms = 30 packets lost.
TEST(FailureRecovery, IslFailureRecoversAfterDetectionPlusNextUpdate)
{
    TempDir dir;
    std::string scenario = PoleScenario("failures { name: \"isl\" isls { pair { a: \"p-0-19\" b: "
                                        "\"p-0-18\" } } start_s: 5 end_s: 6 }\n");
    scenario.replace(scenario.find("lat_deg: 90 lon_deg: 90"), 23, "lat_deg: 75 lon_deg: 0");
    std::string standard = PoleStandard(250.0);
    standard.replace(standard.find("NO_ISL"), 6, "INTRA_PLANE");
    const auto r = RunFailures(dir, scenario, standard, "isl");
    ASSERT_EQ(r.failures().events_size(), 1);
    const auto& e = r.failures().events(0);
    EXPECT_EQ(e.element(), "isl:p-0-18/p-0-19");
    EXPECT_DOUBLE_EQ(e.end_s(), 6.0);
    EXPECT_EQ(e.affected_flows(), 1u);
    ASSERT_TRUE(e.has_recovery_s());
    EXPECT_NEAR(e.recovery_s(), 0.3, 1e-6);
    EXPECT_NEAR(static_cast<double>(e.packets_lost()), 30.0, 1.0);
    EXPECT_NEAR(static_cast<double>(r.drops().failed_element()), 30.0, 1.0);
}
