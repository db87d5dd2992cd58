// Shared return capacity (BeamLayout.return_shared_capacity) through `sagin run`, against hand
// computations on GEO geometry that does not move: the terminal -> satellite hop goes through
// the satellite's return beam scheduler, at the efficiency of the terminal's uplink SINR (its
// signal through its beam's receive pattern over noise and the mean co-channel power of the
// terminals attached to every other beam).
#include "../common/validation.h"
#include "run-test-util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace sagin::test;

namespace
{

// One GEO at 0 E (35,786 km over the equatorial radius), transparent, one gateway. The service
// link is Shannon capped at 2 bit/s/Hz over 1.8 MHz: 3.6 Mbit/s as a private pipe; on the slot
// grid (15 kHz, 1 ms slots) floor(1.8e6 / 180e3) = 10 RBs of 2 x 12 x 14 = 336 bits, 3.36 Mbit/s.
std::string
ReturnStandard(const std::string& beams, const std::string& reverse)
{
    return R"(# proto-message: sagin.v1.Standard
name: "geo-return"
access_layers: [SPACE]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links {
  service_space {
    frequency_ghz: 20 reverse_frequency_ghz: 30 bandwidth_mhz: 1.8 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 2
    forward { eirp_dbw_per_mhz: 60 rx { gain_dbi: 40 noise_figure_db: 1 antenna_temperature_k: 290 } }
    )" + reverse
           + R"(
  }
  feeder { rate_mbps: 1000 }
}
beams { )" + beams
           + " }\n";
}

std::string
ReturnSite(const std::string& name, double lat, double lon)
{
    char buf[200];
    std::snprintf(buf,
                  sizeof buf,
                  "ground_sites { name: \"%s\" role: UT position { lat_deg: %.10f lon_deg: %.10f "
                  "} }\n",
                  name.c_str(),
                  lat,
                  lon);
    return buf;
}

std::string
ReturnScenario(const std::string& sites,
               double rateKbps,
               const std::string& moreFlows = "",
               double warmupS = 1.0)
{
    return R"(# proto-message: sagin.v1.Scenario
name: "return"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
duration_s: 10
shells { name: "geo" geo { longitudes_deg: [0] altitude_km: 35786 } }
ground_sites { name: "gw" role: GW position { lat_deg: 20 lon_deg: 5 } }
)" + sites + R"(coverage { region { lat_min_deg: -10 lat_max_deg: 10 lon_min_deg: -10 lon_max_deg: 10 } resolution_deg: 10 step_s: 5 }
measurement { warmup_s: )"
           + std::to_string(warmupS) + R"( }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: )"
           + std::to_string(rateKbps) + " packet_bytes: 1000 } start_s: 0.501 } " + moreFlows
           + "}\n";
}

constexpr double kReturnPacketBits = 8224.0; // 1,000-byte CBR payload + 28 bytes of IP/UDP

// A wide single beam and an uplink far above the Shannon cap: C/N = 60 + 10 log10(1.8) - FSPL
// (30 GHz, ~37,000 km: ~213.4 dB) + 30 dB/K + 228.6 - 62.6 > 40 dB.
const std::string kOneBeam = "count: 1 spacing_deg: 30 max_gain_dbi: 10 eirp_dbw_per_mhz: 60";
const std::string kStrongReverse = "reverse { eirp_dbw_per_mhz: 60 gt_dbk: 30 }";

sagin::v1::RunResult
RunReturn(const TempDir& dir,
          const std::string& sub,
          const std::string& scenario,
          const std::string& standard)
{
    return RunTexts(dir, sub, scenario, standard, "geo-return");
}

} // namespace

