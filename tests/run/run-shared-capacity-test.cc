// Shared beam capacity (BeamLayout.shared_capacity) through `sagin run`, against hand
// computations on a geometry that does not move: one GEO satellite (fixed in ECEF) with one wide
// beam, a CBR flow ut-a -> geo -> gw -> geo -> ut-b whose last hop (geo -> ut-b, a forward
// service link) goes through the beam's scheduler. The modulation is Shannon capped at
// 2 bit/s/Hz and the C/N is far above the cap, so every rate is known by hand.
#include "../common/spherical-triangle.h"
#include "../common/validation.h"
#include "run-test-util.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>

using namespace sagin::test;

namespace
{

// Service link: 20 GHz, 1.8 MHz, free space, Shannon capped at 2 bit/s/Hz. C/N, by hand: EIRP
// 60 dBW/MHz, FSPL at 20 GHz over ~38,000 km = 20 log10(4 pi 3.8e7 / 0.015) = 210.1 dB,
// receive gain 40 dBi, noise 10 log10(1.38e-23 x 290 x 1e6) = -144.0 dBW/MHz (noise figure
// 0 dB... the receive chain below has 1 dB and 290 K: -143.0 dBW/MHz): C/N ~ 60 - 210.1 + 40
// + 143 - (a few dB of beam pattern) > 25 dB, so log2(1 + C/N) > 8 and the cap 2 applies.
// Private pipe: 2 x 1.8e6 = 3.6 Mbit/s. Beam grid: 15 kHz subcarriers, 1 ms slots,
// floor(1.8e6 / 180e3) = 10 RBs of 2 x 12 x 14 = 336 bits: 3,360 bits per slot = 3.36 Mbit/s.
std::string
Standard(const std::string& sharedCapacity)
{
    return R"(# proto-message: sagin.v1.Standard
name: "geo-beam"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links {
  service_space {
    frequency_ghz: 20 bandwidth_mhz: 1.8 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 2
    forward { eirp_dbw_per_mhz: 60 rx { gain_dbi: 40 noise_figure_db: 1 antenna_temperature_k: 290 } }
  }
  feeder { rate_mbps: 1000 }
}
beams { count: 1 spacing_deg: 30 max_gain_dbi: 10 eirp_dbw_per_mhz: 60 )"
           + sharedCapacity + " }\n";
}

std::string
SharedScenario(double rateKbps)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "shared"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
duration_s: 10
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 35 lon_deg: 20 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: -30 lon_deg: -15 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
coverage { region { lat_min_deg: -40 lat_max_deg: 40 lon_min_deg: -20 lon_max_deg: 20 } resolution_deg: 20 step_s: 5 }
measurement { warmup_s: 1 }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: )"
           + std::to_string(rateKbps) + " packet_bytes: 1000 } start_s: 0.501 } }\n";
}

sagin::v1::RunResult
RunWith(const TempDir& dir, double rateKbps, const std::string& shared, const std::string& sub)
{
    auto sc = dir.Write(sub + "-scenario.txtpb", SharedScenario(rateKbps));
    auto st = dir.Write(sub + "-standard.txtpb", Standard(shared));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/" + sub});
    EXPECT_EQ(r.status, 0) << r.err;
    return ReadResult(dir.Path() + "/" + sub, "geo-beam");
}

// IP packet of a 1000-byte CBR payload: 1028 bytes = 8,224 bits.
constexpr double kPacketBits = 8224.0;

} // namespace

