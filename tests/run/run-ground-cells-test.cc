// Terrestrial cells (Standard.ground_cells) through `sagin run` and `sagin coverage`: base
// stations' cells share their capacity on the service_ground links (shared_capacity_ground),
// interfere with each other, and share one band with a satellite's beams both ways (NTN-
// terrestrial sharing). Checked against closed forms on a free-space band: two omni base
// stations 3.3 km apart on the equator, a terminal 557 m from its own, and a GEO straight above
// one terminal.
#include "../common/validation.h"
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

using namespace sagin::test;

namespace
{

// 2 GHz, 20 MHz, free space; base stations 46 dBm into 15 dBi (31 dBW over the band), terminals
// 0 dBi with a 7 dB noise figure. Per cell the scheduler has the whole band.
std::string
GroundStandard(const std::string& layers, const std::string& cells, const std::string& space)
{
    return R"(# proto-message: sagin.v1.Standard
name: "ground-cells"
access_layers: [)"
           + layers + R"(]
payload: REGENERATIVE
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { metric: SHORTEST_DELAY update_interval_ms: 1000 }
visibility { space_deg: 10 ground_range_km: 5 }
links {
  service_ground {
    frequency_ghz: 2 bandwidth_mhz: 20 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 6
    forward { tx { power_dbm: 46 gain_dbi: 15 } rx { gain_dbi: 0 noise_figure_db: 7 antenna_temperature_k: 290 } }
    reverse { tx { power_dbm: 23 gain_dbi: 0 } rx { gain_dbi: 15 noise_figure_db: 5 antenna_temperature_k: 290 } }
  }
  )" + space
           + R"(
}
ground_cells { )"
           + cells + R"( }
)";
}

// bs-a (0 E) and bs-b (0.03 E) 25 m up; ut-a (0.005 E) and ut-b (0.025 E) 1.5 m up: each
// terminal 557 m from its own base station and 2,783 m from the other. `geo`: a GEO over
// 0.025 E, its beam's boresight through ut-b.
std::string
GroundScenario(bool geo)
{
    return std::string(R"(# proto-message: sagin.v1.Scenario
name: "cells"
epoch_utc: "2026-01-01T00:00:00Z"
seed: 1
duration_s: 5
)") + (geo ? "shells { name: \"geo\" geo { longitudes_deg: [0.025] } }\n" : "")
           + R"(ground_sites { name: "bs-a" role: BS position { lat_deg: 0 lon_deg: 0 alt_m: 25 } antenna_height_m: 25 }
ground_sites { name: "bs-b" role: BS position { lat_deg: 0 lon_deg: 0.03 alt_m: 25 } antenna_height_m: 25 }
ground_sites { name: "ut-a" role: UT position { lat_deg: 0 lon_deg: 0.005 alt_m: 1.5 } }
ground_sites { name: "ut-b" role: UT position { lat_deg: 0 lon_deg: 0.025 alt_m: 1.5 } }
ground_sites { name: "gw" role: GW position { lat_deg: 0.02 lon_deg: 0.015 } }
ground_sites { name: "core" role: CORE position { lat_deg: 0.01 lon_deg: 0.015 } }
terrestrial { connect_to_nearest_core: true rate_gbps: 10 }
coverage { region { lat_min_deg: -1 lat_max_deg: 1 lon_min_deg: -1 lon_max_deg: 1 } resolution_deg: 1 step_s: 5 }
measurement { warmup_s: 1 }
traffic { flows { name: "c" endpoints { pair { from: "ut-a" to: "ut-b" } } cbr { rate_kbps: 100 packet_bytes: 1000 } start_s: 0.501 } }
)";
}

// The GEO's service link on the cells' band (2 GHz, 20 MHz, FR1: one co-channel group), one
// wide beam of 80 dBW/MHz, and VSAT-like 10 dBi terminals.
const char* kGeoOnTheBand = R"(service_space {
    frequency_ghz: 2 bandwidth_mhz: 20 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 6
    forward { eirp_dbw_per_mhz: 80 rx { gain_dbi: 10 noise_figure_db: 7 antenna_temperature_k: 290 } }
  }
  feeder { rate_mbps: 1000 }
}
beams { count: 1 spacing_deg: 30 max_gain_dbi: 30 eirp_dbw_per_mhz: 80 shared_capacity { })";