// One user below capacity: its return hop pays the slot grid instead of the private pipe's
// serialization, exactly as the forward scheduler does (run-shared-capacity-test.cc).
TEST(RunSharedReturn, OneUserBelowCapacityPaysOnlyTheSlotGrid)
{
    TempDir dir;
    const std::string sites = ReturnSite("ut-a", 35, 20) + ReturnSite("ut-b", -30, -15);
    const auto priv = RunReturn(
        dir, "private", ReturnScenario(sites, 100), ReturnStandard(kOneBeam, kStrongReverse));
    const auto shared
        = RunReturn(dir,
                    "shared",
                    ReturnScenario(sites, 100),
                    ReturnStandard(kOneBeam + " return_shared_capacity { }", kStrongReverse));
    ASSERT_GT(priv.packets().sent(), 100u);
    EXPECT_EQ(shared.packets().received(), shared.packets().sent());
    EXPECT_EQ(shared.packets().sent(), priv.packets().sent());
    // The forward summary stays empty (no forward sharing), the return one counts one user.
    EXPECT_EQ(shared.shared_capacity().users(), 0u);
    EXPECT_EQ(priv.shared_capacity_return().users(), 0u);
    EXPECT_FALSE(priv.shared_capacity_return().user_throughput_mbps().has_mean());
    EXPECT_FALSE(priv.shared_capacity_return().has_user_throughput_p5_mbps());
    const auto& r = shared.shared_capacity_return();
    EXPECT_EQ(r.users(), 1u);
    EXPECT_EQ(r.beams(), 1u);
    // Every packet meets the same slot phase (80 ms = 80 slots apart, fixed geometry).
    EXPECT_NEAR(shared.latency().one_way_ms().max(), shared.latency().one_way_ms().min(), 1e-6);
    const double diff = shared.latency().one_way_ms().mean() - priv.latency().one_way_ms().mean();
    const double w = r.queueing_delay_ms().mean();
    EXPECT_GE(w, 0.0);
    EXPECT_LT(w, 1.0);
    ValidationCheck("run.shared-return.single-user-delay",
                    "hand computation: slot wait + 3 slots - 8,224 bit / 3.6 Mbit/s",
                    "one-way delay, shared return beam - private uplink",
                    "ms",
                    diff,
                    w + 3.0 - kReturnPacketBits / 3.6e6 * 1e3,
                    1e-5);
    // ut-b is attached to the only beam too, but a beam's own terminals do not interfere with
    // it: SINR samples, no SIR sample.
    EXPECT_EQ(r.sinr_db().count(), 9u);
    EXPECT_EQ(r.sir_db().count(), 0u);
    EXPECT_GT(r.sinr_db().min(), 30.0);
}

// A grant-based uplink: the scheduling request and grant (one access round trip) come before
// the packet joins the return beam's queue, as they come before a private uplink's
// transmission; what follows the grant differs as above (slot wait + 3 slots against the
// serialization at 3.6 Mbit/s). The round trip (terminal -> GEO -> gateway gNB and back) is at
// least 4 x 35,786 km / c = 477.5 ms.
TEST(RunSharedReturn, GrantBasedUplinkWaitsForItsGrantBeforeTheQueue)
{
    TempDir dir;
    const std::string sites = ReturnSite("ut-a", 35, 20) + ReturnSite("ut-b", -30, -15);
    auto withGrant = [](std::string standard)
    {
        const std::string at = "visibility {";
        standard.insert(standard.find(at), "access_timing { grant_based_uplink: true }\n");
        return standard;
    };
    const auto priv = RunReturn(
        dir, "private", ReturnScenario(sites, 100), ReturnStandard(kOneBeam, kStrongReverse));
    const auto privGrant = RunReturn(dir,
                                     "private-grant",
                                     ReturnScenario(sites, 100),
                                     withGrant(ReturnStandard(kOneBeam, kStrongReverse)));
    const auto sharedGrant = RunReturn(
        dir,
        "shared-grant",
        ReturnScenario(sites, 100),
        withGrant(ReturnStandard(kOneBeam + " return_shared_capacity { }", kStrongReverse)));
    EXPECT_EQ(sharedGrant.packets().received(), sharedGrant.packets().sent());
    const double grantMs
        = privGrant.latency().one_way_ms().mean() - priv.latency().one_way_ms().mean();
    EXPECT_GT(grantMs, 4.0 * 35786e3 / 299792458.0 * 1e3);
    const double w = sharedGrant.shared_capacity_return().queueing_delay_ms().mean();
    EXPECT_GE(w, 0.0);
    EXPECT_LT(w, 1.0);
    EXPECT_NEAR(sharedGrant.latency().one_way_ms().mean() - privGrant.latency().one_way_ms().mean(),
                w + 3.0 - kReturnPacketBits / 3.6e6 * 1e3,
                1e-5);
}