TEST(RunSharedCapacity, OneUserBelowCapacityPaysOnlyTheSlotGrid)
{
    TempDir dir;
    // 100 kbit/s: one packet every 80 ms (80 slots): the beam is idle when each arrives.
    const auto priv = RunWith(dir, 100, "", "private");
    const auto shared = RunWith(dir, 100, "shared_capacity { }", "shared");
    ASSERT_GT(priv.packets().sent(), 100u);
    EXPECT_EQ(shared.packets().sent(), priv.packets().sent());
    EXPECT_EQ(shared.packets().received(), shared.packets().sent());
    // Without shared capacity nothing of it is reported.
    EXPECT_EQ(priv.shared_capacity().beams(), 0u);
    EXPECT_EQ(priv.shared_capacity().users(), 0u);
    EXPECT_FALSE(priv.shared_capacity().user_throughput_mbps().has_mean());
    EXPECT_FALSE(priv.shared_capacity().has_user_throughput_p5_mbps());
    EXPECT_FALSE(priv.shared_capacity().has_user_throughput_jain());
    // Packets leave every 80 ms = 80 slots and the geometry is fixed, so each reaches the
    // satellite at the same phase of the slot grid: one delay for all (no jitter), in both runs.
    EXPECT_NEAR(shared.latency().one_way_ms().max(), shared.latency().one_way_ms().min(), 1e-6);
    // Last hop, private: 8,224 / 3.6e6 = 2.2844 ms. Shared: wait w for the slot boundary,
    // 0 <= w < 1 ms, then ceil(8,224 / 3,360) = 3 slots: w + 3 ms. Difference: w + 0.7156 ms.
    const double diff = shared.latency().one_way_ms().mean() - priv.latency().one_way_ms().mean();
    const double w
        = shared.latency().breakdown_ms().queueing() - priv.latency().breakdown_ms().queueing();
    EXPECT_GE(w, -1e-6);
    EXPECT_LT(w, 1.0);
    ValidationCheck("run.shared-capacity.single-user-delay",
                    "hand computation: slot wait + 3 slots - 8,224 bit / 3.6 Mbit/s",
                    "one-way delay, shared beam - private pipe",
                    "ms",
                    diff,
                    w + 3.0 - kPacketBits / 3.6e6 * 1e3,
                    1e-5);
    // The queueing delay at the beam is the slot wait, the same for every packet.
    EXPECT_NEAR(shared.shared_capacity().queueing_delay_ms().mean(), w, 1e-5);
    EXPECT_EQ(shared.shared_capacity().beams(), 1u);
    EXPECT_EQ(shared.shared_capacity().users(), 1u);
    EXPECT_NEAR(shared.shared_capacity().user_throughput_jain(), 1.0, 1e-12); // one user: 1
    // One satellite with one beam: no co-channel interference, so SINR samples (one per
    // topology update in the window, 1 s to 10 s) and no SIR sample (it would be infinite).
    EXPECT_EQ(shared.shared_capacity().sinr_db().count(), 9u);
    EXPECT_EQ(shared.shared_capacity().sir_db().count(), 0u);
    EXPECT_FALSE(shared.shared_capacity().sir_db().has_mean());
    EXPECT_FALSE(priv.shared_capacity().sinr_db().has_mean());
    EXPECT_EQ(shared.drops().queue_full(), 0u);
    // One beam 30 deg wide from GEO: its cell reaches past the Earth's limb, so no area.
    EXPECT_FALSE(shared.shared_capacity().has_area_traffic_mbps_per_km2());
    EXPECT_EQ(shared.shared_capacity().served_area_km2(), 0.0);
    EXPECT_EQ(shared.shared_capacity().beam_traffic_mbps_per_km2().count(), 0u);
}

