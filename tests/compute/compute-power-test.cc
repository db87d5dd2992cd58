// A satellite's power budget drives its compute in `sagin run` (Scenario compute.nodes[].power),
// checked against closed forms: the cylindrical eclipse fraction of an equatorial LEO orbit at the
// equinox, a constant rate factor from a weak solar array in permanent sunlight (GEO at the June
// solstice), and the FULL_RATE_FIRST stall of a GEO eclipse at the equinox, whose length follows
// from the shadow's angular width and the satellite's rate relative to the Sun.
#include "../common/batch-means.h"
#include "../common/validation.h"
#include "../run/run-test-util.h"

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
ReadText(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string
Replace(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

/// The shipped on-board-UPF standard with routing updates every second (the runs are hours
/// long; nothing here depends on the update interval).
std::string
LeoStandard()
{
    return Replace(ReadText(SourceDir() + "/scenarios/standards/compute-onboard-upf.txtpb"),
                   "update_interval_ms: 100",
                   "update_interval_ms: 1000");
}

/// geo-transparent's Ka-band links with a regenerative payload, services on the satellite and
/// the user plane on board.
std::string
GeoStandard()
{
    std::string s = ReadText(SourceDir() + "/scenarios/standards/geo-transparent.txtpb");
    s = Replace(s, "name: \"geo-transparent\"", "name: \"geo-onboard\"");
    s = Replace(s, "payload: TRANSPARENT", "payload: REGENERATIVE");
    return s + "compute { default_placement { sites: [IN_ORBIT] } onboard_upf: true }\n";
}

/// d(alpha_sun)/dt (rad/s) from the Astronomical Almanac's low-precision Sun (section C) at
/// `n` days after J2000.0: lambda = L + 1.915 sin g + 0.020 sin 2g, L = 280.460 + 0.9856474 n,
/// g = 357.528 + 0.9856003 n (deg), eps = 23.439 - 4e-7 n; tan alpha = cos eps tan lambda.
double
SunRightAscensionRate(double n)
{
    const double deg = M_PI / 180.0;
    const double g = (357.528 + 0.9856003 * n) * deg;
    const double lambda = (280.460 + 0.9856474 * n) * deg + 1.915 * deg * std::sin(g)
                          + 0.020 * deg * std::sin(2 * g);
    const double eps = (23.439 - 4e-7 * n) * deg;
    const double lambdaRate
        = (0.9856474 + (1.915 * std::cos(g) + 0.040 * std::cos(2 * g)) * 0.9856003 * deg) * deg
          / 86400.0; // rad/s
    const double dAlphaDLambda
        = std::cos(eps)
          / (std::pow(std::cos(lambda), 2) + std::pow(std::cos(eps) * std::sin(lambda), 2));
    return lambdaRate * dAlphaDLambda;
}

} // namespace

TEST(ComputePower, EquatorialLeoAtTheEquinoxComputesOutsideItsEclipses)
{
    // A 550 km equatorial orbit at the 2026 March equinox (2026-03-20 14:46 UTC: the Sun's
    // declination is 0.002 deg, the beta angle ~0 for the whole run). Cylindrical shadow, at
    // beta = 0 the eclipse takes the fraction f = asin(R / r) / pi of every revolution relative
    // to the Sun: R = 6378.137 km, r = 6928.137 km, asin(0.920613) = 1.169656 rad,
    // f = 0.3723108.
    // A revolution relative to the Sun: the argument of latitude with the secular J2 drift
    // (Vallado 9.41, e = 0, i = 0; k = J2 (R/r)^2 = 1.08262668e-3 x 0.847528 = 9.175579e-4):
    // du/dt + dOmega/dt = n (1 + 3/4 k 4 + 3/4 k 2 - 3/2 k) = n (1 + 3 k), n = sqrt(mu / r^3) =
    // 1.0948237e-3 rad/s: 1.0978374e-3 rad/s; less the Sun's right-ascension rate (Almanac,
    // 1.84177e-7 rad/s): omega = 1.0976532e-3 rad/s, T = 2 pi / omega = 5724.199 s. The run
    // lasts two such revolutions, so it holds two whole eclipses' worth whatever the phase.
    // Power: a 1000 W array, no battery, 100 W bus, 400 W compute, SPREAD: in sunlight the rate
    // is min(1, (1000 - 100) / 400) = 1, in an eclipse 0 (nothing stored), and the bus browns
    // out for the whole eclipse. So over the run:
    //   mean rate factor = 1 - f = 0.6276892
    //   compute energy   = 400 W x (1 - f) x 2T / 3600
    //   eclipse seconds  = bus deficit seconds = f x 2T.
    const double R = 6378137.0;
    const double r = R + 550e3;
    const double f = std::asin(R / r) / M_PI;
    const double n = std::sqrt(3.986004418e14 / (r * r * r));
    const double k = 1.08262668e-3 * (R / r) * (R / r);
    const double equinoxDays = 9575.115278; // 2026-03-20 14:46 UTC - J2000.0 (days)
    const double omega = n * (1.0 + 3.0 * k) - SunRightAscensionRate(equinoxDays);
    const double window = 2.0 * 2.0 * M_PI / omega;
    TempDir dir;
    std::ostringstream scenario;
    scenario.precision(17);
    scenario << R"(# proto-message: sagin.v1.Scenario
name: "leo-eclipse"
epoch_utc: "2026-03-20T14:46:00Z"
duration_s: )"
             << window << R"(
seed: 1
shells { name: "eq" walker { pattern: DELTA altitude_km: 550 inclination_deg: 0 total_satellites: 1 planes: 1 phasing: 0 } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 0 } }
coverage { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: -5 lon_max_deg: 5 } resolution_deg: 10 step_s: 3600 }
compute {
  nodes { name: "sat" shell: "eq" service_rate_per_s: 1000
          power { solar_array_w: 1000 battery_wh: 0 bus_load_w: 100 compute_load_w: 400 } }
  services { name: "s" clients { names: "ut" } rate_per_s: 0.01 }
}
)";
    auto path = dir.Write("s.txtpb", scenario.str());
    auto standard = dir.Write("compute-onboard-upf.txtpb", LeoStandard());
    auto run = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = ReadResult(dir.Path() + "/out", "compute-onboard-upf");
    ASSERT_TRUE(result.compute().has_power());
    const auto& p = result.compute().power();
    EXPECT_EQ(p.hosts(), 1u);
    ASSERT_TRUE(p.has_mean_rate_factor());
    sagin::test::ValidationCheck("compute.power.eclipse-mean-rate",
                                 "cylindrical shadow at beta 0: 1 - asin(R/r) / pi",
                                 "mean compute rate factor, 550 km equatorial orbit at the "
                                 "equinox, no battery, two revolutions relative to the Sun",
                                 "",
                                 p.mean_rate_factor(),
                                 1.0 - f,
                                 1e-8);
    EXPECT_NEAR(p.compute_energy_wh(), 400.0 * (1.0 - f) * window / 3600.0, 1e-5);
    EXPECT_EQ(p.compute_energy_per_host_wh(), p.compute_energy_wh());
    EXPECT_NEAR(p.eclipse_host_s(), f * window, 1e-3);
    EXPECT_NEAR(p.bus_deficit_host_s(), f * window, 1e-3);
}

