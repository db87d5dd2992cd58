// HAPS cells (Standard.haps.cells, HIBS) through `sagin run`: a HAPS's multi-cell layout shares
// its cells' capacity on the service_air links as a satellite's beams do, reports in the air
// layer's shared_capacity_air, and, on the band of a satellite's beams, takes their interference.
// Checked against closed forms on a geometry that does not move: a HAPS fixed 20 km above 0 N 0 E
// and, for the co-channel case, a GEO over 0 E, both straight above the receiving terminal.
#include "../common/validation.h"
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

using namespace sagin::test;

namespace
{

// Seven cells 15 deg apart, FR1, 20 dBi boresight, 10 dBW/MHz of EIRP per cell; the aperture
// follows from the 3 dB beamwidth 2 x 15 / sqrt(3) deg. Terminals: 0 dBi, 7 dB noise figure,
// 290 K. At nadir C = 10 + 2.6 - FSPL(20 km, 2 GHz) 124.5 = -111.9 dBW against N = -134.4 dBW:
// C/N = 22.5 dB, so the SINR is the SIR's (2.7 dB) less a few hundredths of a dB.
std::string
HapsStandard(const std::string& cellsExtra, const std::string& spaceExtra)
{
    return R"(# proto-message: sagin.v1.Standard
name: "hibs-cells"
access_layers: [AIR]
payload: TRANSPARENT
isl { topology: NO_ISL }
haps {
  role: BASE_STATION backhauls: [VIA_GROUND]
  cells { count: 7 spacing_deg: 15 max_gain_dbi: 20 eirp_dbw_per_mhz: 10 )"
           + cellsExtra + R"( }
}
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 air_deg: 10 }
links {
  service_air {
    frequency_ghz: 2 bandwidth_mhz: 1.8 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 2
    forward { eirp_dbw_per_mhz: 10 rx { gain_dbi: 0 noise_figure_db: 7 antenna_temperature_k: 290 } }
  }
  air_ground { rate_mbps: 1000 }
  )" + spaceExtra
           + R"(
}
)";
}

std::string
HapsScenario(bool geo)
{
    return std::string(R"(# proto-message: sagin.v1.Scenario
name: "hibs"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
duration_s: 5
)") + (geo ? "shells { name: \"geo\" geo { longitudes_deg: [0] } }\n" : "")
           + R"(aerial_platforms {
  name: "haps"
  role: HAPS
  station_keeping { center { lat_deg: 0 lon_deg: 0 alt_m: 20000 } }
}
ground_sites { name: "ut-a" role: UT position { lat_deg: 0 lon_deg: 0 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: 0 lon_deg: 0 } }
ground_sites { name: "gw" role: GW position { lat_deg: 0.1 lon_deg: 0.1 } }
coverage { region { lat_min_deg: -1 lat_max_deg: 1 lon_min_deg: -1 lon_max_deg: 1 } resolution_deg: 1 step_s: 5 }
measurement { warmup_s: 1 }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: 100 packet_bytes: 1000 } start_s: 0.501 } }
)";
}

sagin::v1::RunResult
RunHaps(const TempDir& dir, const std::string& sub, bool geo, const std::string& standard)
{
    return RunTexts(dir, sub, HapsScenario(geo), standard, "hibs-cells");
}

// Relative gain of a cell `offDeg` off its boresight: (2 J1(u) / u)^2 with u = 1.6163 sin(off) /
// sin(theta_3dB / 2), theta_3dB = 2 x 15 / sqrt(3) deg (the aperture of that beamwidth).
double
CellGain(double offDeg)
{
    const double half = 15.0 / std::sqrt(3.0) * M_PI / 180.0;
    const double u = 1.6163 * std::sin(offDeg * M_PI / 180.0) / std::sin(half);
    const double r = 2.0 * std::cyl_bessel_j(1.0, u) / u;
    return r * r;
}

} // namespace

// ut-b is at the HAPS's nadir, the central cell's boresight, and exactly one spacing off each of
// the six first-tier cells' boresights, all at the same range: every cell is lit, so
// SIR = 1 / (6 g(15 deg)), whatever the range and power.
TEST(RunHapsCells, SixLitNeighbourCellsSetTheSirAtNadir)
{
    TempDir dir;
    const auto r = RunHaps(dir, "cells", false, HapsStandard("shared_capacity { }", ""));
    EXPECT_EQ(r.packets().received(), r.packets().sent());
    const auto& air = r.shared_capacity_air();
    ASSERT_EQ(air.users(), 1u);
    ASSERT_EQ(air.sir_db().count(), 4u);        // updates at 1, 2, 3, 4 s
    EXPECT_EQ(r.shared_capacity().users(), 0u); // the space layer's: no satellite
    EXPECT_EQ(r.shared_capacity_air_return().users(), 0u);
    // The forward path's tabulated pattern: 1.5e-5 dB off here (its bound is 0.005 dB).
    ValidationCheck("run.haps-cells.nadir-sir",
                    "closed form: 1 / (6 (2 J1(u) / u)^2), u at one cell spacing",
                    "downlink SIR at a HAPS's nadir, 7 cells 15 deg apart, FR1",
                    "dB",
                    air.sir_db().mean(),
                    -10.0 * std::log10(6.0 * CellGain(15.0)),
                    1e-4);
    // `sagin coverage` sums the same cells for its SINR: the terminals' SIR is the same.
    auto sc = dir.Write("cov-scenario.txtpb", HapsScenario(false));
    auto st = dir.Write("cov-standard.txtpb", HapsStandard("", ""));
    auto cov
        = RunSagin({"coverage", sc, "--standard", st, "--out", dir.Path() + "/cov", "--no-maps"});
    ASSERT_EQ(cov.status, 0) << cov.err;
    const auto c = ReadResult(dir.Path() + "/cov", "hibs-cells");
    ASSERT_EQ(c.coverage().sinr().terminal_sir_db().n(), 2u);
    EXPECT_NEAR(c.coverage().sinr().terminal_sir_db().p50(),
                -10.0 * std::log10(6.0 * CellGain(15.0)),
                1e-4);
    // The slot grid carries the forward hop: 10 RBs of 336 bits a slot, packets below capacity.
    EXPECT_NEAR(air.user_throughput_mbps().mean(), 100e3 * 1028.0 / 1000.0 * 1e-6, 0.002);
}

