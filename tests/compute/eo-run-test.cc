// Earth-observation captures in `sagin run` against hand computations. The world: one satellite
// on a circular equatorial orbit at 550 km (Keplerian, no J2 drift), so its sub-satellite point
// runs along the equator at the closed-form rate n - omega_E, and one gateway on the equator
// under its track that hosts compute and receives the products. Captures happen over a box on
// the equator whose edges are given relative to the satellite's longitude at t = 0 (read from
// `sagin ephemeris`, the only input the test takes from the code), so the entry and exit times
// are edges / (n - omega_E).
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

constexpr double kA0 = 6928137.0;    // semi-major axis: 6378137 + 550e3 (m)
constexpr double kFeeder_bps = 10e6; // the test standard's feeder rate
constexpr double kDeg = kRad;

/// Ground-track rate of the satellite (rad/s): mean motion minus the Earth's rotation.
double
TrackRate()
{
    return GroundTrackRate(kA0);
}

const char* const kStandard = R"(# proto-message: sagin.v1.Standard
name: "eo-test"
access_layers: [SPACE]
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links { feeder { rate_mbps: 10 } }
)";

std::string
World(double gwLon, const std::string& extra)
{
    std::ostringstream s;
    s.precision(12);
    s << R"(# proto-message: sagin.v1.Scenario
name: "eo"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 30
seed: 5
shells { name: "eo" walker { pattern: DELTA altitude_km: 550 inclination_deg: 0 total_satellites: 1 planes: 1 no_j2_drift: true } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: )"
      << gwLon << R"( } }
coverage { resolution_deg: 30 step_s: 100 }
)" << extra;
    return s.str();
}

/// The satellite's longitude at t = 0 (deg), from `sagin ephemeris`.
double
InitialLongitude(TempDir& dir)
{
    return EphemerisLongitudeDeg(dir.Write("geometry.txtpb", World(0.0, "")), "eo-0-0");
}

/// The EO service: captures over [l0 + lo, l0 + hi] deg of longitude, |lat| <= 1 deg.
std::string
Service(double l0, double lo, double hi, double rate, int raw, double reduction)
{
    std::ostringstream s;
    s.precision(12);
    s << R"(compute {
  nodes { name: "onboard" shell: "eo" ops_per_s: 1e10 }
  nodes { name: "ground" sites { names: "gw" } ops_per_s: 5e10 }
  services {
    name: "imaging"
    rate_per_s: )"
      << rate << R"(
    operations: 5e8
    service_time: DETERMINISTIC
    deadline_ms: 200
    earth_observation {
      shell: "eo"
      region { lat_min_deg: -1 lat_max_deg: 1 lon_min_deg: )"
      << l0 + lo << " lon_max_deg: " << l0 + hi << R"( }
      raw_bytes: )"
      << raw << R"(
      reduction_factor: )"
      << reduction << R"(
      destination: "gw"
    }
  }
}
)";
    return s.str();
}

/// Slant range (m) from the satellite to the gateway at time t: both on the equator, the
/// satellite at radius kA0 and longitude l0 + rate t, the gateway at kA on the surface.
double
Slant(double l0Deg, double gwDeg, double t)
{
    return EquatorialSlant(kA0, l0Deg + TrackRate() * t / kDeg, gwDeg);
}

double
OnLink(int bytes, double* last)
{
    return DatagramBytesOnLink(bytes, last);
}

struct Placed
{
    sagin::v1::RunResult result;
    std::vector<std::vector<std::string>> rows;
};

Placed
RunPlaced(TempDir& dir, const std::string& scenario, const char* sites, const std::string& tag)
{
    const auto sc = dir.Write(tag + ".txtpb", scenario);
    const auto st = dir.Write(tag + "-std.txtpb",
                              std::string(kStandard) + "compute { default_placement { sites: ["
                                  + sites + "] } }\n");
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + tag});
    EXPECT_EQ(r.status, 0) << r.err;
    Placed p;
    p.result = ReadResult(dir.Path() + "/" + tag, "eo-test");
    p.rows = ReadCsv(dir.Path() + "/" + tag + "/eo-test/compute.csv");
    return p;
}

} // namespace