TEST(ComputePower, WeakArrayInPermanentSunlightHalvesTheRate)
{
    // GEO over 0 deg E at the June solstice: the Sun is 23.4 deg off the equatorial plane, above
    // the 8.7 deg (asin(R / r)) beyond which a GEO satellite sees no eclipse. A 300 W array for
    // a 100 W bus and a 400 W payload: the rate is (300 - 100) / 400 = 0.5 all the time. A
    // deterministic task of 1 / 100 s = 10 ms at the full rate takes 20 ms; the payload draws
    // 200 W for the 600 s run after a 100 s warm-up: 200 x 500 / 3600 = 27.777... Wh.
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "geo-solstice"
epoch_utc: "2026-06-21T00:00:00Z"
duration_s: 600
seed: 2
measurement { warmup_s: 100 }
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 0 } }
coverage { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: -5 lon_max_deg: 5 } resolution_deg: 10 step_s: 600 }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 100
          power { solar_array_w: 300 battery_wh: 50 bus_load_w: 100 compute_load_w: 400 } }
  services { name: "s" clients { names: "ut" } rate_per_s: 0.2 service_time: DETERMINISTIC }
}
)");
    auto standard = dir.Write("geo-onboard.txtpb", GeoStandard());
    auto run = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(run.status, 0) << run.err;
    auto rows = ReadCsv(dir.Path() + "/out/geo-onboard/compute.csv");
    ASSERT_GT(rows.size(), 50u);
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        if (t["status"] == "completed")
        {
            EXPECT_EQ(t["compute_ms"], "20.000000") << "task " << t["task"];
        }
    }
    const auto result = ReadResult(dir.Path() + "/out", "geo-onboard");
    const auto& p = result.compute().power();
    EXPECT_EQ(p.mean_rate_factor(), 0.5);
    EXPECT_NEAR(p.compute_energy_wh(), 200.0 * 500.0 / 3600.0, 1e-9);
    EXPECT_EQ(p.eclipse_host_s(), 0.0);
    EXPECT_EQ(p.bus_deficit_host_s(), 0.0);
    EXPECT_EQ(p.tasks_arrived_unpowered(), 0u);
}