// Distance (m) from a site 1.5 m or 25 m up at `lonDeg` on the equator to another.
double
D(double lonA, double altA, double lonB, double altB)
{
    return Dist(Ecef(0, lonA, altA), Ecef(0, lonB, altB));
}

// The GEO straight above 0.025 E, as run-test-util places one (35,786.03 km above the WGS84
// equator), and its distance to ut-b.
double
GeoToUtB()
{
    const double r = kA + 35786.03e3;
    const double lon = 0.025 * M_PI / 180.0;
    const V sat{r * std::cos(lon), r * std::sin(lon), 0.0};
    return Dist(Ecef(0, 0.025, 1.5), sat);
}

// Free space, one EIRP density (dBW/MHz) against another: I / C = EIRP_i / EIRP_c x (d_c / d_i)^2.
double
GeoOverBsAtUtB()
{
    const double bsDensity = 31.0 - 10.0 * std::log10(20.0);
    return std::pow(10.0, (80.0 - bsDensity) / 10.0)
           * std::pow(D(0.03, 25, 0.025, 1.5) / GeoToUtB(), 2.0);
}

} // namespace

// Both cells lit all the time (full buffer), free space, equal EIRPs: each terminal's SIR is
// (d_other / d_own)^2, in the run (ut-b, served by bs-b through its cell's scheduler) and in
// `sagin coverage`'s terminal SIR (both terminals, by symmetry the same).
TEST(RunGroundCells, TwoOmniCellsSetTheSirByTheirDistances)
{
    TempDir dir;
    const auto r = RunTexts(dir,
                            "two",
                            GroundScenario(false),
                            GroundStandard("GROUND", "shared_capacity { }", ""),
                            "ground-cells");
    EXPECT_EQ(r.packets().received(), r.packets().sent());
    const auto& ground = r.shared_capacity_ground();
    ASSERT_EQ(ground.users(), 1u);          // the forward hop bs-b > ut-b
    ASSERT_EQ(ground.sir_db().count(), 4u); // updates at 1, 2, 3, 4 s
    EXPECT_EQ(r.shared_capacity().users(), 0u);
    EXPECT_EQ(r.shared_capacity_air().users(), 0u);
    EXPECT_EQ(r.shared_capacity_ground_return().users(), 0u);
    EXPECT_FALSE(ground.has_area_traffic_mbps_per_km2()); // a cell has no ground area
    const double sir = 20.0 * std::log10(D(0.0, 25, 0.025, 1.5) / D(0.03, 25, 0.025, 1.5));
    ValidationCheck("run.ground-cells.two-site-sir",
                    "closed form: (d_other / d_own)^2, free space, equal EIRPs",
                    "downlink SIR of a terminal between two co-channel omni base stations",
                    "dB",
                    ground.sir_db().mean(),
                    sir,
                    1e-9);
    // The SINR: C / (I + N), every term by hand (TR 38.811 free-space loss, N = k T B).
    auto received = [](double d)
    {
        return 31.0 - (32.45 + 20.0 * std::log10(2.0) + 20.0 * std::log10(d));
    };
    const double c = std::pow(10.0, received(D(0.03, 25, 0.025, 1.5)) / 10.0);
    const double i = std::pow(10.0, received(D(0.0, 25, 0.025, 1.5)) / 10.0);
    const double n = std::pow(
        10.0,
        (-228.5991672 + 10.0 * std::log10(290.0 * std::pow(10.0, 0.7)) + 10.0 * std::log10(20e6))
            / 10.0);
    EXPECT_NEAR(ground.sinr_db().mean(), 10.0 * std::log10(c / (i + n)), 1e-6);

    auto sc = dir.Write("cov-scenario.txtpb", GroundScenario(false));
    auto st = dir.Write("cov-standard.txtpb", GroundStandard("GROUND", "", ""));
    auto cov
        = RunSagin({"coverage", sc, "--standard", st, "--out", dir.Path() + "/cov", "--no-maps"});
    ASSERT_EQ(cov.status, 0) << cov.err;
    const auto cv = ReadResult(dir.Path() + "/cov", "ground-cells");
    ASSERT_EQ(cv.coverage().sinr().terminal_sir_db().n(), 2u);
    EXPECT_NEAR(cv.coverage().sinr().terminal_sir_db().p50(), sir, 1e-6);
}