TEST(EarthObservation, CapturesOnlyWhileTheGroundTrackIsInsideTheRegion)
{
    TempDir dir;
    const double l0 = InitialLongitude(dir);
    // The box spans 0.3 to 1.5 deg east of the satellite's longitude at t = 0: entry at
    // 0.3 deg / (n - omega_E), exit at 1.5 deg / (n - omega_E). n = sqrt(GM / a^3) =
    // 1.094824e-3 rad/s, n - omega_E = 1.021903e-3 rad/s (0.0585507 deg/s): 5.124 s and
    // 25.619 s.
    const double tIn = 0.3 * kDeg / TrackRate();
    const double tOut = 1.5 * kDeg / TrackRate();
    ASSERT_NEAR(tIn, 5.124, 0.001);
    ASSERT_NEAR(tOut, 25.619, 0.001);
    const double rate = 20.0;
    const auto p = RunPlaced(
        dir, World(l0 + 1.0, Service(l0, 0.3, 1.5, rate, 1400, 0.1)), "IN_ORBIT", "window");
    ASSERT_GT(p.rows.size(), 100u);
    double first = 1e9, last = -1e9;
    for (size_t i = 1; i < p.rows.size(); ++i)
    {
        auto t = CsvRow(p.rows[0], p.rows[i]);
        const double c = std::stod(t["t_created_s"]);
        first = std::min(first, c);
        last = std::max(last, c);
        EXPECT_EQ(t["client"], "eo-0-0");
        EXPECT_EQ(t["host"], "eo-0-0"); // on board, the capturing satellite
        EXPECT_EQ(t["status"], "completed");
    }
    // No capture outside [tIn, tOut] (t_created_s is printed to 1 us); the first and the last
    // close to the edges (a gap of 0.5 s between arrivals of 20 /s has probability e^-10).
    const double outside = std::max({0.0, tIn - first, last - tOut});
    ValidationBound("compute.eo.capture-window",
                    "closed-form ground track of a circular equatorial orbit, (n - omega_E) t",
                    "largest time by which a capture falls outside the passage over the region",
                    "s",
                    outside,
                    2e-6);
    EXPECT_LT(first - tIn, 0.5);
    EXPECT_LT(tOut - last, 0.5);
    // Count: Poisson of mean rate x passage time (409.9); 99.9 % interval +- 3.29 sigma.
    const double n = static_cast<double>(p.rows.size() - 1);
    const double mean = rate * (tOut - tIn);
    ValidationCheck("compute.eo.capture-count",
                    "Poisson mean rate x closed-form passage time (99.9 % interval)",
                    "captures of one satellite over a 1.2 deg box on the equator",
                    "captures",
                    n,
                    mean,
                    3.29 * std::sqrt(mean));
    EXPECT_EQ(p.result.compute().tasks(), p.rows.size() - 1);
}