// The same HAPS on the band of a GEO's beam (service_space on the same 2 GHz, 1.8 MHz, FR1: one
// co-channel group): the GEO stands over ut-b too (its one wide beam's boresight), so its
// interference is its EIRP over the HAPS central cell's, times (20 km / 35,786 km)^2 (free space;
// both boresight gains are in the EIRPs). SIR = 1 / (6 g + I_geo / C).
TEST(RunHapsCells, ASatelliteOnTheSameBandInterferesWithTheCells)
{
    TempDir dir;
    const std::string space = R"(service_space {
    frequency_ghz: 2 bandwidth_mhz: 1.8 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 2
    forward { eirp_dbw_per_mhz: 60 rx { gain_dbi: 0 noise_figure_db: 7 antenna_temperature_k: 290 } }
  }
  feeder { rate_mbps: 1000 }
}
beams { count: 1 spacing_deg: 30 max_gain_dbi: 30 eirp_dbw_per_mhz: 60)";
    const auto r = RunHaps(dir, "geo", true, HapsStandard("shared_capacity { }", space));
    const auto& air = r.shared_capacity_air();
    ASSERT_EQ(air.sir_db().count(), 4u);
    const double geoOverCell = std::pow(10.0, (60.0 - 10.0) / 10.0) * std::pow(20e3 / 35786e3, 2.0);
    ValidationCheck("run.haps-cells.geo-co-channel-sir",
                    "closed form: 1 / (6 g + EIRP ratio x (20 km / 35,786 km)^2)",
                    "downlink SIR at a HAPS's nadir with a co-channel GEO beam overhead",
                    "dB",
                    air.sir_db().mean(),
                    -10.0 * std::log10(6.0 * CellGain(15.0) + geoOverCell),
                    1e-4);
}

// The return links through the cells (return_shared_capacity with a reverse budget): ut-a, at
// the nadir 20 km below, is the only sender, and the other terminal shares its cell, so nothing
// interferes: its uplink SINR is its C/N, EIRP (23 dBm into 0 dBi over 1.8 MHz) - FSPL(20 km,
// 2 GHz) + G/T (-5 dB/K at the cell's boresight) - k - 10 log10(1.8 MHz).
TEST(RunHapsCells, ReturnLinksShareTheCellsToo)
{
    TempDir dir;
    std::string standard = HapsStandard("shared_capacity { } return_shared_capacity { }", "");
    standard.insert(standard.find("  }\n  air_ground"),
                    "    reverse { tx { power_dbm: 23 gain_dbi: 0 } gt_dbk: -5 }\n");
    const auto r = RunHaps(dir, "return", false, standard);
    EXPECT_EQ(r.packets().received(), r.packets().sent());
    const auto& ret = r.shared_capacity_air_return();
    ASSERT_EQ(ret.users(), 1u);
    ASSERT_EQ(ret.sinr_db().count(), 4u);
    EXPECT_EQ(ret.sir_db().count(), 0u);
    const double fspl = 32.45 + 20.0 * std::log10(2.0) + 20.0 * std::log10(20e3); // TR 38.811
    const double cn = (23.0 - 30.0) - fspl + (-5.0) + 228.5991672 - 10.0 * std::log10(1.8e6);
    EXPECT_NEAR(ret.sinr_db().mean(), cn, 1e-9);
    EXPECT_EQ(r.shared_capacity_air().users(), 1u); // the forward hop to ut-b
    EXPECT_EQ(r.shared_capacity_return().users(), 0u);
}

// Cells need the service_air link's band and terminal: without it the error names the cells and
// the link it looked at.
TEST(RunHapsCells, CellsWithoutAServiceAirBudgetAreAnError)
{
    TempDir dir;
    std::string standard = HapsStandard("shared_capacity { }", "");
    const std::string forward = "    forward { eirp_dbw_per_mhz: 10 rx { gain_dbi: 0 "
                                "noise_figure_db: 7 antenna_temperature_k: 290 } }\n";
    ASSERT_NE(standard.find(forward), std::string::npos);
    standard.erase(standard.find(forward), forward.size());
    auto sc = dir.Write("s.txtpb", HapsScenario(false));
    auto st = dir.Write("b.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("haps.cells: spot beams need their service link's"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("links.service_air"), std::string::npos) << r.err;
}

TEST(RunHapsCells, CellsOnAUavAreAnError)
{
    TempDir dir;
    std::string standard = HapsStandard("", "");
    standard.insert(standard.find("access {"),
                    "uav { role: BASE_STATION cells { count: 7 spacing_deg: 15 max_gain_dbi: 20 "
                    "eirp_dbw_per_mhz: 10 } }\n");
    auto sc = dir.Write("s.txtpb", HapsScenario(false));
    auto st = dir.Write("b.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("uav.cells"), std::string::npos) << r.err;
}