TEST(RunSharedReturn, OverloadDeliversTheBeamCapacityAndDropsTheRest)
{
    TempDir dir;
    const std::string sites = ReturnSite("ut-a", 35, 20) + ReturnSite("ut-b", -30, -15);
    // 5.14 Mbit/s of IP bits offered to a return beam of 3.36 Mbit/s, a queue of 20 packets.
    const auto res = RunReturn(
        dir,
        "over",
        ReturnScenario(sites, 5000),
        ReturnStandard(kOneBeam + " return_shared_capacity { queue_packets: 20 }", kStrongReverse));
    const auto& r = res.shared_capacity_return();
    ASSERT_EQ(r.users(), 1u);
    ValidationCheck("run.shared-return.overload-throughput",
                    "closed form: delivered = beam capacity, 3.36 Mbit/s",
                    "return user throughput at 1.53 x capacity offered",
                    "Mbit/s",
                    r.user_throughput_mbps().mean(),
                    3.36,
                    1e-9);
    EXPECT_NEAR(r.beam_utilization().mean(), 1.0, 1e-12);
    // The same closed form as the forward overload: sent - carried - the queue of 20.
    const double sent = std::ceil((10.0 - 0.501) / 1.6e-3 - 1e-9);
    const double carried = 3.36e6 / kReturnPacketBits * (10.0 - 0.501) + 20.0;
    EXPECT_NEAR(static_cast<double>(res.drops().queue_full()), sent - carried, 2.0);
    // The forward hop (a private 3.6 Mbit/s pipe) carries what the return beam delivered.
    EXPECT_EQ(res.drops().link_down(), 0u);
}

namespace
{

// Seven receive beams of the TR 38.821 GEO Ka layout (5 m reflector at 20 GHz, adjacent beams
// 0.1527 deg apart, FR1) and one terminal at the centre of each: the terminal at the sub-
// satellite point sends, the six others (in the first-tier beams) only make their beams'
// interference. Where the first-tier boresights meet the Earth is computed here from the
// satellite's antenna frame (central beam at nadir; first tier at 0.1527 deg off it, at
// azimuths 0, 60, ..., 300 deg).
constexpr double kGeoRadiusReturn = kA + 35786e3; // the GEO's radius (altitude_km: 35786)
constexpr double kSpacingDeg = 0.1527;

struct Ground
{
    double lat;
    double lon;
    double x, y, z; // ECEF of (lat, lon) at height 0 (WGS84)
};

Ground
GroundAt(double latDeg, double lonDeg)
{
    const V e = Ecef(latDeg, lonDeg, 0.0); // run-test-util.h: closed-form WGS84
    return {latDeg, lonDeg, e.x, e.y, e.z};
}

std::vector<Ground>
FirstTierCentres()
{
    // Antenna frame at (kGeoRadiusReturn, 0, 0): z to nadir (-X), x to the north (+Z), y = z x x
    // (+Y).
    std::vector<Ground> out;
    const double s = std::sin(kSpacingDeg * M_PI / 180.0);
    for (int k = 0; k < 6; ++k)
    {
        const double phi = k * M_PI / 3.0;
        const double u = s * std::cos(phi);
        const double v = s * std::sin(phi);
        const double w = std::sqrt(1.0 - u * u - v * v);
        // Direction in ECEF: (-w, v, u); the ray from the satellite meets the sphere of radius
        // kA at t with |(kGeoRadiusReturn - t w, t v, t u)| = kA.
        const double t = kGeoRadiusReturn * w
                         - std::sqrt(kGeoRadiusReturn * kGeoRadiusReturn * w * w
                                     - (kGeoRadiusReturn * kGeoRadiusReturn - kA * kA));
        const double x = kGeoRadiusReturn - t * w;
        const double y = t * v;
        const double z = t * u;
        // Geocentric latitude: a few metres from the geodetic one at these latitudes (under
        // 0.85 deg), well inside the beam (its 3 dB radius is about 55 km).
        out.push_back(GroundAt(std::atan2(z, std::hypot(x, y)) * 180.0 / M_PI,
                               std::atan2(y, x) * 180.0 / M_PI));
    }
    return out;
}

// Circular aperture of radius 2.5 m at 20 GHz: G / G_max = (2 J1(u) / u)^2, u = k a sin(theta),
// theta the angle at the satellite between nadir (the central beam) and the terminal.
double
CentralBeamGain(const Ground& g)
{
    const double dx = g.x - kGeoRadiusReturn;
    const double d = std::sqrt(dx * dx + g.y * g.y + g.z * g.z);
    const double cosTheta = -dx / d;
    const double sinTheta = std::sqrt(std::max(0.0, 1.0 - cosTheta * cosTheta));
    if (sinTheta < 1e-15)
    {
        return 1.0;
    }
    const double u = 2.0 * M_PI * 20e9 / kC * 2.5 * sinTheta;
    const double r = 2.0 * std::cyl_bessel_j(1.0, u) / u;
    return r * r;
}

// Free-space path loss (dB) as TR 38.811 eq. 6.6-2 writes it: 32.45 + 20 log10(f / GHz) +
// 20 log10(d / m) (the constant rounds 20 log10(4 pi 1e9 / c) = 32.4478).
double
FsplDb38811(double distanceM, double frequencyGhz)
{
    return 32.45 + 20.0 * std::log10(frequencyGhz) + 20.0 * std::log10(distanceM);
}

double
RangeToGeo(const Ground& g)
{
    const double dx = g.x - kGeoRadiusReturn;
    return std::sqrt(dx * dx + g.y * g.y + g.z * g.z);
}

} // namespace