TEST(EarthObservation, CompletionIsServicePlusSerializationAndPropagation)
{
    TempDir dir;
    const double l0 = InitialLongitude(dir);
    const double gw = l0 + 1.0;
    // Sparse captures (0.5 /s over the 20 s passage) of 100,000 raw bytes, reduction 0.1
    // (a 10,000-byte product), 5e8 operations: 50 ms on board (1e10 ops/s), 10 ms at the
    // gateway (5e10 ops/s), deterministic. The feeder carries 10 Mbit/s; no processing delays.
    const std::string scenario = World(gw, Service(l0, 0.3, 1.5, 0.5, 100000, 0.1));
    // On board: the product goes down as 7 datagrams of 1,428 bytes and one of 228 (payload +
    // UDP + IPv4): 10,224 bytes. The last byte arrives when the last datagram, which starts after
    // the first seven, has been sent and has crossed the slant range of its start.
    double lastProduct = 0.0;
    const double product = OnLink(10000, &lastProduct);
    ASSERT_EQ(product, 10224.0);
    // At the gateway: the raw data goes down as 71 datagrams of 1,428 bytes and one of 628:
    // 102,016 bytes; the host is the destination, so the product stays there.
    double lastRaw = 0.0;
    const double raw = OnLink(100000, &lastRaw);
    ASSERT_EQ(raw, 102016.0);
    struct Case
    {
        const char* sites;
        const char* host;
        double service_s;
    };
    for (const Case& c : {Case{"IN_ORBIT", "eo-0-0", 0.05}, Case{"GATEWAY_EDGE", "gw", 0.01}})
    {
        SCOPED_TRACE(c.sites);
        const auto p = RunPlaced(dir, scenario, c.sites, c.sites);
        ASSERT_GE(p.rows.size(), 4u);
        const bool onboard = std::string(c.host) == "eo-0-0";
        double prev = -1e9;
        int checked = 0;
        double worst = 0.0;
        for (size_t i = 1; i < p.rows.size(); ++i)
        {
            auto t = CsvRow(p.rows[0], p.rows[i]);
            const double tc = std::stod(t["t_created_s"]);
            ASSERT_EQ(t["status"], "completed");
            EXPECT_EQ(t["host"], c.host);
            if (tc - prev < 1.0)
            {
                prev = tc;
                continue; // the previous capture may still hold the feeder or the server
            }
            prev = tc;
            double expected = 0.0;
            if (onboard)
            {
                // Capture, service, then the product: (10,224 - 228) bytes before the last
                // datagram starts, its 228 bytes, and the slant range at its start.
                const double start = tc + c.service_s + (product - lastProduct) * 8 / kFeeder_bps;
                expected = c.service_s + product * 8 / kFeeder_bps + Slant(l0, gw, start) / kC;
                EXPECT_EQ(t["uplink_ms"], "0.000000");
            }
            else
            {
                const double start = tc + (raw - lastRaw) * 8 / kFeeder_bps;
                expected = raw * 8 / kFeeder_bps + Slant(l0, gw, start) / kC + c.service_s;
                EXPECT_EQ(t["downlink_ms"], "0.000000");
            }
            EXPECT_EQ(t["queueing_ms"], "0.000000");
            EXPECT_NEAR(std::stod(t["compute_ms"]), c.service_s * 1e3, 1e-6);
            const double got = std::stod(t["completion_ms"]);
            EXPECT_NEAR(got, expected * 1e3, 1e-5) << "capture at " << tc << " s";
            worst = std::max(worst, std::abs(got - expected * 1e3));
            ++checked;
        }
        EXPECT_GE(checked, 3);
        ValidationBound(onboard ? "compute.eo.completion-onboard" : "compute.eo.completion-ground",
                        "service time + datagram bytes (payload + 28) x 8 / feeder rate + slant "
                        "range / c (circular equatorial orbit)",
                        onboard ? "capture to product at the gateway, processed on board: largest "
                                  "error over the isolated captures"
                                : "capture to product at the gateway, raw data processed there: "
                                  "largest error over the isolated captures",
                        "ms",
                        worst,
                        1e-5);
        // Feeder volume: every capture's datagrams cross the feeder once (down): the product
        // processed on board, the raw data processed on the ground.
        const auto& s = p.result.compute();
        ASSERT_EQ(s.completed(), s.tasks());
        const double perTask = onboard ? product : raw;
        EXPECT_EQ(s.feeder_bytes(), static_cast<std::uint64_t>(perTask) * s.tasks());
        ASSERT_TRUE(s.has_feeder_bytes_per_task());
        ValidationCheck(onboard ? "compute.eo.feeder-onboard" : "compute.eo.feeder-ground",
                        "hand count: datagrams x (payload + 8 UDP + 20 IPv4 bytes)",
                        onboard ? "feeder bytes per capture, product of 10,000 bytes sent down"
                                : "feeder bytes per capture, raw 100,000 bytes sent down",
                        "bytes",
                        s.feeder_bytes_per_task(),
                        perTask,
                        0.0);
        ASSERT_EQ(s.services_size(), 1);
        EXPECT_EQ(s.services(0).feeder_bytes(), s.feeder_bytes());
        // Every capture has the 200 ms deadline.
        EXPECT_EQ(s.deadline_tasks(), s.tasks());
    }
}