// NTN -> terrestrial: a GEO's beam on the cells' band, its boresight through ut-b, adds its
// power at ut-b to bs-a's (no other payload): I / C = (bs-a's + the GEO's) over bs-b's.
TEST(RunGroundCells, ASatelliteBeamOnTheBandInterferesWithTheCells)
{
    TempDir dir;
    const auto r = RunTexts(dir,
                            "ntn",
                            GroundScenario(true),
                            GroundStandard("GROUND", "shared_capacity { }", kGeoOnTheBand),
                            "ground-cells");
    const auto& ground = r.shared_capacity_ground();
    ASSERT_EQ(ground.sir_db().count(), 4u);
    const double bsA = std::pow(D(0.03, 25, 0.025, 1.5) / D(0.0, 25, 0.025, 1.5), 2.0);
    ValidationCheck("run.ground-cells.geo-co-channel-sir",
                    "closed form: 1 / ((d_b / d_a)^2 + EIRP ratio x (d_b / d_GEO)^2)",
                    "downlink SIR of a base station's terminal under a co-channel GEO beam",
                    "dB",
                    ground.sir_db().mean(),
                    -10.0 * std::log10(bsA + GeoOverBsAtUtB()),
                    1e-6);
}

// Terrestrial -> NTN: the same GEO now serves the terminals (access_layers SPACE; the base
// stations still radiate on the band). ut-b's beam SIR is the GEO's power over both base
// stations', and it does not depend on which terminal antenna is assumed: the victim's (10 dBi
// VSAT-like here, 0 dBi on the terrestrial link) receives every source alike.
TEST(RunGroundCells, CellsOnTheBandInterfereWithTheSatelliteBeam)
{
    TempDir dir;
    const auto r = RunTexts(dir,
                            "tn",
                            GroundScenario(true),
                            GroundStandard("SPACE", "", kGeoOnTheBand),
                            "ground-cells");
    const auto& space = r.shared_capacity();
    ASSERT_GE(space.sir_db().count(), 4u);
    const double bsA = std::pow(D(0.03, 25, 0.025, 1.5) / D(0.0, 25, 0.025, 1.5), 2.0);
    // The GEO also serves ut-a, whose samples see bs-a 557 m away and bs-b 2,783 m away: the
    // same SIR by symmetry, the GEO 2.8 km off its boresight (relative gain 1 - 1e-9).
    ValidationCheck("run.ground-cells.cells-into-geo-sir",
                    "closed form: GEO power over both base stations' (free space)",
                    "downlink SIR of a GEO beam's terminal near two co-channel base stations",
                    "dB",
                    space.sir_db().mean(),
                    10.0 * std::log10(GeoOverBsAtUtB() / (1.0 + bsA)),
                    1e-4);
    EXPECT_EQ(r.shared_capacity_ground().users(), 0u);
}

// The return links through the cells (return_shared_capacity): ut-a is the only sender and
// bs-b's cell carries no uplink, so after the first measured interval nothing interferes: its
// uplink SINR is its C/N, 23 dBm - FSPL(557 m) + G/T (15 dBi over 290 K x 10^0.5) - k - B.
TEST(RunGroundCells, ReturnLinksShareTheCellsToo)
{
    TempDir dir;
    const auto r = RunTexts(dir,
                            "ret",
                            GroundScenario(false),
                            GroundStandard("GROUND", "return_shared_capacity { }", ""),
                            "ground-cells");
    EXPECT_EQ(r.packets().received(), r.packets().sent());
    const auto& ret = r.shared_capacity_ground_return();
    ASSERT_EQ(ret.users(), 1u);
    ASSERT_EQ(ret.sinr_db().count(), 4u);
    EXPECT_EQ(ret.sir_db().count(), 0u);
    const double fspl = 32.45 + 20.0 * std::log10(2.0) + 20.0 * std::log10(D(0.005, 1.5, 0.0, 25));
    const double gt = 15.0 - 10.0 * std::log10(290.0 * std::pow(10.0, 0.5));
    const double cn = (23.0 - 30.0) - fspl + gt + 228.5991672 - 10.0 * std::log10(20e6);
    EXPECT_NEAR(ret.sinr_db().mean(), cn, 1e-6);
    EXPECT_EQ(r.shared_capacity_ground().users(), 0u);
}