namespace
{

// The central terminal ut-a, ut-b beside it, and a terminal at each first-tier beam centre, the
// first `tierSenders` of which send `tierKbps` of CBR to the gateway (5,000: more than their
// beams carry), the others silent.
std::string
FirstTierScenario(double tierKbps, int tierSenders, double warmupS)
{
    const Ground u0 = GroundAt(0.0, 0.0);
    const Ground dest = GroundAt(0.02, 0.02);
    std::string sites = ReturnSite("ut-a", u0.lat, u0.lon) + ReturnSite("ut-b", dest.lat, dest.lon);
    std::string flows;
    const std::vector<Ground> tier = FirstTierCentres();
    for (std::size_t k = 0; k < tier.size(); ++k)
    {
        const std::string name = "ut-t" + std::to_string(k);
        sites += ReturnSite(name, tier[k].lat, tier[k].lon);
        if (static_cast<int>(k) < tierSenders)
        {
            flows += "flows { name: \"t" + std::to_string(k) + "\" endpoints { pair { from: \""
                     + name + "\" to: \"gw\" } } cbr { rate_kbps: " + std::to_string(tierKbps)
                     + " packet_bytes: 1000 } } ";
        }
    }
    return ReturnScenario(sites, 100, flows, warmupS);
}

// C/N (dB) of the central terminal over a colour band of `bandHz`: EIRP 40 dBW/MHz over the
// return band (`returnMhz`), FSPL at 30 GHz, G/T 28 dB/K, k = -228.5991672 dBW/K/Hz.
double
CentralCnDb(double bandHz, double returnMhz = 1.8)
{
    return 40.0 + 10.0 * std::log10(returnMhz) - FsplDb38811(RangeToGeo(GroundAt(0.0, 0.0)), 30.0)
           + 28.0 + 228.5991672 - 10.0 * std::log10(bandHz);
}

const std::string kSevenBeams = "count: 7 spacing_deg: 0.1527 max_gain_dbi: 58.5 "
                                "aperture_diameter_m: 5 eirp_dbw_per_mhz: 40 "
                                "return_shared_capacity { }";
const std::string kTierReverse = "reverse { eirp_dbw_per_mhz: 40 gt_dbk: 28 }";

} // namespace