TEST(EarthObservation, BadInputIsEveryErrorWithItsFieldPath)
{
    TempDir dir;
    const auto sc = dir.Write("bad.txtpb", World(0.0, R"(
ground_sites { name: "ut" role: UT position { lat_deg: 1 lon_deg: 1 } }
compute {
  nodes { name: "onboard" shell: "eo" ops_per_s: 1e10 }
  services {
    name: "imaging"
    clients { names: "ut" }
    rate_per_s: 1
    request_bytes: 10
    state_bytes: 10
    earth_observation {
      region { lat_min_deg: 5 lat_max_deg: 2 lon_min_deg: 0 lon_max_deg: 10 }
      reduction_factor: 1.5
      destination: "ut"
    }
  }
  services {
    name: "imaging2"
    rate_per_s: 1
    earth_observation { shell: "nope" raw_bytes: 20000000 reduction_factor: 0.5 destination: "nowhere" }
  }
}
)"));
    auto r = RunSagin({"validate", sc});
    EXPECT_EQ(r.status, 2);
    for (const char* want :
         {"compute.services[0].clients: must be unset with earth_observation",
          "compute.services[0].request_bytes: must be unset with earth_observation",
          "compute.services[0].state_bytes: must be unset with earth_observation",
          "compute.services[0].earth_observation: must select the capturing satellites",
          "compute.services[0].earth_observation.region.lat_max_deg: must be greater than "
          "lat_min_deg",
          "compute.services[0].earth_observation.raw_bytes: must be in [1, 1e7] bytes, got 0",
          "compute.services[0].earth_observation.reduction_factor: must be in (0, 1], got 1.5",
          "compute.services[0].earth_observation.destination: 'ut' is a UT, not a ground site",
          "compute.services[1].earth_observation.region: must give the box",
          "compute.services[1].earth_observation.raw_bytes: must be in [1, 1e7] bytes, got "
          "20000000",
          "compute.services[1].earth_observation.shell: no shell named 'nope'",
          "compute.services[1].earth_observation.destination: no node named 'nowhere'"})
    {
        EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
    }
}

TEST(EarthObservation, TooManyCapturesAreRefusedWithTheEstimate)
{
    TempDir dir;
    // One satellite, 1e5 arrivals/s for 3000 s over a region that is the whole globe (its
    // share of the sphere: 2 pi x (sin 90 - sin -90) / 4 pi = 1): 3e8 arrivals, each checked,
    // and 3e8 captures of 1e7 raw bytes (7,143 datagrams) and a 1e6-byte product (715), each
    // datagram counted twice, plus the arrival and the service: 3e8 x (1 + 2 x 7,858 + 2) =
    // 4.7157e12 events, far above the 1e9 limit.
    std::string world = World(0.0, R"(
compute {
  nodes { name: "onboard" shell: "eo" ops_per_s: 1e10 }
  services {
    name: "imaging"
    rate_per_s: 1e5
    operations: 1e6
    earth_observation {
      shell: "eo"
      region { lat_min_deg: -90 lat_max_deg: 90 lon_min_deg: -180 lon_max_deg: 180 }
      raw_bytes: 10000000
      reduction_factor: 0.1
      destination: "gw"
    }
  }
}
)");
    world.replace(world.find("duration_s: 30"), 14, "duration_s: 3000");
    const auto sc = dir.Write("s.txtpb", world);
    const auto st = dir.Write("std.txtpb", kStandard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/o"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("4.72e+12 events of compute tasks"), std::string::npos) << r.err;
}