TEST(ComputePower, HalvedRateHostWaitsAsAnMM1QueueOfTheHalvedRate)
{
    // The sunlit GEO host of WeakArrayInPermanentSunlightHalvesTheRate (rate factor
    // (300 - 100) / 400 = 0.5 for the whole run) with exponential service of 20 tasks/s at the
    // full rate, 10 at half, and one client sending 5 tasks/s. The satellite is fixed above the
    // client, so every request takes the same time to reach it and the arrivals at the host are
    // Poisson too: an M/M/1 queue with rho' = 5 / 10 = 0.5, W_q = rho' / (mu' - lambda) =
    // 0.5 / 5 = 0.1 s (at the full rate it would be 0.25 / 15 = 0.0167 s). 40000 s: 2e5 tasks.
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "geo-solstice-mm1"
epoch_utc: "2026-06-21T00:00:00Z"
duration_s: 40000
seed: 2
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 0 } }
coverage { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: -5 lon_max_deg: 5 } resolution_deg: 10 step_s: 40000 }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 20
          power { solar_array_w: 300 bus_load_w: 100 compute_load_w: 400 } }
  services { name: "s" clients { names: "ut" } rate_per_s: 5 }
}
)");
    auto standard = dir.Write("geo-onboard.txtpb", GeoStandard());
    auto run = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(run.status, 0) << run.err;
    auto rows = ReadCsv(dir.Path() + "/out/geo-onboard/compute.csv");
    std::vector<double> wait_s;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        if (t["status"] == "completed")
        {
            wait_s.push_back(std::stod(t["queueing_ms"]) * 1e-3);
        }
    }
    ASSERT_GT(wait_s.size(), 190000u);
    const auto e = BatchMeans(wait_s);
    EXPECT_LT(e.half99, 0.01);
    sagin::test::ValidationCheck("compute.power.mm1-half-rate-run",
                                 "M/M/1 at the rate (array - bus) / compute = 0.5: W_q = rho' / "
                                 "(mu/2 - lambda)",
                                 "mean waiting time at a GEO host with a weak array, 2e5 tasks in "
                                 "sagin run (99 % CI half-width)",
                                 "s",
                                 e.mean,
                                 0.1,
                                 e.half99);
}