// Uplink SIR and SINR of the terminal at the central beam's centre with one terminal in each of
// the six first-tier beams: SIR = g(u0) / d0^2 / sum_v g(v) / d_v^2 (equal EIRPs), each g the
// central receive beam's relative gain towards a terminal and d its range; the noise from the
// satellite's G/T. All computed here, independently of the simulator's geometry code.
TEST(RunSharedReturn, FirstTierTerminalsInterfereAtTheCentralBeamByHand)
{
    TempDir dir;
    const Ground u0 = GroundAt(0.0, 0.0);
    const std::vector<Ground> tier = FirstTierCentres();
    // Window from 2 s: the interval [0, 1) s (busy from the first slot, not from 0) is left out.
    const auto res = RunReturn(
        dir, "tier", FirstTierScenario(5000, 6, 2.0), ReturnStandard(kSevenBeams, kTierReverse));
    const auto& r = res.shared_capacity_return();
    ASSERT_EQ(r.users(), 7u);
    // One sample per sending terminal and update in the window (2, 3, ..., 9 s): 7 x 8. The
    // central terminal has all six co-channel neighbours at one spacing, busy: its SIR, SINR and
    // coupling loss are the smallest of the samples (a first-tier terminal has two busy
    // neighbours at one spacing and the nearly idle central beam).
    ASSERT_EQ(r.sir_db().count(), 56u);

    double interference = 0.0; // sum of g / d^2 (the common EIRP, gain and wavelength cancel)
    for (const Ground& v : tier)
    {
        interference += CentralBeamGain(v) / (RangeToGeo(v) * RangeToGeo(v));
    }
    const double carrier = CentralBeamGain(u0) / (RangeToGeo(u0) * RangeToGeo(u0));
    const double sirDb = 10.0 * std::log10(carrier / interference);
    // The pattern is evaluated exactly (not tabulated) on the uplink: rounding only.
    ValidationCheck("run.shared-return.first-tier-sir",
                    "closed form: Bessel pattern and ranges, six first-tier terminals, FR1",
                    "uplink SIR of a terminal at the central beam's centre, GEO Ka 7 beams",
                    "dB",
                    r.sir_db().min(),
                    sirDb,
                    1e-6);

    // Absolute powers: EIRP 40 + 10 log10(1.8) dBW, free space at 30 GHz, boresight 58.5 dBi;
    // noise k T B with T = G_max / (G/T) = 10^((58.5 - 28) / 10) K over the whole 1.8 MHz.
    auto received = [](const Ground& g)
    {
        const double fspl = std::pow(10.0, FsplDb38811(RangeToGeo(g), 30.0) / 10.0);
        return std::pow(10.0, (40.0 + 10.0 * std::log10(1.8) + 58.5) / 10.0) * CentralBeamGain(g)
               / fspl;
    };
    double interferenceW = 0.0;
    for (const Ground& v : tier)
    {
        interferenceW += received(v);
    }
    const double noiseW = 1.380649e-23 * std::pow(10.0, (58.5 - 28.0) / 10.0) * 1.8e6;
    const double sinrDb = 10.0 * std::log10(received(u0) / (interferenceW + noiseW));
    ValidationCheck("run.shared-return.first-tier-sinr",
                    "closed form: C / (I + k T B), T from G/T and the boresight gain",
                    "uplink SINR of the same terminal",
                    "dB",
                    r.sinr_db().min(),
                    sinrDb,
                    1e-6);
    // shared-capacity.csv: one row per terminal, the central one's values those above.
    const auto csv = ReadCsv(dir.Path() + "/tier/geo-return/shared-capacity.csv");
    ASSERT_EQ(csv.size(), 8u); // header + 7 terminals
    const std::vector<std::string> header = {"layer",
                                             "direction",
                                             "terminal",
                                             "samples",
                                             "coupling_loss_mean_db",
                                             "sinr_mean_db",
                                             "sinr_min_db",
                                             "sir_samples",
                                             "sir_mean_db",
                                             "throughput_mbps"};
    EXPECT_EQ(csv[0], header);
    bool central = false;
    for (std::size_t k = 1; k < csv.size(); ++k)
    {
        auto row = CsvRow(csv[0], csv[k]);
        EXPECT_EQ(row["layer"], "space");
        EXPECT_EQ(row["direction"], "return");
        if (row["terminal"] == "ut-a")
        {
            central = true;
            EXPECT_EQ(row["samples"], "8");
            EXPECT_NEAR(std::stod(row["sinr_mean_db"]), sinrDb, 1e-6);
            EXPECT_NEAR(std::stod(row["sir_mean_db"]), sirDb, 1e-6);
            EXPECT_NEAR(std::stod(row["throughput_mbps"]), 0.1028, 0.002); // 100 kbit/s CBR
        }
    }
    EXPECT_TRUE(central);
    EXPECT_NEAR(r.coupling_loss_db().min(), FsplDb38811(RangeToGeo(u0), 30.0) - 58.5, 1e-6);
    // The downlink (all beams lit) is a different sum: the forward summary is not filled.
    EXPECT_EQ(res.shared_capacity().users(), 0u);
}

