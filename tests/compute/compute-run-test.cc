// Compute tasks in `sagin run` against hand computations: a task's completion time is the path
// there and back plus its service time, and NEAREST_LATENCY picks the host the geometry picks.
// The world: one GEO satellite, fixed in ECEF at 35786.03 km over 0 deg E (geo-transparent, a
// bent pipe), a terminal and gateways that host compute.
#include "../common/validation.h"
#include "../run/run-test-util.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>

using namespace sagin::test;

namespace
{

std::string
GeoWorld(const std::string& extra)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "geo-compute"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 20
seed: 3
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "gw-near-ut" role: GW position { lat_deg: 40 lon_deg: 25 } }
ground_sites { name: "gw-near-nadir" role: GW position { lat_deg: 10 lon_deg: 0 } }
coverage { region { lat_min_deg: 0 lat_max_deg: 40 lon_min_deg: -10 lon_max_deg: 30 } resolution_deg: 10 step_s: 10 }
)" + extra;
}

} // namespace

TEST(ComputeRun, TaskCompletionIsPathThereAndBackPlusServiceTime)
{
    TempDir dir;
    // One host at the gateway next to the terminal: deterministic service of 1/500 s = 2 ms,
    // sparse tasks (0.5 /s) so that none waits. A ping of the same payload (200 bytes) to the
    // same gateway measures the network there and back in the same run.
    auto scenario = dir.Write("s.txtpb", GeoWorld(R"(
traffic { flows { name: "p" endpoints { pair { from: "ut" to: "gw-near-ut" } } ping { interval_ms: 1000 size_bytes: 200 } start_s: 0.5 } }
compute {
  nodes { name: "edge" sites { names: "gw-near-ut" } service_rate_per_s: 500 }
  services { name: "interactive" clients { names: "ut" } rate_per_s: 0.5 request_bytes: 200 response_bytes: 200 service_time: DETERMINISTIC deadline_ms: 600 }
}
)"));
    auto r = RunSagin({"run",
                       scenario,
                       "--standard",
                       SourceDir() + "/scenarios/standards/geo-transparent.txtpb",
                       "--out",
                       dir.Path() + "/out"});
    ASSERT_EQ(r.status, 0) << r.err;
    // One way terminal -> gateway: two slant ranges (terminal-satellite, satellite-gateway) / c,
    // the bent pipe's forwarding (0.01 ms) and the access stack of the gateway's gNB (1 ms): the
    // request ends at the gNB that terminates the terminal's access, so it goes up that stack,
    // and the response goes down it (`sagin paths` reports the same 252.767581 ms one way).
    // Transmission of a 228-byte datagram at the standard's rates: a few microseconds.
    const V sat{kA + 35786.03e3, 0, 0};
    const double oneWay
        = (Dist(Ecef(35, 20, 0), sat) + Dist(Ecef(40, 25, 0), sat)) / kC * 1e3 + 0.01 + 1.0;
    const double expected = 2 * oneWay + 2.0;
    // The ping round trip, as measured by the probes (same payload, same path).
    auto lat = ReadCsv(dir.Path() + "/out/geo-transparent/latency.csv");
    ASSERT_GE(lat.size(), 10u);
    const double rtt = std::stod(lat[1][9]);
    EXPECT_NEAR(rtt, 2 * oneWay, 0.01);
    auto rows = ReadCsv(dir.Path() + "/out/geo-transparent/compute.csv");
    ASSERT_GE(rows.size(), 5u);
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        ASSERT_EQ(t["status"], "completed") << "task " << t["task"];
        EXPECT_EQ(t["host"], "gw-near-ut");
        EXPECT_EQ(t["queueing_ms"], "0.000000");
        EXPECT_EQ(t["compute_ms"], "2.000000");
        const double completion = std::stod(t["completion_ms"]);
        EXPECT_NEAR(completion, expected, 0.01) << "task " << t["task"];
        // To the microsecond: the network part is the ping's round trip (output to 1 ns).
        EXPECT_NEAR(completion - 2.0, rtt, 0.001) << "task " << t["task"];
    }
    auto result = ReadResult(dir.Path() + "/out", "geo-transparent");
    const auto& c = result.compute();
    EXPECT_EQ(c.completed(), c.tasks());
    EXPECT_GT(c.tasks(), 5u);
    EXPECT_EQ(c.deadline_miss_fraction(), 0.0);
    sagin::test::ValidationCheck("compute.task-completion",
                                 "WGS84 slant ranges / c + the standard's processing + service",
                                 "median task completion, GEO bent pipe to a gateway edge host",
                                 "ms",
                                 c.completion_ms().p50(),
                                 expected,
                                 0.01);
    EXPECT_NEAR(c.breakdown_ms().uplink() + c.breakdown_ms().queueing() + c.breakdown_ms().compute()
                    + c.breakdown_ms().downlink(),
                c.completion_ms().mean(),
                1e-9);
    ASSERT_TRUE(c.utilization().has_ground());
    EXPECT_FALSE(c.utilization().has_space());
    // Utilization: each task's 2 ms of service, clipped to the window from the warm-up (none
    // here) to the 20 s end, over 1 server x 20 s (the service starts uplink + queueing after
    // creation; a task created in the last quarter second is served after the end).
    double busy = 0.0;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        const double start = std::stod(t["t_created_s"])
                             + (std::stod(t["uplink_ms"]) + std::stod(t["queueing_ms"])) * 1e-3;
        busy += std::max(0.0, std::min(start + 0.002, 20.0) - std::max(start, 0.0));
    }
    EXPECT_NEAR(c.utilization().ground(), busy / 20.0, 1e-6 / 20.0);
}