TEST(ComputePower, FullRateFirstStallsTasksUntilTheEclipseEnds)
{
    // A GEO satellite at 136.65 deg E, where local midnight falls at the 2026 March equinox
    // (14:46 UTC: the Sun's declination is 0.002 deg, beta ~0). The cylindrical eclipse lasts
    // 2 asin(R / r) / omega, r = 42164.167 km: asin(6378.137 / 42164.167) = 0.1518521 rad,
    // omega = the Earth's rotation rate 7.2921151e-5 rad/s (the satellite is fixed to the
    // Earth) less the Sun's right-ascension rate (Almanac: 1.84177e-7 rad/s) = 7.2736974e-5 rad/s:
    // T = 4175.37 s (69.6 min). The battery holds 111.111 Wh usable, the bus draws 0 and the
    // payload 400 W: FULL_RATE_FIRST runs at the full rate for 111.111 x 3600 / 400 = 1000 s,
    // then at 0 for T - 1000 = 3175.37 s. A task whose request reaches the satellite in that
    // stall waits in the queue until the eclipse ends, E1; then the waiting tasks are served in
    // their order, 1 ms each (deterministic), the k-th starting at E1 + k ms. Tasks arriving
    // outside the stall wait at most for the task in service (1 ms).
    const double R = 6378137.0;
    const double r = R + 35786.03e3;
    const double omega
        = 2.0 * M_PI * 1.00273781191135448 / 86400.0 - SunRightAscensionRate(9575.115278);
    const double eclipse = 2.0 * std::asin(R / r) / omega;
    const double stall = eclipse - 1000.0;
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "geo-equinox"
epoch_utc: "2026-03-20T14:00:00Z"
duration_s: 6000
seed: 3
shells { name: "geo" geo { longitudes_deg: [136.65] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 136.65 } }
coverage { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: 130 lon_max_deg: 140 } resolution_deg: 10 step_s: 6000 }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 1000
          power { solar_array_w: 1000 battery_wh: 111.11111111111111 compute_load_w: 400
                  eclipse_policy: FULL_RATE_FIRST shadow_model: CYLINDRICAL } }
  services { name: "s" clients { names: "ut" } rate_per_s: 1 service_time: DETERMINISTIC }
}
)");
    auto standard = dir.Write("geo-onboard.txtpb", GeoStandard());
    auto run = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = ReadResult(dir.Path() + "/out", "geo-onboard");
    const auto& p = result.compute().power();
    EXPECT_NEAR(p.eclipse_host_s(), eclipse, 0.005);
    EXPECT_NEAR(p.mean_rate_factor(), 1.0 - stall / 6000.0, 1e-6);
    EXPECT_EQ(p.bus_deficit_host_s(), 0.0);

    // The tasks: request arrival a = created + uplink, service start s = a + queueing.
    auto rows = ReadCsv(dir.Path() + "/out/geo-onboard/compute.csv");
    struct Task
    {
        double a, s;
    };
    std::vector<Task> tasks;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        auto t = CsvRow(rows[0], rows[i]);
        if (t["status"] != "completed")
        {
            continue;
        }
        const double a = std::stod(t["t_created_s"]) + std::stod(t["uplink_ms"]) * 1e-3;
        tasks.push_back({a, a + std::stod(t["queueing_ms"]) * 1e-3});
    }
    ASSERT_GT(tasks.size(), 5000u);
    // E1: the latest start of a task that waited more than a second (the stall's backlog).
    double e1 = 0.0;
    std::uint64_t stalled = 0;
    for (const auto& t : tasks)
    {
        if (t.s - t.a > 1.0)
        {
            e1 = e1 == 0.0 ? t.s : std::min(e1, t.s);
            ++stalled;
        }
    }
    ASSERT_GT(e1, 0.0);
    const double e0 = e1 - eclipse; // the eclipse's start
    std::uint64_t inStall = 0, k = 0;
    for (const auto& t : tasks)
    {
        if (t.a > e0 + 1000.0 + 0.05 && t.a < e1 - 0.05)
        {
            // In the stall: served from E1 in arrival order, 1 ms each.
            EXPECT_NEAR(t.s, e1 + 1e-3 * k, 2e-6) << "arrived at " << t.a;
            ++k;
            ++inStall;
        }
        else if (t.a < e0 + 1000.0 - 0.05 || t.a > e1 + 5.0)
        {
            EXPECT_LE(t.s - t.a, 1e-3 + 1e-6) << "arrived at " << t.a;
        }
    }
    // About one task per second of the stall, each of them counted as arriving unpowered.
    EXPECT_NEAR(static_cast<double>(inStall), stall, 5.0 * std::sqrt(stall));
    EXPECT_NEAR(static_cast<double>(stalled), static_cast<double>(inStall), 1.0);
    EXPECT_NEAR(
        static_cast<double>(p.tasks_arrived_unpowered()), static_cast<double>(inStall), 1.0);
    // The stall's length from the energy the payload drew: 6000 s - energy x 3600 / 400 W.
    sagin::test::ValidationCheck("compute.power.full-rate-first-stall",
                                 "2 asin(R/r) / (omega_E - d(alpha_sun)/dt) - budget / P_compute",
                                 "GEO eclipse at the equinox, FULL_RATE_FIRST, 1000 s of budget: "
                                 "time at rate 0",
                                 "s",
                                 6000.0 - p.compute_energy_wh() * 3600.0 / 400.0,
                                 stall,
                                 0.005);
}