// FR3 puts the first tier on the other two colours: however busy, nothing co-channel reaches the
// central beam, so the central terminal's SINR is its C/N over a third of the band (the largest
// SINR of the run); the first-tier beams share two colours among themselves, so they do see
// interference (48 SIR samples: 6 terminals x 8 updates).
TEST(RunSharedReturn, Fr3LeavesNoCoChannelTerminalInTheFirstTier)
{
    TempDir dir;
    const std::string beams = "reuse: FR3 " + kSevenBeams;
    const auto res = RunReturn(
        dir, "fr3", FirstTierScenario(5000, 6, 2.0), ReturnStandard(beams, kTierReverse));
    const auto& r = res.shared_capacity_return();
    ASSERT_EQ(r.sinr_db().count(), 56u);
    EXPECT_EQ(r.sir_db().count(), 48u);
    EXPECT_NEAR(r.sinr_db().max(), CentralCnDb(0.6e6), 1e-6);
}

// A beam's terminals interfere in proportion to the share of its resource blocks they used in
// the last update interval: silent first-tier terminals, attached to their beams, add nothing
// once their beams have been measured idle, and the central terminal's SINR is its C/N over the
// whole band.
TEST(RunSharedReturn, IdleCoChannelBeamsDoNotInterfere)
{
    TempDir dir;
    const auto res = RunReturn(
        dir, "idle", FirstTierScenario(0, 0, 1.0), ReturnStandard(kSevenBeams, kTierReverse));
    const auto& r = res.shared_capacity_return();
    ASSERT_EQ(r.users(), 1u);
    ASSERT_EQ(r.sinr_db().count(), 9u);
    EXPECT_EQ(r.sir_db().count(), 0u);
    EXPECT_NEAR(r.sinr_db().mean(), CentralCnDb(1.8e6), 1e-6);
    EXPECT_NEAR(r.sinr_db().min(), r.sinr_db().max(), 1e-9);

    // A narrower return band (reverse_bandwidth_mhz 0.36, a handheld's 2 RBs at 15 kHz): the
    // terminal's EIRP density is over that band, the noise too, so the C/N is the same, and the
    // beam's scheduler has 2 RBs of 2 x 12 x 14 = 336 bits a slot: a 100 kbit/s flow still fits.
    std::string narrow = ReturnStandard(kSevenBeams, kTierReverse);
    narrow.insert(narrow.find("bandwidth_mhz: 1.8"), "reverse_bandwidth_mhz: 0.36 ");
    const auto nres = RunReturn(dir, "narrow", FirstTierScenario(0, 0, 1.0), narrow);
    EXPECT_NEAR(nres.shared_capacity_return().sinr_db().mean(), CentralCnDb(0.36e6, 0.36), 1e-6);
    EXPECT_EQ(nres.packets().received(), nres.packets().sent());
    // An 8,224-bit packet takes 12 full slots (2 RBs of 336 bits) and 1 RB of a 13th (the
    // 160 bits left): 25 RBs per packet, one packet every 80 slots of 2 RBs: 25 / 160; the
    // 9 s window holds 112 or 113 packets, so within one packet's 25 / 18,000.
    EXPECT_NEAR(
        nres.shared_capacity_return().beam_utilization().mean(), 25.0 / 160.0, 25.0 / 18000.0);
}