TEST(RunSharedCapacity, ServedTrafficPerAreaIsTheBeamsTrafficOverItsGroundCell)
{
    TempDir dir;
    // Seven beams 0.5 deg apart from GEO at 0 deg E; both terminals near the nadir point, inside
    // the central beam's cell (its corners lie 1.62 deg of Earth-central angle from nadir); the
    // forward link to ut-b, 500 kbit/s of payload = 0.514 Mbit/s of IP bits, well below the
    // beam's capacity, is carried whole. Served traffic per area = 0.514 Mbit/s / the central
    // cell's area, computed here by L'Huilier's theorem on a sphere of 6,371 km from 35,786.03 km.
    std::string standard = Standard("shared_capacity { }");
    const std::string one = "count: 1 spacing_deg: 30 max_gain_dbi: 10";
    standard.replace(standard.find(one), one.size(), "count: 7 spacing_deg: 0.5 max_gain_dbi: 45");
    std::string scenario = SharedScenario(500);
    for (const auto& [from, to] : {std::pair<std::string, std::string>{
                                       "lat_deg: 35 lon_deg: 20", "lat_deg: -0.2 lon_deg: -0.2"},
                                   {"lat_deg: -30 lon_deg: -15", "lat_deg: 0.2 lon_deg: 0.2"}})
    {
        scenario.replace(scenario.find(from), from.size(), to);
    }
    auto sc = dir.Write("area-scenario.txtpb", scenario);
    auto st = dir.Write("area-standard.txtpb", standard);
    auto run = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/area"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto r = ReadResult(dir.Path() + "/area", "geo-beam");
    EXPECT_EQ(r.packets().received(), r.packets().sent());
    const auto& c = r.shared_capacity();
    ASSERT_EQ(c.beams(), 1u);
    const double cellKm2
        = sagin::test::NadirHexCellAreaM2(0.5 * M_PI / 180.0, 35786.03e3, 6371e3) * 1e-6;
    ValidationCheck("run.shared-capacity.served-area",
                    "closed form: L'Huilier hexagon of the central beam",
                    "ground area of the serving beam's cell, GEO, 0.5 deg spacing",
                    "km^2",
                    c.served_area_km2(),
                    cellKm2,
                    1e-6 * cellKm2);
    // The window (1 s to 10 s) cuts the packet stream at both ends: one packet's bits of slack.
    const double offered = 500e3 * 1028.0 / 1000.0 * 1e-6; // Mbit/s of IP bits
    ValidationCheck("run.shared-capacity.area-traffic",
                    "closed form: carried IP bit rate / cell area",
                    "served traffic per area, one GEO beam below capacity",
                    "Mbit/s/km^2",
                    c.area_traffic_mbps_per_km2(),
                    offered / cellKm2,
                    kPacketBits / 9.0 * 1e-6 / cellKm2);
    ASSERT_EQ(c.beam_traffic_mbps_per_km2().count(), 1u);
    EXPECT_DOUBLE_EQ(c.beam_traffic_mbps_per_km2().mean(), c.area_traffic_mbps_per_km2());
}

TEST(RunSharedCapacity, OverloadDeliversTheBeamCapacityAndDropsTheRest)
{
    TempDir dir;
    // 5,000 kbit/s of payload: one 8,224-bit packet every 1.6 ms = 5.14 Mbit/s of IP bits offered
    // to a beam of C = 3.36 Mbit/s; a queue of 20 packets.
    const auto r = RunWith(dir, 5000, "shared_capacity { queue_packets: 20 }", "over");
    const auto& sc = r.shared_capacity();
    ASSERT_EQ(sc.users(), 1u);
    // In the window (1 s to 10 s: 9,000 slots) the beam is never idle: every slot carries
    // 3,360 bits to the user, 9,000 x 3,360 / 9 s = C = 3.36 Mbit/s.
    ValidationCheck("run.shared-capacity.overload-throughput",
                    "closed form: delivered = beam capacity, 3.36 Mbit/s",
                    "user throughput at 1.53 x capacity offered",
                    "Mbit/s",
                    sc.user_throughput_mbps().mean(),
                    3.36,
                    1e-9);
    // Utilization 1 (every RB of every slot), spectral efficiency 3.36e6 / 1.8e6 = 1.8667.
    EXPECT_NEAR(sc.beam_utilization().mean(), 1.0, 1e-12);
    EXPECT_NEAR(sc.beam_spectral_efficiency_bps_hz().mean(), 3.36 / 1.8, 1e-9);
    // Drops: offered - capacity. Sent from 0.501 s to 10 s every 1.6 ms: 5,937 packets. They
    // reach the satellite with the same fixed delay, so arrivals span the same 9.499 s, during
    // which the beam (busy from the first arrival, the queue never empty since 1.6 ms < 2.45 ms)
    // sends 3.36e6 / 8,224 = 408.56 packets/s = 3,881 packets; the 20 in the queue at the last
    // arrival are sent afterwards. queue_full = 5,937 - 3,881 - 20 = 2,036, within 2 packets
    // (the partly sent packets at both ends).
    const double sent = std::ceil((10.0 - 0.501) / 1.6e-3 - 1e-9);
    const double carried = 3.36e6 / kPacketBits * (10.0 - 0.501) + 20.0;
    ValidationCheck("run.shared-capacity.overload-drops",
                    "closed form: offered - capacity - queue limit",
                    "packets dropped as queue_full",
                    "packets",
                    static_cast<double>(r.drops().queue_full()),
                    sent - carried,
                    2.0);
    EXPECT_EQ(r.drops().link_down(), 0u);
}