TEST(ComputePower, BadPowerInputIsEveryErrorWithItsFieldPath)
{
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "bad-power"
epoch_utc: "2026-03-20T14:00:00Z"
duration_s: 10
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 0 } }
ground_sites { name: "gw" role: GW position { lat_deg: 1 lon_deg: 0 } }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 10
          power { solar_array_w: -1 battery_wh: nan bus_load_w: inf compute_load_w: 2e7 depth_of_discharge: 0 } }
  nodes { name: "edge" sites { names: "gw" } service_rate_per_s: 10 power { solar_array_w: 10 } }
  services { name: "s" clients { names: "ut" } rate_per_s: 1 }
}
)");
    auto r = RunSagin({"validate", path});
    EXPECT_EQ(r.status, 2);
    for (const char* want : {"compute.nodes[0].power.solar_array_w: must be in [0, 1e7] W, got -1",
                             "compute.nodes[0].power.battery_wh: must be a finite number, got nan",
                             "compute.nodes[0].power.bus_load_w: must be a finite number, got inf",
                             "compute.nodes[0].power.compute_load_w: must be in [0, 1e7] W",
                             "compute.nodes[0].power.depth_of_discharge: must be in (0, 1], got 0",
                             "compute.nodes[1].power: 'gw' is a GW, not a satellite"})
    {
        EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
    }
}

TEST(ComputePower, TheEclipseSearchCountsInTheWorkEstimate)
{
    // One powered GEO host for 3e10 s (+ 2 s of drain, + an hour at either end):
    // (3e10 + 2 + 7200) / 30 = 1e9 shadow samples before the run, next to 4 nodes x 3e10 s / 1 s
    // = 1.2e11 node updates (geo-transparent updates every 1000 ms).
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "long"
epoch_utc: "2026-03-20T14:00:00Z"
duration_s: 3e10
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 0 } }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 10 power { solar_array_w: 10 } }
  services { name: "s" clients { names: "ut" } rate_per_s: 1e-9 }
}
)");
    auto standard = dir.Write("geo-onboard.txtpb", GeoStandard());
    auto r = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/o"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("1e+09 shadow samples of powered compute hosts"), std::string::npos)
        << r.err;
}