// A partly busy neighbour interferes in proportion to its activity. Only ut-t0 sends: 1,000
// kbit/s of 1,000-byte CBR payload, 125 packets of 8,224 IP bits a second, one every 8 ms. Its
// SINR is far above the Shannon cap (2 bit/s/Hz: 336 bits per RB), so a packet takes 2 full slots
// (20 RBs) and 5 RBs of a third (the 1,504 bits left): 25 RBs. A 1-s update interval (1,000 slots
// x 10 RBs) holds 125 arrivals, and the packet that straddles an interval's end moves at most its
// 25 RBs across, so the measured activity a lies in [(125 x 25 - 25) / 10,000,
// (125 x 25 + 25) / 10,000] = [0.310, 0.315]. The central terminal's SIR is then
// 1 / (a x g(t0) d0^2 / (g(0) d_t0^2)): the first-tier closed form above with one interferer,
// weighted by a.
TEST(RunSharedReturn, APartlyBusyNeighbourInterferesByItsActivity)
{
    TempDir dir;
    const auto res = RunReturn(
        dir, "partial", FirstTierScenario(1000, 1, 2.0), ReturnStandard(kSevenBeams, kTierReverse));
    const auto& r = res.shared_capacity_return();
    ASSERT_EQ(r.users(), 2u);
    const Ground u0 = GroundAt(0.0, 0.0);
    const Ground t0 = FirstTierCentres()[0];
    const double ratio = (CentralBeamGain(t0) / (RangeToGeo(t0) * RangeToGeo(t0)))
                         / (CentralBeamGain(u0) / (RangeToGeo(u0) * RangeToGeo(u0)));
    auto sirAt = [ratio](double activity)
    {
        return -10.0 * std::log10(activity * ratio);
    };
    // The central terminal's samples are the smallest SIRs (ut-t0 sees the nearly idle central
    // beam only).
    EXPECT_GE(r.sir_db().min(), sirAt(0.315) - 1e-6);
    EXPECT_LE(r.sir_db().min(), sirAt(0.310) + 1e-6);
    // ut-t0's beam over the window: 125 x 25 RBs a second of 10,000, exactly.
    EXPECT_NEAR(r.beam_utilization().max(), 0.3125, 1e-12);
    // Unweighted (activity 1) it would be 5.1 dB lower.
    EXPECT_GT(r.sir_db().min(), sirAt(1.0) + 5.0);
}

TEST(RunSharedReturn, WithoutAReverseBudgetItIsAnErrorNamingThePath)
{
    TempDir dir;
    const std::string sites = ReturnSite("ut-a", 35, 20) + ReturnSite("ut-b", -30, -15);
    auto sc = dir.Write("s.txtpb", ReturnScenario(sites, 100));
    auto st
        = dir.Write("b.txtpb",
                    ReturnStandard(kOneBeam + " return_shared_capacity { overhead_fraction: 2 }",
                                   "reverse { eirp_dbw_per_mhz: 60 }"));
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("beams.return_shared_capacity.overhead_fraction"), std::string::npos)
        << r.err;
    // A return band too narrow for one resource block names the field it comes from.
    std::string narrow = ReturnStandard(
        kOneBeam + " return_shared_capacity { subcarrier_spacing_khz: 240 }", kStrongReverse);
    narrow.insert(narrow.find("bandwidth_mhz: 1.8"), "reverse_bandwidth_mhz: 0.36 ");
    auto st3 = dir.Write("d.txtpb", narrow);
    auto r3 = RunSagin({"run", sc, "--standard", st3, "--out", dir.Path() + "/bad3"});
    EXPECT_EQ(r3.status, 2) << r3.err;
    EXPECT_NE(r3.err.find("links.service_space.reverse_bandwidth_mhz"), std::string::npos)
        << r3.err;
    // No reverse budget at all (a reverse block with one side is already an error of its own).
    auto st2 = dir.Write("c.txtpb", ReturnStandard(kOneBeam + " return_shared_capacity { }", ""));
    auto r2 = RunSagin({"run", sc, "--standard", st2, "--out", dir.Path() + "/bad2"});
    EXPECT_EQ(r2.status, 2) << r2.err;
    EXPECT_NE(r2.err.find(".return_shared_capacity: needs a reverse budget"), std::string::npos)
        << r2.err;
    EXPECT_NE(r2.err.find("links.service_space.reverse"), std::string::npos) << r2.err;
}