// access.require_sinr: a terminal may use a cell only where its SINR reaches the cells'
// min_sinr_db. Both terminals' SINR is 13.97 dB (two lit omni cells, the first test): under a
// 20 dB threshold they leave the cells for the next layer, a GEO on its own band (2.5 GHz, so
// not a co-channel interferer); under 10 dB, or without require_sinr, they stay.
TEST(RunGroundCells, RequireSinrMovesTerminalsOffCellsUnderTheirThreshold)
{
    std::string offBand = kGeoOnTheBand;
    offBand.replace(offBand.find("frequency_ghz: 2 "), 17, "frequency_ghz: 2.5 ");
    auto standard = [&](double threshold, bool require)
    {
        std::string s
            = GroundStandard("GROUND, SPACE",
                             "shared_capacity { } min_sinr_db: " + std::to_string(threshold),
                             offBand);
        if (require)
        {
            s.replace(s.find("access { rule: HIGHEST_ELEVATION }"),
                      34,
                      "access { rule: HIGHEST_ELEVATION require_sinr: true }");
        }
        return s;
    };
    TempDir dir;
    const auto low = RunTexts(dir, "low", GroundScenario(true), standard(10, true), "ground-cells");
    EXPECT_EQ(low.shared_capacity_ground().users(), 1u); // bs-b > ut-b
    EXPECT_EQ(low.shared_capacity().users(), 0u);
    const auto high
        = RunTexts(dir, "high", GroundScenario(true), standard(20, true), "ground-cells");
    EXPECT_EQ(high.shared_capacity_ground().users(), 0u);
    EXPECT_EQ(high.shared_capacity().users(), 1u); // the GEO > ut-b
    EXPECT_EQ(high.packets().received(), high.packets().sent());
    const auto off
        = RunTexts(dir, "off", GroundScenario(true), standard(20, false), "ground-cells");
    EXPECT_EQ(off.shared_capacity_ground().users(), 1u);
    EXPECT_EQ(off.shared_capacity().users(), 0u);
}