TEST(ComputePower, AnEclipseUnderWayAtTheStartIsBudgetedWhole)
{
    // The GEO satellite of FullRateFirstStallsTasksUntilTheEclipseEnds, the run starting at
    // 14:46 UTC, inside its 4175.37 s eclipse (14:11 to 15:21 UTC). The battery is full at the
    // start of that eclipse (it charged in the sunlight before), 200 Wh usable, no bus, a 400 W
    // payload: SPREAD gives the whole eclipse 200 x 3600 / (400 x 4175.37) = 0.431099, not the
    // 0.86 of an eclipse that began with the run. The 600 s run lies inside the eclipse.
    const double R = 6378137.0;
    const double r = R + 35786.03e3;
    const double omega
        = 2.0 * M_PI * 1.00273781191135448 / 86400.0 - SunRightAscensionRate(9575.115278);
    const double eclipse = 2.0 * std::asin(R / r) / omega;
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "geo-mid-eclipse"
epoch_utc: "2026-03-20T14:46:00Z"
duration_s: 600
seed: 3
shells { name: "geo" geo { longitudes_deg: [136.65] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 136.65 } }
coverage { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: 130 lon_max_deg: 140 } resolution_deg: 10 step_s: 600 }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 1000
          power { solar_array_w: 1000 battery_wh: 200 compute_load_w: 400 } }
  services { name: "s" clients { names: "ut" } rate_per_s: 1 }
}
)");
    auto standard = dir.Write("geo-onboard.txtpb", GeoStandard());
    auto run = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = ReadResult(dir.Path() + "/out", "geo-onboard");
    const auto& p = result.compute().power();
    EXPECT_NEAR(p.mean_rate_factor(), 200.0 * 3600.0 / (400.0 * eclipse), 1e-6);
    EXPECT_NEAR(p.eclipse_host_s(), 600.0, 1e-9);
}

TEST(ComputePower, ShippedIberianWorldComputesInOrbitByDayAndStallsByNight)
{
    // The shipped edge-compute-iberia world under compute-in-orbit, its satellites given a power
    // system with a battery that carries little more than the bus through an eclipse: 150 Wh at
    // a depth of discharge of 0.8 = 120 Wh usable, the bus 200 W (118.7 Wh over a 2136.7 s
    // eclipse at beta 0, the longest at 550 km), a 400 W payload, SPREAD. By day (the shipped
    // 10:00 UTC) the satellites over Iberia are sunlit and compute at the full rate (1 ms a
    // task). At 23:50 UTC Iberia is near local midnight, 33 deg from the anti-Sun point (the
    // Sun's declination is -7.6 deg on 1 March): every satellite overhead is inside the shadow
    // cylinder, whose half-angle at 550 km is asin(R / r) = 67 deg. An eclipse of T s leaves
    // (120 - 200 T / 3600) Wh for compute, a rate of at most (432000 - 200 T) / (400 T): under
    // 0.04 for T >= 2000 s, so the 1 ms tasks take tens of ms and more, queues build (6 clients
    // x 10 tasks/s shared by a few satellites) and most tasks are not done by the end.
    const std::string scenario = SourceDir() + "/scenarios/edge-compute-iberia.txtpb";
    const std::string standard = SourceDir() + "/scenarios/standards/compute-in-orbit.txtpb";
    auto run = [&](const std::string& epoch, const std::string& out)
    {
        auto r = RunSagin({"run",
                           scenario,
                           "--standard",
                           standard,
                           "--set",
                           "scenario.epoch_utc=\"" + epoch + "\"",
                           "--set",
                           "scenario.compute.nodes[0].power.solar_array_w=1000",
                           "--set",
                           "scenario.compute.nodes[0].power.battery_wh=150",
                           "--set",
                           "scenario.compute.nodes[0].power.depth_of_discharge=0.8",
                           "--set",
                           "scenario.compute.nodes[0].power.bus_load_w=200",
                           "--set",
                           "scenario.compute.nodes[0].power.compute_load_w=400",
                           "--out",
                           out});
        EXPECT_EQ(r.status, 0) << r.err;
        return ReadResult(out, "compute-in-orbit").compute();
    };
    TempDir dir;
    const auto day = run("2026-03-01T10:00:00Z", dir.Path() + "/day");
    const auto night = run("2026-03-01T23:50:00Z", dir.Path() + "/night");
    ASSERT_GT(day.tasks(), 500u);
    EXPECT_EQ(day.completed(), day.tasks());
    // Exponential service of mean 1 ms at the full rate: the mean of ~575 draws within 4 sigma
    // (1 ms / sqrt(575) = 0.042 ms).
    EXPECT_NEAR(day.breakdown_ms().compute(), 1.0, 0.17);
    EXPECT_EQ(day.power().hosts(), 288u);
    EXPECT_LT(night.completed(), night.tasks() / 2);
    EXPECT_GT(night.breakdown_ms().compute(), 10.0);
    EXPECT_GT(night.completion_ms().p50(), 10.0 * day.completion_ms().p50());
    EXPECT_EQ(night.power().bus_deficit_host_s(), 0.0);
}