// Two users share the beam (10 RBs of 336 bits a slot, C = 3.36 Mbit/s) under round robin with
// two users a slot: ut-b is sent 1,000 kbit/s of payload from ut-a, ut-c 3,000 kbit/s from ut-d
// (each uplink a private 3.6 Mbit/s pipe, above its rate). In IP bits (1,028-byte packets of
// 8,224 bits) the demands are 1.028 and 3.084 Mbit/s, more than C together. While both have data
// each gets ceil(10 / 2) = 5 RBs a slot (the second at most what its backlog needs, so the first
// never leaves RBs idle), and ut-c alone gets all 10: ut-b (below C / 2) gets its whole demand,
// x1 = 1.028 Mbit/s, in 5 slots a packet whose last carries 1,504 of its 1,680 bits, so each
// packet holds 25 RBs = 8,400 bits of capacity; ut-c gets the rest,
// x2 = 3.36 - 1.028 x 8,400 / 8,224 = 3.36 - 1.05 = 2.31 Mbit/s. Jain's index of the two:
// (1.028 + 2.31)^2 / (2 x (1.028^2 + 2.31^2)) = 11.142244 / 12.785768 = 0.87146.
TEST(RunSharedCapacity, RoundRobinGivesMaxMinSharesAndJainsIndexOfThem)
{
    TempDir dir;
    // The second flow goes into the scenario's traffic block (before its closing brace).
    std::string scenario = SharedScenario(1000);
    const auto end = scenario.rfind('}');
    ASSERT_NE(end, std::string::npos);
    scenario.insert(
        end,
        R"(flows { name: "d" endpoints { pair { from: "ut-d" to: "ut-c" } } cbr { rate_kbps: 3000 packet_bytes: 1000 } start_s: 0.502 } )");
    scenario += R"(ground_sites { name: "ut-c" role: UT position { lat_deg: -28 lon_deg: -15 } }
ground_sites { name: "ut-d" role: UT position { lat_deg: 33 lon_deg: 18 } }
)";
    auto sc = dir.Write("two-users-scenario.txtpb", scenario);
    auto st = dir.Write("two-users-standard.txtpb",
                        Standard("shared_capacity { max_users_per_slot: 2 }"));
    auto run = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/two"});
    ASSERT_EQ(run.status, 0) << run.err;
    const auto r = ReadResult(dir.Path() + "/two", "geo-beam");
    const auto& sc2 = r.shared_capacity();
    ASSERT_EQ(sc2.users(), 2u);
    // Window 1 s to 10 s. ut-b: one packet every 8.224 ms, 9 s / 8.224 ms = 1,094.3 packets,
    // 1.028 Mbit/s within one packet (0.1 %).
    EXPECT_NEAR(sc2.user_throughput_mbps().min(), 1.028, 0.002);
    EXPECT_NEAR(sc2.user_throughput_mbps().max(), 3.36 - 1.05, 0.002);
    EXPECT_NEAR(sc2.beam_utilization().mean(), 1.0, 1e-3);
    ValidationCheck(
        "run.shared-capacity.jain-round-robin",
        "closed form: max-min fair shares of two users, (x1 + x2)^2 / (2 (x1^2 + x2^2))",
        "Jain's index of the user throughputs, demands 1.028 and 3.084 Mbit/s, C = 3.36",
        "1",
        sc2.user_throughput_jain(),
        (1.028 + 2.31) * (1.028 + 2.31) / (2.0 * (1.028 * 1.028 + 2.31 * 2.31)),
        0.001);
}