TEST(ComputeRun, NearestLatencyPicksTheHostTheGeometryPicks)
{
    TempDir dir;
    auto scenario = dir.Write("s.txtpb", GeoWorld(R"(
compute {
  nodes { name: "edge" role: GW service_rate_per_s: 1000 }
  services { name: "interactive" clients { names: "ut" } rate_per_s: 1 }
}
)"));
    // Every path runs terminal -> satellite -> gateway and back, so the latencies differ by
    // 2 x (d(sat, gateway)) / c. Hand computation: the gateway near the nadir point is
    // nearer to the satellite than the one near the terminal.
    const V sat{kA + 35786.03e3, 0, 0};
    const double nearUt = Dist(Ecef(40, 25, 0), sat);
    const double nearNadir = Dist(Ecef(10, 0, 0), sat);
    ASSERT_LT(nearNadir, nearUt);
    // On-board UPF: routed straight to the host, the nearer one wins.
    auto r = RunSagin({"run",
                       scenario,
                       "--standard",
                       SourceDir() + "/scenarios/standards/geo-transparent.txtpb",
                       "--set",
                       "standard.*.compute.onboard_upf=true",
                       "--out",
                       dir.Path() + "/upf"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto rows = ReadCsv(dir.Path() + "/upf/geo-transparent/compute.csv");
    ASSERT_GE(rows.size(), 5u);
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        EXPECT_EQ(t["host"], "gw-near-nadir");
        EXPECT_EQ(t["anchor"], "");
    }
    // User plane on the ground: the anchor is the first gateway on the path toward the nearest
    // gateway by geodesic distance (no core site), gw-near-ut; the host at the anchor costs
    // nothing beyond the terminal's own leg, so it wins.
    r = RunSagin({"run",
                  scenario,
                  "--standard",
                  SourceDir() + "/scenarios/standards/geo-transparent.txtpb",
                  "--out",
                  dir.Path() + "/ground"});
    ASSERT_EQ(r.status, 0) << r.err;
    rows = ReadCsv(dir.Path() + "/ground/geo-transparent/compute.csv");
    ASSERT_GE(rows.size(), 5u);
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        EXPECT_EQ(t["host"], "gw-near-ut");
        EXPECT_EQ(t["anchor"], "gw-near-ut");
    }
}

TEST(ComputeRun, BadComputeInputIsEveryErrorWithItsFieldPath)
{
    TempDir dir;
    auto scenario = dir.Write("s.txtpb", GeoWorld(R"(
compute {
  nodes { name: "edge" names: "nowhere" service_rate_per_s: -1 }
  nodes { sites { names: "ut" } ops_per_s: 1e9 }
  services { name: "a" clients { names: "ut" } rate_per_s: nan deadline_ms: -3 }
  services { name: "a" clients { names: "ghost" } rate_per_s: 1 }
}
)"));
    auto r = RunSagin({"validate", scenario});
    EXPECT_EQ(r.status, 2);
    for (const char* want : {"compute.nodes[0].service_rate_per_s: must be in (0, 1e9]",
                             "compute.nodes[0].names: no node named 'nowhere'",
                             "compute.nodes[1].sites: 'ut' is a user terminal",
                             "compute.services[0].rate_per_s: must be a finite number, got nan",
                             "compute.services[0].deadline_ms: must be in [0, 3.6e6]",
                             "compute.services[1].name: 'a' is used twice",
                             "compute.services[1].clients"})
    {
        EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
    }
    auto ok = dir.Write("ok.txtpb", GeoWorld(R"(
compute {
  nodes { name: "edge" role: GW ops_per_s: 1e9 }
  services { name: "a" clients { names: "ut" } rate_per_s: 1 }
}
)"));
    auto standard = dir.Write("std.txtpb", R"(# proto-message: sagin.v1.Standard
name: "s"
payload: TRANSPARENT
compute {
  services { service: "b" selection: FIXED }
  default_placement { sites: [GROUND_CLOUD] load_info_age_ms: 5 }
}
)");
    r = RunSagin({"run", ok, "--standard", standard, "--out", dir.Path() + "/o"});
    EXPECT_EQ(r.status, 2);
    for (const char* want :
         {"compute.services[0].fixed_node: must name a compute host with FIXED",
          "compute.default_placement.load_info_age_ms: applies to LEAST_LOADED only",
          "compute.services[0].service: the scenario has no compute service named 'b'"})
    {
        EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
    }
}

TEST(ComputeRun, TooManyTasksAreRefusedWithTheEstimate)
{
    TempDir dir;
    // 1e5 tasks/s from one client for 3000 s, one datagram each way, each relayed by the
    // anchor: 1e5 x 3000 x (2 x 2 + 2) = 1.8e9 events, above the 1e9 limit.
    std::string world = GeoWorld(R"(
compute {
  nodes { name: "edge" role: GW service_rate_per_s: 1e6 }
  services { name: "flood" clients { names: "ut" } rate_per_s: 1e5 }
}
)");
    world.replace(world.find("duration_s: 20"), 14, "duration_s: 3000");
    auto scenario = dir.Write("s.txtpb", world);
    auto r = RunSagin({"run",
                       scenario,
                       "--standard",
                       SourceDir() + "/scenarios/standards/geo-transparent.txtpb",
                       "--out",
                       dir.Path() + "/o"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("1.8e+09 events of compute tasks"), std::string::npos) << r.err;
}

TEST(ComputeRun, LeastLoadedPicksTheHostWithFewestTasksThenTheNearest)
{
    TempDir dir;
    // Two gateway hosts of one server each, 20 ms per task, 40 tasks/s: often busy. With exact
    // load information (age 0) each task goes to the host with fewer tasks in its system when
    // it is created, ties to the nearer (gw-near-nadir, NearestLatency test above).
    auto scenario = dir.Write("s.txtpb", GeoWorld(R"(
compute {
  nodes { name: "edge" role: GW service_rate_per_s: 50 }
  services { name: "busy" clients { names: "ut" } rate_per_s: 40 }
}
)"));
    auto standard = dir.Write("std.txtpb",
                              [&]
                              {
                                  std::ifstream in(SourceDir()
                                                   + "/scenarios/standards/geo-transparent.txtpb");
                                  std::stringstream ss;
                                  ss << in.rdbuf();
                                  return ss.str()
                                         + "compute { default_placement { selection: LEAST_LOADED "
                                           "} onboard_upf: true }\n";
                              }());
    auto r = RunSagin({"run", scenario, "--standard", standard, "--out", dir.Path() + "/o"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto rows = ReadCsv(dir.Path() + "/o/geo-transparent/compute.csv");
    ASSERT_GT(rows.size(), 300u);
    // Each host's tasks in system: from the request's arrival to the end of service, rebuilt
    // from the per-task times.
    struct Stay
    {
        std::string host;
        double from, to;
    };
    std::vector<Stay> stays;
    std::vector<std::pair<double, std::string>> choices;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        const double created = std::stod(t["t_created_s"]);
        choices.emplace_back(created, t["host"]);
        if (t["status"] != "completed")
        {
            continue;
        }
        const double arrived = created + std::stod(t["uplink_ms"]) * 1e-3;
        stays.push_back(
            {t["host"],
             arrived,
             arrived + (std::stod(t["queueing_ms"]) + std::stod(t["compute_ms"])) * 1e-3});
    }
    std::map<std::string, int> chosen;
    int checked = 0;
    for (const auto& [t, host] : choices)
    {
        std::map<std::string, int> load{{"gw-near-ut", 0}, {"gw-near-nadir", 0}};
        bool edge = false; // an arrival or departure within 1 us of t: too close to call
        for (const auto& s : stays)
        {
            edge |= std::abs(s.from - t) < 1e-6 || std::abs(s.to - t) < 1e-6;
            load[s.host] += s.from <= t && t < s.to ? 1 : 0;
        }
        if (edge)
        {
            continue;
        }
        const std::string expected
            = load["gw-near-ut"] < load["gw-near-nadir"] ? "gw-near-ut" : "gw-near-nadir";
        EXPECT_EQ(host, expected) << "task created at " << t << " s";
        ++chosen[host];
        ++checked;
    }
    EXPECT_GT(checked, 300);
    EXPECT_GT(chosen["gw-near-ut"], 20); // the load spreads to the farther host
    EXPECT_GT(chosen["gw-near-nadir"], chosen["gw-near-ut"]);
}