// require_sinr without any payload of beams or cells has nothing to check: an error.
TEST(RunGroundCells, RequireSinrWithoutCellsIsAnError)
{
    TempDir dir;
    std::string standard = GroundStandard("GROUND", "", "");
    standard.replace(standard.find("ground_cells { "), 17, "");
    standard.replace(standard.find("access { rule: HIGHEST_ELEVATION }"),
                     34,
                     "access { rule: HIGHEST_ELEVATION require_sinr: true }");
    auto sc = dir.Write("s.txtpb", GroundScenario(false));
    auto st = dir.Write("b.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("access.require_sinr: no payload"), std::string::npos) << r.err;
}

// UAV base stations' one cell each (uav.cell): two UAVs 100 m up over bs-a's and bs-b's sites,
// omni on a free-space service_air band, equal EIRPs: ut-b's SIR is (d_far / d_near)^2 with
// the 3D distances to the UAVs, in the air layer's shared_capacity_air. With the base stations'
// cells on the same band (ground_cells, service_ground on 2 GHz, 20 MHz) they interfere too.
TEST(RunGroundCells, UavCellsInterfereLikeAnyCell)
{
    std::string scenario = GroundScenario(false);
    scenario.insert(scenario.find("ground_sites"),
                    "aerial_platforms { name: \"uav-a\" role: UAV station_keeping { center { "
                    "lat_deg: 0 lon_deg: 0 alt_m: 100 } } }\n"
                    "aerial_platforms { name: \"uav-b\" role: UAV station_keeping { center { "
                    "lat_deg: 0 lon_deg: 0.03 alt_m: 100 } } }\n");
    const std::string airLinks = R"(service_air {
    frequency_ghz: 2 bandwidth_mhz: 20 channel: FREE_SPACE
    modulation: SHANNON max_spectral_efficiency_bps_hz: 6
    forward { eirp_dbw_per_mhz: 0 rx { gain_dbi: 0 noise_figure_db: 7 antenna_temperature_k: 290 } }
  }
  air_ground { rate_mbps: 1000 })";
    auto standard = [&](const std::string& groundCells)
    {
        std::string s = GroundStandard("AIR", groundCells, airLinks);
        s.replace(s.find("isl { topology: NO_ISL }"),
                  24,
                  "isl { topology: NO_ISL }\nuav { role: BASE_STATION backhauls: [VIA_GROUND] "
                  "cell { shared_capacity { } } }");
        s.replace(s.find("visibility { "), 13, "visibility { air_deg: 1 air_ground_deg: 0 ");
        return s;
    };
    TempDir dir;
    std::string alone = standard("");
    alone.replace(alone.find("ground_cells {  }"), 17, "");
    const auto r = RunTexts(dir, "uav", scenario, alone, "ground-cells");
    EXPECT_EQ(r.packets().received(), r.packets().sent());
    const auto& air = r.shared_capacity_air();
    ASSERT_EQ(air.users(), 1u); // uav-b > ut-b
    ASSERT_EQ(air.sir_db().count(), 4u);
    const double dNear = D(0.03, 100, 0.025, 1.5);
    const double dFar = D(0.0, 100, 0.025, 1.5);
    ValidationCheck("run.ground-cells.uav-two-cell-sir",
                    "closed form: (d_far / d_near)^2, free space, equal EIRPs",
                    "downlink SIR of a terminal between two co-channel UAV base stations",
                    "dB",
                    air.sir_db().mean(),
                    20.0 * std::log10(dFar / dNear),
                    1e-9);
    // The base stations on the same band (31 dBW against the UAVs' 0 dBW/MHz x 20 MHz) add
    // their EIRP ratio x (d / d_bs)^2 each, relative to the serving UAV.
    const auto both = RunTexts(dir, "both", scenario, standard(""), "ground-cells");
    const double bs = std::pow(10.0, (31.0 - 10.0 * std::log10(20.0)) / 10.0)
                      * (std::pow(dNear / D(0.03, 25, 0.025, 1.5), 2.0)
                         + std::pow(dNear / D(0.0, 25, 0.025, 1.5), 2.0));
    EXPECT_NEAR(both.shared_capacity_air().sir_db().mean(),
                -10.0 * std::log10(std::pow(dNear / dFar, 2.0) + bs),
                1e-9);
}

// Cells need the service_ground link's budget (its band, EIRP and terminal): on a link given
// only a fixed rate the error names ground_cells and the link.
TEST(RunGroundCells, CellsWithoutAServiceGroundBudgetAreAnError)
{
    TempDir dir;
    std::string standard = GroundStandard("GROUND", "", "");
    const std::size_t from = standard.find("  service_ground {");
    const std::size_t to = standard.find("  }\n", from) + 4;
    standard.replace(from, to - from, "  service_ground { rate_mbps: 100 }\n");
    auto sc = dir.Write("s.txtpb", GroundScenario(false));
    auto st = dir.Write("b.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("ground_cells: terrestrial cells need links.service_ground"),
              std::string::npos)
        << r.err;
}

// A cell on a relay UAV, or `cell` under haps (whose layout is `cells`): both reported at once.
TEST(RunGroundCells, UavCellOnARelayAndHapsCellAreErrors)
{
    TempDir dir;
    std::string standard = GroundStandard("GROUND", "", "");
    standard.replace(standard.find("isl { topology: NO_ISL }"),
                     24,
                     "isl { topology: NO_ISL }\nuav { role: RELAY cell { } }\nhaps { cell { } }");
    auto sc = dir.Write("s.txtpb", GroundScenario(false));
    auto st = dir.Write("b.txtpb", standard);
    auto r = RunSagin({"run", sc, "--standard", st, "--out", dir.Path() + "/bad"});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("uav.cell: needs uav.role BASE_STATION"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("haps.cell: a HAPS's cells are haps.cells"), std::string::npos) << r.err;
}