TEST(RunSharedCapacity, BadSchedulerFieldsAreReportedTogether)
{
    TempDir dir;
    auto sc = dir.Write("s.txtpb", SharedScenario(100));
    auto st
        = dir.Write("b.txtpb",
                    Standard("shared_capacity { subcarrier_spacing_khz: 20 overhead_fraction: 1.5 "
                             "max_users_per_slot: 5000 }"));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("beams.shared_capacity.subcarrier_spacing_khz"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("beams.shared_capacity.overhead_fraction"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("beams.shared_capacity.max_users_per_slot"), std::string::npos) << r.err;
}

// A colour band too narrow for one resource block is the service link's band to widen: the
// error names links.service_space.bandwidth_mhz (1.8 MHz < 12 x 240 kHz = 2.88 MHz), never the
// scheduler's internal band.
TEST(RunSharedCapacity, TooNarrowABandNamesTheServiceLinksBandwidth)
{
    TempDir dir;
    auto sc = dir.Write("s.txtpb", SharedScenario(100));
    auto st = dir.Write("b.txtpb", Standard("shared_capacity { subcarrier_spacing_khz: 240 }"));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/narrow"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("links.service_space.bandwidth_mhz"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("bandwidth_hz"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Path() + "/narrow/geo-beam/summary.json"));
}

namespace
{

// Two co-channel GEO satellites at 10 W and 10 E, one beam each (4 deg spacing: a 3 dB beamwidth
// of 2 x 4 / sqrt(3) = 4.62 deg) pointing at nadir, with shared capacity; a CBR
// flow from ut-a reaches ut-b over the last hop geo -> ut-b. EIRP 30 dBW/MHz puts the carrier
// near the noise, so the SINR depends on both the interference and the noise.
std::string
TwoGeoStandard(const std::string& shared = "")
{
    return R"(# proto-message: sagin.v1.Standard
name: "two-geo"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links {
  service_space {
    frequency_ghz: 20 bandwidth_mhz: 1.8 channel: FREE_SPACE modulation: SHANNON
    forward { eirp_dbw_per_mhz: 30 rx { gain_dbi: 40 noise_figure_db: 1 antenna_temperature_k: 290 } }
  }
  feeder { rate_mbps: 1000 }
}
beams { count: 1 spacing_deg: 4 max_gain_dbi: 10 eirp_dbw_per_mhz: 30 shared_capacity { )"
           + shared + R"( } }
)";
}

std::string
TwoGeoScenario(double latDeg, double lonDeg)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "two-geo"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
duration_s: 4
shells { name: "geo" geo { longitudes_deg: [-10, 10] } }
ground_sites { name: "ut-a" role: UT position { lat_deg: 35 lon_deg: 0 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: )"
           + std::to_string(latDeg) + " lon_deg: " + std::to_string(lonDeg) + R"( } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 0 } }
coverage { region { lat_min_deg: -10 lat_max_deg: 10 lon_min_deg: -10 lon_max_deg: 10 } resolution_deg: 10 step_s: 1 }
measurement { warmup_s: 1 }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: 100 packet_bytes: 1000 } start_s: 0.5 } }
)";
}

} // namespace