TEST(ComputePower, ConicalShadowCountsThePenumbraAsEclipse)
{
    // The GEO satellite of FullRateFirstStallsTasksUntilTheEclipseEnds with the CONICAL shadow
    // model: the eclipse is the penumbra, 2 (b + a + p) / omega with b = asin(R / r), a the
    // Sun's angular radius R_sun / d and p = R / d the Sun's parallax at the shadow's edge
    // (docs/models.md, "Sun and eclipses"); d from the Almanac (1.00014 - 0.01671 cos g -
    // 0.00014 cos 2g au, g = 357.528 + 0.9856003 n deg): 0.99587 au, a = 4.6698e-3 rad, about
    // 2 (a + p) / omega = 130 s more than the cylinder's 4175.37 s.
    const double R = 6378137.0;
    const double r = R + 35786.03e3;
    const double n = 9575.115278;
    const double omega = 2.0 * M_PI * 1.00273781191135448 / 86400.0 - SunRightAscensionRate(n);
    const double g = (357.528 + 0.9856003 * n) * M_PI / 180.0;
    const double d = (1.00014 - 0.01671 * std::cos(g) - 0.00014 * std::cos(2 * g)) * 149597870700.0;
    const double penumbra = 2.0 * (std::asin(R / r) + 6.957e8 / d + R / d) / omega;
    TempDir dir;
    auto path = dir.Write("s.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "geo-equinox-conical"
epoch_utc: "2026-03-20T14:00:00Z"
duration_s: 6000
seed: 3
shells { name: "geo" geo { longitudes_deg: [136.65] } }
ground_sites { name: "ut" role: UT position { lat_deg: 0 lon_deg: 136.65 } }
coverage { region { lat_min_deg: -5 lat_max_deg: 5 lon_min_deg: 130 lon_max_deg: 140 } resolution_deg: 10 step_s: 6000 }
compute {
  nodes { name: "sat" shell: "geo" service_rate_per_s: 1000
          power { solar_array_w: 1000 battery_wh: 1000 compute_load_w: 400 shadow_model: CONICAL } }
  services { name: "s" clients { names: "ut" } rate_per_s: 0.01 }
}
)");
    auto standard = dir.Write("geo-onboard.txtpb", GeoStandard());
    auto run = RunSagin({"run", path, "--standard", standard, "--out", dir.Path() + "/out"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = ReadResult(dir.Path() + "/out", "geo-onboard");
    const auto& p = result.compute().power();
    EXPECT_NEAR(p.eclipse_host_s(), penumbra, 0.01);
    // 1000 Wh carry the 400 W payload through the eclipse (400 x 4305 / 3600 = 478 Wh).
    EXPECT_EQ(p.mean_rate_factor(), 1.0);
}
