// Bounded HARQ processes (access_timing.harq): a saturated uplink carries at most
// processes x block / round trip, the round trip from the geometry (GEO bent pipe: 492 ms;
// LEO bent pipe: a few ms to tens of ms); with HARQ feedback disabled the link rate again.
// Steady state of a backlogged terminal: block i + P starts exactly one HARQ round trip after
// block i (the process it waits for is that of block i), so consecutive arrivals P apart are
// one round trip apart and the throughput is P x block / RTT.
#include "../common/validation.h"
#include "run-test-util.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

using namespace sagin::test;

namespace
{

// ut > satellite > gw > fiber > core, bent pipe, fixed rates: service 10 Mbit/s, feeder
// 100 Mbit/s. CBR of 1472-byte payloads: 1500-byte IP packets (+8 UDP, +20 IP).
std::string
GeoScenario(double kbps)
{
    return GeoBentPipeScenario(
        "geo-harq",
        30,
        R"(flows { name: "up" endpoints { pair { from: "ut" to: "core" } } cbr { rate_kbps: )"
            + std::to_string(kbps) + R"( packet_bytes: 1472 } start_s: 0.5 })");
}

std::string
Standard(const std::string& harq, double serviceMbps)
{
    return R"(# proto-message: sagin.v1.Standard
name: "harq"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
routing { update_interval_ms: 1000 }
visibility { space_deg: 5 feeder_deg: 5 }
links { service_space { rate_mbps: )"
           + std::to_string(serviceMbps) + R"( } feeder { rate_mbps: 100 } }
access_timing { )"
           + harq + R"( }
)";
}

struct Arrival
{
    double t_s;      // arrival time at the core
    double access_s; // service link time of this packet (propagation + transmission)
    double feeder_s; // feeder link time (propagation + transmission)
};

/// Received packets of the run, by arrival time.
std::vector<Arrival>
RunHarq(TempDir& dir,
        const std::string& tag,
        const std::string& scenario,
        const std::string& standard)
{
    auto sc = dir.Write(tag + "-scenario.txtpb", scenario);
    auto st = dir.Write(tag + "-standard.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + tag});
    EXPECT_EQ(r.status, 0) << r.err;
    std::vector<Arrival> out;
    auto rows = ReadCsv(dir.Path() + "/" + tag + "/harq/latency.csv");
    for (size_t i = 1; i < rows.size(); ++i)
    {
        if (rows[i][6] == "1")
        {
            out.push_back({std::stod(rows[i][5]) + std::stod(rows[i][7]) / 1e3,
                           std::stod(rows[i][10]) / 1e3,
                           std::stod(rows[i][11]) / 1e3});
        }
    }
    std::sort(out.begin(),
              out.end(),
              [](const Arrival& a, const Arrival& b)
              {
                  return a.t_s < b.t_s;
              });
    return out;
}

/// Packets arrived per second in [from, to).
double
Rate(const std::vector<Arrival>& a, double from, double to)
{
    return std::count_if(a.begin(),
                         a.end(),
                         [&](const Arrival& x)
                         {
                             return x.t_s >= from && x.t_s < to;
                         })
           / (to - from);
}

/// Largest |arrival[i + P] - arrival[i] - rtt(i)| over the arrivals in [from, to).
template <typename F>
double
WorstGapError(const std::vector<Arrival>& a, size_t p, double from, double to, F rtt)
{
    double worst = 0;
    size_t n = 0;
    for (size_t i = 0; i + p < a.size(); ++i)
    {
        if (a[i].t_s >= from && a[i + p].t_s < to)
        {
            worst = std::max(worst, std::abs(a[i + p].t_s - a[i].t_s - rtt(i)));
            ++n;
        }
    }
    EXPECT_GT(n, 100u);
    return worst;
}

// The GEO bent pipe's access round trip, by hand: terminal <-> satellite <-> gateway both ways.
// GEO at 0 deg E, 35,786.03 km above the equator (fixed in ECEF); slant ranges from the ut at
// 35 N 20 E and the gw at 20 N 5 E (WGS84) add up to 73,728.9 km: RTT = 2 x 73,728.9 km / c
// = 0.491866 s.
double
GeoRtt_s()
{
    return 2 * GeoBentPipeOneWay_s();
}

} // namespace

TEST(HarqProcesses, GeoThroughputIsProcessesTimesBlockOverTheRoundTrip)
{
    TempDir dir;
    const double rtt = GeoRtt_s();
    const double block_bits = 1500 * 8;
    // Offered 2 Mbit/s of payload (169.8 packets/s), far above both caps below and below the
    // 10 Mbit/s link (833.3 packets/s).
    for (unsigned p : {16u, 32u})
    {
        auto a = RunHarq(dir,
                         "geo" + std::to_string(p),
                         GeoScenario(2000),
                         Standard("harq { processes: " + std::to_string(p) + " }", 10));
        // 16 x 12,000 bit / 0.491866 s = 390.3 kbit/s (32.53 packets/s); 32: 780.7 kbit/s.
        // Bursts of P back-to-back blocks (P x 1.2 ms < RTT) one round trip apart.
        const double worst = WorstGapError(a,
                                           p,
                                           5,
                                           29,
                                           [&](size_t)
                                           {
                                               return rtt;
                                           });
        ValidationBound("run.harq.geo-gap-" + std::to_string(p),
                        "closed form: block i+P waits for the feedback of block i (one RTT)",
                        "GEO, " + std::to_string(p)
                            + " processes: largest abs(arrival(i+P) - arrival(i) - RTT)",
                        "s",
                        worst,
                        2e-6);
        // Over 24 s the window edges cut at most one burst: +-P packets.
        const double expected = p * block_bits / rtt;
        ValidationCheck("run.harq.geo-throughput-" + std::to_string(p),
                        "closed form: processes x block / RTT (RTT from the GEO geometry)",
                        "GEO uplink throughput, " + std::to_string(p) + " processes",
                        "bit/s",
                        Rate(a, 5, 29) * block_bits,
                        expected,
                        p * block_bits / 24.0);
    }
    // Feedback disabled: no cap. Offered 12 Mbit/s of payload over the 10 Mbit/s link: the
    // queue is backlogged and blocks leave back to back, 1500 x 8 / 10e6 = 1.2 ms apart.
    auto off = RunHarq(dir,
                       "geo-nofb",
                       GeoScenario(12000),
                       Standard("harq { processes: 16 feedback_disabled: true }", 10));
    const double worst = WorstGapError(off,
                                       1,
                                       5,
                                       29,
                                       [](size_t)
                                       {
                                           return 1.2e-3;
                                       });
    ValidationBound("run.harq.geo-no-feedback-gap",
                    "closed form: link rate (packet / rate)",
                    "GEO, HARQ feedback disabled: largest abs(arrival(i+1) - arrival(i) - 1.2 ms)",
                    "s",
                    worst,
                    2e-6);
    EXPECT_NEAR(Rate(off, 5, 29) * block_bits, 10e6, block_bits / 24.0 * 2);
}

TEST(HarqProcesses, LeoRoundTripFollowsTheGeometry)
{
    // LEO bent pipe at 550 km (terminal and gateway near Madrid), service 50 Mbit/s, offered
    // 40 Mbit/s: the access round trip is 2 x (2 x 550 to 2 x 1,100 km) / c = 7.3 to 14.7 ms, so
    // 16 processes carry 16 x 12,000 bit / RTT = 13 to 26 Mbit/s, below the offer, and 16 blocks
    // take 16 x 0.24 ms = 3.84 ms, less than the round trip. The
    // round trip at each block is 2 x (service + feeder propagation), read from the block's own
    // measured link times less their transmissions (0.24 ms service, 0.12 ms feeder). The
    // scheduler's round trip is the last topology update's link delays; they agree with the
    // packets' own link times within 50 us (0.4 % of the round trip; measured: 32 us).
    TempDir dir;
    const std::string scenario = R"(# proto-message: sagin.v1.Scenario
name: "leo-harq"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 20
seed: 5
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 288 planes: 24 phasing: 1 } }
ground_sites { name: "ut" role: UT position { lat_deg: 40.4 lon_deg: -3.7 } }
ground_sites { name: "gw" role: GW position { lat_deg: 40.5 lon_deg: -3.6 } }
ground_sites { name: "core" role: CORE position { lat_deg: 40.5 lon_deg: -3.6 } }
terrestrial { connect_to_nearest_core: true }
traffic { flows { name: "up" endpoints { pair { from: "ut" to: "core" } } cbr { rate_kbps: 40000 packet_bytes: 1472 } start_s: 0.5 } }
coverage { resolution_deg: 60 step_s: 60 }
)";
    std::string standard = Standard("harq { processes: 16 }", 50);
    standard.replace(standard.find("routing { update_interval_ms: 1000 }"),
                     36,
                     "routing { update_interval_ms: 100 }\naccess { rule: HIGHEST_ELEVATION "
                     "min_dwell_s: 1000 }");
    standard.replace(
        standard.find("space_deg: 5 feeder_deg: 5"), 26, "space_deg: 25 feeder_deg: 10");
    auto a = RunHarq(dir, "leo", scenario, standard);
    const double worst
        = WorstGapError(a,
                        16,
                        2,
                        19,
                        [&](size_t i)
                        {
                            return 2 * (a[i].access_s - 0.24e-3 + a[i].feeder_s - 0.12e-3);
                        });
    ValidationBound("run.harq.leo-gap-16",
                    "closed form: one HARQ round trip = 2 x (service + feeder propagation)",
                    "LEO bent pipe, 16 processes: largest abs(arrival(i+16) - arrival(i) - RTT(i))",
                    "s",
                    worst,
                    5e-5);
}