namespace
{

/// By hand, for the two-GEO world at 0 N 0 E: the serving beam's coupling loss, carrier and the
/// noise (dB, dBW, dBW).
struct TwoGeoBudget
{
    double couplingDb;
    double carrierDbw;
    double noiseDbw;
};

TwoGeoBudget
TwoGeoByHand()
{
    // Geometry: terminal on the equator at R = 6,378,137 m, satellite at r = R + 35,786,030 m,
    // 10 deg of longitude apart: d^2 = r^2 + R^2 - 2 r R cos 10 deg; off-nadir angle at the
    // satellite theta = asin(R sin 10 deg / d).
    const double R = 6378137.0;
    const double rs = R + 35786030.0;
    const double g = 10.0 * M_PI / 180.0;
    const double d = std::sqrt(rs * rs + R * R - 2.0 * rs * R * std::cos(g));
    const double theta = std::asin(R * std::sin(g) / d);
    // Circular aperture: G / G_max = (2 J1(u) / u)^2, u = k a sin(theta); the aperture puts the
    // half-power point (u = 1.6163) at half the 3 dB beamwidth: u = 1.6163 sin(theta) /
    // sin(theta_3dB / 2), theta_3dB = 2 x 4 deg / sqrt(3).
    const double half3db = 4.0 / std::sqrt(3.0) * M_PI / 180.0;
    const double u = 1.6163 * std::sin(theta) / std::sin(half3db);
    const double relGainDb = 20.0 * std::log10(2.0 * std::cyl_bessel_j(1.0, u) / u);
    // FSPL = 20 log10(4 pi d f / c) at 20 GHz. Coupling loss = FSPL - (10 dBi + relative gain)
    // - 40 dBi. Carrier: the beam's conducted power (its EIRP over the whole band, 30 + 10
    // log10(1.8) dBW, less the 10 dBi boresight gain) minus the coupling loss.
    const double fsplDb = 20.0 * std::log10(4.0 * M_PI * d * 20e9 / 299792458.0);
    TwoGeoBudget out;
    out.couplingDb = fsplDb - (10.0 + relGainDb) - 40.0;
    out.carrierDbw = 30.0 + 10.0 * std::log10(1.8) - 10.0 - out.couplingDb;
    // Noise: k T_sys B, T_sys = 290 K x 10^(1 dB / 10) (antenna at 290 K, noise figure 1 dB),
    // B = 1.8 MHz (FR1: the whole band).
    out.noiseDbw = 10.0 * std::log10(1.380649e-23 * 290.0 * std::pow(10.0, 0.1) * 1.8e6);
    return out;
}

} // namespace

// The SINR of a shared beam counts the co-channel beams of other satellites, not only the
// serving satellite's own (BeamField, the sum `sagin coverage` makes). At 0 N 0 E the two
// satellites are symmetric: each beam reaches the terminal with the same power C, so SIR = 0 dB
// and SINR = C / (C + N), with C and N computed by hand below.
TEST(RunSharedCapacity, OtherSatellitesInterfereSymmetricGeoPairByHand)
{
    TempDir dir;
    auto sc = dir.Write("s.txtpb", TwoGeoScenario(0, 0));
    auto st = dir.Write("b.txtpb", TwoGeoStandard());
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/sym"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto res = ReadResult(dir.Path() + "/sym", "two-geo");
    const auto& s = res.shared_capacity();
    // One sample per topology update (1 s) in the window [1, 4) s with packets: 3.
    ASSERT_EQ(s.sinr_db().count(), 3u);
    ASSERT_EQ(s.sir_db().count(), 3u);
    EXPECT_NEAR(s.sir_db().mean(), 0.0, 1e-9);

    const TwoGeoBudget hand = TwoGeoByHand();
    const double couplingDb = hand.couplingDb;
    const double noiseW = std::pow(10.0, hand.noiseDbw / 10.0);
    const double carrierW = std::pow(10.0, hand.carrierDbw / 10.0);
    const double sinrDb = 10.0 * std::log10(carrierW / (carrierW + noiseW));
    // Tolerance 0.005 dB: the tabulated pattern (linear in 2 J1(u) / u, steps of 0.01 in u).
    EXPECT_NEAR(s.coupling_loss_db().mean(), couplingDb, 0.005);
    ValidationCheck("run.shared-capacity.two-satellite-sinr",
                    "hand computation: C / (C + N), two symmetric co-channel GEO beams",
                    "serving-beam SINR at 0 N 0 E, GEOs at 10 W and 10 E",
                    "dB",
                    s.sinr_db().mean(),
                    sinrDb,
                    0.005);
}

// With activity_weighted_interference the other satellite's beam, which has no terminal with
// traffic, interferes in proportion to its measured activity: none. From the first measured
// update on (every sample of the window [1, 4) s) the SINR is the serving beam's C / N, with C and
// N by hand as above, and no sample has co-channel interference (sir_db is empty). Without it
// (the test above) the idle beam counts fully: SIR 0 dB.
TEST(RunSharedCapacity, ActivityWeightedInterferenceLeavesAnIdleBeamOut)
{
    TempDir dir;
    auto sc = dir.Write("s.txtpb", TwoGeoScenario(0, 0));
    auto st = dir.Write("b.txtpb", TwoGeoStandard("activity_weighted_interference: true"));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/w"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto res = ReadResult(dir.Path() + "/w", "two-geo");
    const auto& s = res.shared_capacity();
    ASSERT_EQ(s.sinr_db().count(), 3u);
    EXPECT_EQ(s.sir_db().count(), 0u);
    const TwoGeoBudget hand = TwoGeoByHand();
    ValidationCheck("run.shared-capacity.activity-weighted-idle-beam",
                    "hand computation: C / N, the co-channel beam idle",
                    "serving-beam SINR at 0 N 0 E with activity-weighted interference",
                    "dB",
                    s.sinr_db().mean(),
                    hand.carrierDbw - hand.noiseDbw,
                    0.005);
    EXPECT_NEAR(s.sinr_db().min(), s.sinr_db().max(), 1e-9);

    // On the return shared capacity it is an error (the return is always weighted).
    auto bad = dir.Write(
        "bad.txtpb",
        TwoGeoStandard("} return_shared_capacity { activity_weighted_interference: true"));
    auto e = RunSagin({"run", sc, "--standard", bad, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(e.status, 2);
    EXPECT_NE(e.err.find("return_shared_capacity.activity_weighted_interference: applies to the "
                         "forward shared_capacity only"),
              std::string::npos)
        << e.err;
}

// Off the symmetry line the run's SINR (per terminal, over satellites) equals what `sagin
// coverage` computes for the same site (per satellite, over map points): the same sum made by
// the two loops; the geometry does not move, so every sample is the same.
TEST(RunSharedCapacity, RunSinrMatchesCoverageAtTheSite)
{
    TempDir dir;
    auto sc = dir.Write("s.txtpb", TwoGeoScenario(5, 3));
    auto st = dir.Write("b.txtpb", TwoGeoStandard());
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/run"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto c = RunSagin({"coverage", sc, "--standard", st, "--out", dir.Path() + "/cov"});
    ASSERT_EQ(c.status, 0) << c.err;
    const auto res = ReadResult(dir.Path() + "/run", "two-geo");
    ASSERT_GT(res.shared_capacity().sinr_db().count(), 0u);
    const auto rows = ReadCsv(dir.Path() + "/cov/two-geo/coverage.csv");
    ASSERT_FALSE(rows.empty());
    const auto& header = rows[0];
    auto column = [&](const std::string& name)
    {
        return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    bool found = false;
    for (const auto& row : rows)
    {
        if (row.size() == header.size() && row[0] == "site" && row[1] == "ut-b")
        {
            found = true;
            // coverage.csv has 3 decimals.
            EXPECT_NEAR(res.shared_capacity().sinr_db().mean(),
                        std::stod(row[column("sinr_mean_db")]),
                        0.0006);
            EXPECT_NEAR(res.shared_capacity().sir_db().mean(),
                        std::stod(row[column("sir_mean_db")]),
                        0.0006);
            EXPECT_NEAR(res.shared_capacity().coupling_loss_db().mean(),
                        std::stod(row[column("coupling_loss_mean_db")]),
                        0.0006);
            // Not the symmetric case: the terminal is nearer the 10 E beam's centre.
            EXPECT_GT(res.shared_capacity().sir_db().mean(), 1.0);
        }
    }
    EXPECT_TRUE(found);
}
