// Coverage by downlink SINR (spot beams, Standard.beams) against hand computations written out
// here with std::cyl_bessel_j and the TR 38.811 free-space path loss (not the code under test):
// one satellite with one beam (SINR = C/N), FR1 against FR3 at a beam centre, a second satellite's
// beam lowering the SINR by the closed-form amount, SINR coverage with no threshold equal to
// visibility coverage, and the interference grid against the exact sum over every beam.
#include "core/model/text-format.h"
#include "coverage-test-util.h"
#include "coverage/model/coverage-engine.h"
#include "coverage/model/coverage-point.h"
#include "scenario/model/text-input.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <sstream>

namespace sagin::test
{
namespace
{

// Satellites held over the equator at 600 km above the equatorial radius (GEO shell: fixed in
// ECEF), a terminal on the ellipsoid at (0, 20): the satellite at longitude 20 is at its nadir,
// 600 km away.
std::string
Satellites(const std::string& longitudes)
{
    return R"(name: "beams" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60
              shells { name: "s" geo { longitudes_deg: [)"
           + longitudes + "] altitude_km: 600 } }";
}

/// Service link: 20 GHz, 400 MHz, terminal 39.7 dBi, NF 1.2 dB, 150 K (TR 38.821 set-1 VSAT).
std::string
Standard(const std::string& beams)
{
    return R"(name: "b" payload: REGENERATIVE access_layers: [SPACE] visibility { space_deg: 10 }
              links { service_space { frequency_ghz: 20 bandwidth_mhz: 400 channel: FREE_SPACE
                modulation: DVB_S2X forward { eirp_dbw_per_mhz: 4
                rx { gain_dbi: 39.7 noise_figure_db: 1.2 antenna_temperature_k: 150 } } } }
              beams { )"
           + beams + " }";
}

std::vector<CoveragePoint>
OnePoint(double lat, double lon)
{
    CoveragePoint p;
    p.name = "ut";
    p.lat_deg = lat;
    p.lon_deg = lon;
    p.isCell = true;
    p.areaWeight = 1.0;
    p.area_km2 = 1.0;
    return {p};
}

/// (2 J1(u) / u)^2 in dB.
double
BesselDb(double u)
{
    const double r = 2.0 * std::cyl_bessel_j(1.0, u) / u;
    return 10.0 * std::log10(r * r);
}

double
Db(double x)
{
    return 10.0 * std::log10(x);
}

double
Lin(double db)
{
    return std::pow(10.0, db / 10.0);
}

// Shared terms of the hand computations (TR 38.811 eq. 6.6-2 FSPL, f in GHz, d in m):
//   beam EIRP (the density is an EIRP: G_max included) over the whole band:
//     4 dBW/MHz + 10 log10(400) = 30.0206 dBW
//   FSPL(600 km) = 32.45 + 20 log10(20) + 20 log10(600e3) = 174.0336 dB
//   C (boresight) = 30.0206 - 174.0336 + 39.7 = -104.3130 dBW
//   T_sys = 150 + 290 (10^0.12 - 1) = 242.28 K; N(B) = -228.5992 + 10 log10(242.28) + 10 log10 B
const double kBeamPowerDbw = 4.0 + Db(400.0);
const double kFspl600 = 32.45 + 20.0 * std::log10(20.0) + 20.0 * std::log10(600e3);
const double kCarrierDbw = kBeamPowerDbw - kFspl600 + 39.7;
const double kTsys = 150.0 + 290.0 * (std::pow(10.0, 0.12) - 1.0);
double
NoiseDbw(double bandwidthHz)
{
    return -228.5991672 + Db(kTsys) + Db(bandwidthHz);
}

double
SinrAtOnePoint(const CoverageSetup& setup, double lat, double lon)
{
    CoverageEngine engine(*setup.builder, OnePoint(lat, lon), 1);
    EXPECT_TRUE(engine.HasBeams());
    SampleEvery(engine, *setup.builder, 0.0, 1.0, 1);
    const PointCoverage r = engine.Result(0);
    EXPECT_EQ(r.availability[kCoverSpace], 1.0);
    EXPECT_EQ(r.sinrTime_s, 1.0);
    return r.sinrMean_db;
}

constexpr double kC = 299792458.0;
constexpr double kKa = 2.0 * kPiT * 20e9 / kC * 0.25; // k a of the 0.5 m reflector at 20 GHz

} // namespace

TEST(CoverageSinr, OneSatelliteOneBeamGivesCarrierToNoise)
{
    // One beam, no other satellite: no interference, SINR = C/N over the whole band.
    //   C/N = -104.3130 - (-228.5992 + 23.8434 + 86.0206) = 14.4221 dB
    auto setup = MakeSetup(Satellites("20"),
                           Standard("count: 1 spacing_deg: 1.53 max_gain_dbi: 38.5 "
                                    "aperture_diameter_m: 0.5 eirp_dbw_per_mhz: 4"));
    const double cn = kCarrierDbw - NoiseDbw(400e6);
    EXPECT_NEAR(cn, 14.4221, 1e-4);
    EXPECT_NEAR(SinrAtOnePoint(setup, 0.0, 20.0), cn, 1e-9);
}

TEST(CoverageSinr, Fr1AgainstFr3AtTheCentreBeam)
{
    // 19 beams, spacing s = 1.53 deg, the terminal at the centre beam's boresight (nadir). A beam
    // at distance rho on the unit hexagon has its boresight at sin(angle) = rho sin(s) from the
    // axis, so the terminal sees it at u = k a rho sin(s) (k a = 104.79):
    //   rho = 1 (6 beams):       u = 2.7980, g = -10.65 dB
    //   rho = sqrt(3) (6 beams): u = 4.8463, g = -17.96 dB
    //   rho = 2 (6 beams):       u = 5.5960, g = -18.44 dB
    // FR1: I = C x 6 (g1 + g3 + g2), N over 400 MHz.
    // FR3: colour (q - r) mod 3; only the six at sqrt(3) share the centre's: I = C x 6 g3, and
    // the beam's power spreads over 400/3 MHz, so N drops by 10 log10 3 = 4.77 dB while C stays.
    const double s = 1.53 * kPiT / 180.0;
    const double g1 = Lin(BesselDb(kKa * std::sin(s)));
    const double g3 = Lin(BesselDb(kKa * std::sqrt(3.0) * std::sin(s)));
    const double g2 = Lin(BesselDb(kKa * 2.0 * std::sin(s)));
    EXPECT_NEAR(Db(g1), -10.65, 0.01);
    EXPECT_NEAR(Db(g3), -17.96, 0.01);
    EXPECT_NEAR(Db(g2), -18.44, 0.01);
    const double c = Lin(kCarrierDbw);
    const double fr1 = Db(c / (c * 6.0 * (g1 + g2 + g3) + Lin(NoiseDbw(400e6))));
    const double fr3 = Db(c / (c * 6.0 * g3 + Lin(NoiseDbw(400e6 / 3.0))));
    // fr1 = 1.34 dB, fr3 = 9.67 dB (C/N 14.42 dB over the whole band, 19.19 dB over a third)
    EXPECT_NEAR(fr1, 1.34, 0.01);
    EXPECT_NEAR(fr3, 9.67, 0.01);
    const std::string common = "count: 19 spacing_deg: 1.53 max_gain_dbi: 38.5 "
                               "aperture_diameter_m: 0.5 eirp_dbw_per_mhz: 4 reuse: ";
    // The tabulated pattern is within 1e-4 dB of the Bessel form in the main lobe and first
    // sidelobes at these points.
    EXPECT_NEAR(SinrAtOnePoint(MakeSetup(Satellites("20"), Standard(common + "FR1")), 0.0, 20.0),
                fr1,
                2e-4);
    EXPECT_NEAR(SinrAtOnePoint(MakeSetup(Satellites("20"), Standard(common + "FR3")), 0.0, 20.0),
                fr3,
                2e-4);
}

TEST(CoverageSinr, TerminalCouplingLossSirAndSinrPoints)
{
    // The FR1 and FR3 cases above with the point as a user terminal (a site): one sample each,
    // so p5 = p50 = p95 = that sample, n = 1.
    //   coupling loss = FSPL - G_max - G_ut = 174.0336 - 38.5 - 39.7 = 95.8336 dB
    //   SIR FR1 = -10 log10(6 (g1 + g2 + g3)), FR3 = -10 log10(6 g3)
    const double s = 1.53 * kPiT / 180.0;
    const double g1 = Lin(BesselDb(kKa * std::sin(s)));
    const double g3 = Lin(BesselDb(kKa * std::sqrt(3.0) * std::sin(s)));
    const double g2 = Lin(BesselDb(kKa * 2.0 * std::sin(s)));
    for (const char* reuse : {"FR1", "FR3"})
    {
        auto setup
            = MakeSetup(Satellites("20"),
                        Standard(std::string("count: 19 spacing_deg: 1.53 max_gain_dbi: 38.5 "
                                             "aperture_diameter_m: 0.5 eirp_dbw_per_mhz: 4 "
                                             "reuse: ")
                                 + reuse));
        auto points = OnePoint(0.0, 20.0);
        points[0].isCell = false;
        points[0].areaWeight = 0.0;
        points[0].area_km2 = 0.0;
        CoverageEngine engine(*setup.builder, points, 1);
        SampleEvery(engine, *setup.builder, 0.0, 1.0, 1);
        v1::CoverageSummary summary;
        engine.FillSummary(summary);
        const auto& q = summary.sinr();
        const bool fr1 = std::string(reuse) == "FR1";
        const double sir = -Db(6.0 * (fr1 ? g1 + g2 + g3 : g3));
        const double sinr = fr1 ? 1.3420 : 9.6668;
        EXPECT_EQ(q.terminal_coupling_loss_db().n(), 1u);
        EXPECT_NEAR(q.terminal_coupling_loss_db().p5(), 95.8336, 1e-4);
        EXPECT_NEAR(q.terminal_coupling_loss_db().p95(), 95.8336, 1e-4);
        EXPECT_NEAR(q.terminal_sir_db().p50(), sir, 2e-4) << reuse;
        EXPECT_NEAR(q.terminal_sinr_db().p50(), sinr, 2e-4) << reuse;
        EXPECT_EQ(q.cell_samples(), 0u);
        EXPECT_FALSE(q.has_sinr_p50_db()); // no cells
        EXPECT_NEAR(engine.Result(0).couplingLossMean_db, 95.8336, 1e-4);
        EXPECT_NEAR(engine.Result(0).sirMean_db, sir, 2e-4);
    }
}

TEST(CoverageSinr, SecondSatelliteLowersSinrByItsCoChannelPower)
{
    // Single-beam payloads with a broad beam (reflector 19.08 mm at 20 GHz: k a = 3.9989, 3 dB
    // beamwidth 2 asin(1.6163 / 4) = 47.7 deg), 20 dBi. Satellite A at the terminal's nadir,
    // satellite B 2 deg of longitude east: the terminal lies in B's main lobe, and A (closer, on
    // boresight) serves. Closed form:
    //   SINR = C_A / (N + I_B), C_A = EIRP - FSPL(600 km) + 39.7,
    //   I_B = EIRP + 10 log10 (2 J1(u) / u)^2 - FSPL(d_B) + 39.7, u = k a sin(eta_B),
    // with d_B and B's off-nadir angle eta_B from the positions written here.
    const double a = 0.01908 / 2.0;
    const double ka = 2.0 * kPiT * 20e9 / kC * a; // 3.9989
    const std::string beams = "count: 1 spacing_deg: 30 max_gain_dbi: 20 aperture_diameter_m: "
                              "0.01908 eirp_dbw_per_mhz: 4";
    const double alone = SinrAtOnePoint(MakeSetup(Satellites("20"), Standard(beams)), 0.0, 20.0);
    const double both = SinrAtOnePoint(MakeSetup(Satellites("20, 22"), Standard(beams)), 0.0, 20.0);

    const Vec3 ut = Ecef(0.0, 20.0, 0.0);
    const double r = kA + 600e3;
    const Vec3 satB(r * std::cos(22.0 * kPiT / 180.0), r * std::sin(22.0 * kPiT / 180.0), 0.0);
    const Vec3 d = ut - satB;
    const double range = Norm(d);
    const double eta = std::acos(-Dot(satB, d) / (r * range)); // off B's nadir
    EXPECT_NEAR(eta * 180.0 / kPiT, 20.2, 0.1);
    const double fsplB = 32.45 + 20.0 * std::log10(20.0) + 20.0 * std::log10(range);
    const double carrier = kBeamPowerDbw - kFspl600 + 39.7;
    const double interference = kBeamPowerDbw + BesselDb(ka * std::sin(eta)) - fsplB + 39.7;
    const double n = NoiseDbw(400e6);
    EXPECT_NEAR(alone, carrier - n, 1e-9);
    const double expected = carrier - Db(Lin(n) + Lin(interference));
    EXPECT_NEAR(both, expected, 1e-4);
    // B's main lobe towards the terminal (-2.17 dB at eta = 20.23 deg, 643.6 km away): the
    // drop is large: C/I = 2.78 dB, SINR 14.42 -> 2.49 dB.
    EXPECT_NEAR(alone, 14.4221, 1e-4);
    EXPECT_NEAR(both, 2.4886, 1e-4);
}

namespace
{

constexpr const char* kWalkerBeams = R"(
    name: "walker" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 7200
    shells { name: "w" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 96 planes: 12 phasing: 1 } }
    ground_sites { name: "nairobi" role: UT position { lat_deg: -1.29 lon_deg: 36.82 alt_m: 1795 } population: 4400000 }
    ground_sites { name: "oslo" role: UT position { lat_deg: 59.91 lon_deg: 10.75 } population: 700000 }
)";

std::string
WalkerStandard(const std::string& extra)
{
    return R"(name: "b" payload: REGENERATIVE access_layers: [SPACE] visibility { space_deg: 25 }
              links { service_space { frequency_ghz: 20 bandwidth_mhz: 400 channel: FREE_SPACE
                modulation: DVB_S2X forward { eirp_dbw_per_mhz: 4
                rx { gain_dbi: 39.7 noise_figure_db: 1.2 antenna_temperature_k: 150 } } } }
              beams { count: 61 footprint_diameter_km: 100 max_gain_dbi: 38.5
                      eirp_dbw_per_mhz: 4 )"
           + extra + " }";
}

std::vector<CoveragePoint>
GridAndSites(const World& world, double res)
{
    v1::CoverageGrid grid;
    grid.set_resolution_deg(res);
    auto points = GridPoints(grid);
    auto sites = TerminalPoints(world);
    points.insert(points.end(), sites.begin(), sites.end());
    return points;
}

} // namespace

TEST(CoverageSinr, NoThresholdEqualsVisibilityCoverageExactly)
{
    // With the threshold at -inf every sample with a serving satellite counts: SINR availability
    // must equal the space layer's visibility availability point by point, bit for bit.
    auto setup = MakeSetup(kWalkerBeams, WalkerStandard("reuse: FR1"));
    CoverageEngine engine(*setup.builder, GridAndSites(*setup.world, 4.0), 2);
    engine.SetSinrThresholdForTest(-std::numeric_limits<double>::infinity());
    SampleEvery(engine, *setup.builder, 0.0, 300.0, 8);
    int served = 0;
    for (size_t i = 0; i < engine.Points().size(); ++i)
    {
        const PointCoverage r = engine.Result(i);
        ASSERT_EQ(r.sinrAvailability, r.availability[kCoverSpace]) << engine.Points()[i].name;
        served += r.availability[kCoverSpace] > 0.0;
    }
    EXPECT_GT(served, 100);
    v1::CoverageSummary s;
    engine.FillSummary(s);
    ASSERT_TRUE(s.has_sinr());
    EXPECT_EQ(s.sinr().area_fraction(), s.area_by_layer().space());
    EXPECT_EQ(s.sinr().population_fraction(), s.population_by_layer().space());
    EXPECT_FALSE(s.sinr().has_min_sinr_db());
}

TEST(CoverageSinr, BelowThresholdIsDistinguishableAndFr3BeatsFr1)
{
    // FR1 with a 5 dB threshold: some cells are served visibly but not by SINR (their
    // availability_sinr is below availability_space); FR3 raises the SINR percentiles.
    auto fr1 = MakeSetup(kWalkerBeams, WalkerStandard("reuse: FR1 min_sinr_db: 5"));
    auto fr3 = MakeSetup(kWalkerBeams, WalkerStandard("reuse: FR3 min_sinr_db: 5"));
    v1::CoverageSummary s1;
    v1::CoverageSummary s3;
    int belowThreshold = 0;
    for (auto [setup, summary] : {std::pair{&fr1, &s1}, std::pair{&fr3, &s3}})
    {
        CoverageEngine engine(*setup->builder, GridAndSites(*setup->world, 4.0), 2);
        SampleEvery(engine, *setup->builder, 0.0, 300.0, 8);
        engine.FillSummary(*summary);
        for (size_t i = 0; i < engine.Points().size(); ++i)
        {
            const PointCoverage r = engine.Result(i);
            EXPECT_LE(r.sinrAvailability, r.availability[kCoverSpace]);
            belowThreshold += setup == &fr1 && r.sinrAvailability < r.availability[kCoverSpace];
        }
    }
    EXPECT_GT(belowThreshold, 0);
    EXPECT_EQ(s1.sinr().min_sinr_db(), 5.0);
    EXPECT_LT(s1.sinr().area_fraction(), s1.area_by_layer().space());
    EXPECT_GT(s3.sinr().sinr_p50_db(), s1.sinr().sinr_p50_db() + 3.0);
    EXPECT_GT(s3.sinr().area_fraction(), s1.sinr().area_fraction());
    EXPECT_EQ(s1.area_by_layer().space(), s3.area_by_layer().space());
    EXPECT_GT(s1.sinr().cell_samples(), 0u);
}

TEST(CoverageSinr, ThreadsAndBruteForceGiveIdenticalCsv)
{
    auto setup = MakeSetup(kWalkerBeams, WalkerStandard("reuse: FR3"));
    const auto points = GridAndSites(*setup.world, 5.0);
    std::vector<std::string> csv;
    for (auto [threads, brute] : {std::pair{1, false}, std::pair{2, false}, std::pair{2, true}})
    {
        CoverageEngine engine(*setup.builder, points, threads);
        engine.SetBruteForce(brute);
        SampleEvery(engine, *setup.builder, 0.0, 600.0, 4);
        std::ostringstream os;
        engine.WriteCsv(os);
        v1::CoverageSummary s;
        engine.FillSummary(s);
        csv.push_back(os.str() + s.SerializeAsString());
    }
    EXPECT_EQ(csv[1], csv[0]);
    EXPECT_EQ(csv[2], csv[0]);
    EXPECT_NE(csv[0].find(",min_serving,availability_sinr,sinr_mean_db,sinr_min_db,coupling_loss_"
                          "mean_db,sir_mean_db\n"),
              std::string::npos);
}

TEST(CoverageSinr, InterferenceGridMatchesTheExactSum)
{
    // Satellites that only interfere at a point are summed from their payload's tabulated grid
    // (BeamSumGrid); the reference sums every beam. Narrow beams (100 km footprints, 38.5 dBi)
    // and the broad ones of ntn-leo-beams-fr3 (6 deg apart, 27 dBi: beams cross 90 deg off a
    // terminal near the horizon, the pattern's step to G_min).
    const char* layouts[]
        = {"count: 61 footprint_diameter_km: 100 max_gain_dbi: 38.5 eirp_dbw_per_mhz: 4 reuse: FR3",
           "count: 61 spacing_deg: 6 max_gain_dbi: 27 eirp_dbw_per_mhz: 4 reuse: FR3"};
    for (const char* layout : layouts)
    {
        SCOPED_TRACE(layout);
        const std::string standard
            = R"(name: "b" payload: REGENERATIVE access_layers: [SPACE] visibility { space_deg: 25 }
              links { service_space { frequency_ghz: 20 bandwidth_mhz: 400 channel: FREE_SPACE
                modulation: DVB_S2X forward { eirp_dbw_per_mhz: 4
                rx { gain_dbi: 39.7 noise_figure_db: 1.2 antenna_temperature_k: 150 } } } }
              beams { )"
              + std::string(layout) + " }";
        auto setup = MakeSetup(kWalkerBeams, standard);
        const auto points = GridAndSites(*setup.world, 3.0);
        std::vector<PointCoverage> results[2];
        for (int exact = 0; exact < 2; ++exact)
        {
            CoverageEngine engine(*setup.builder, points, 2);
            engine.SetExactInterference(exact != 0);
            SampleEvery(engine, *setup.builder, 0.0, 300.0, 6);
            for (size_t i = 0; i < points.size(); ++i)
            {
                results[exact].push_back(engine.Result(i));
            }
        }
        double worst = 0.0;
        int compared = 0;
        for (size_t i = 0; i < points.size(); ++i)
        {
            const PointCoverage& g = results[0][i];
            const PointCoverage& e = results[1][i];
            ASSERT_EQ(g.sinrTime_s, e.sinrTime_s);
            ASSERT_EQ(g.couplingLossMean_db, e.couplingLossMean_db); // serving beams: exact
            if (e.sinrTime_s > 0.0)
            {
                worst = std::max({worst,
                                  std::abs(g.sinrMean_db - e.sinrMean_db),
                                  std::abs(g.sinrMin_db - e.sinrMin_db),
                                  std::abs(g.sirMean_db - e.sirMean_db)});
                ++compared;
            }
        }
        EXPECT_GT(compared, 500);
        EXPECT_LT(worst, 0.002); // dB
        std::printf("%d points, worst SINR/SIR difference %.5f dB\n", compared, worst);
    }
}

TEST(CoverageSinr, EarthFixedCellsAnchoredEverySampleAreEarthMovingBeams)
{
    // Quasi-Earth-fixed cells re-laid at every sample (anchor period = the 300 s step, samples at
    // its multiples) are the Earth-moving beams of that instant, reached by another path (cells
    // laid on the sphere, boresights steered back at them, summed beam by beam): the same SINR.
    // With a 1,200 s anchor the cells stay put between re-layings and the numbers change.
    auto moving = MakeSetup(kWalkerBeams, WalkerStandard("reuse: FR3"));
    auto every = MakeSetup(kWalkerBeams,
                           WalkerStandard("reuse: FR3 steering: EARTH_FIXED anchor_period_s: 300"));
    auto slow = MakeSetup(kWalkerBeams,
                          WalkerStandard("reuse: FR3 steering: EARTH_FIXED anchor_period_s: 1200"));
    const auto points = GridAndSites(*moving.world, 5.0);
    std::vector<PointCoverage> results[3];
    int k = 0;
    for (auto* setup : {&moving, &every, &slow})
    {
        CoverageEngine engine(*setup->builder, points, 2);
        engine.SetExactInterference(true);
        SampleEvery(engine, *setup->builder, 0.0, 300.0, 6);
        for (size_t i = 0; i < points.size(); ++i)
        {
            results[k].push_back(engine.Result(i));
        }
        ++k;
    }
    int compared = 0;
    int differ = 0;
    for (size_t i = 0; i < points.size(); ++i)
    {
        const PointCoverage& m = results[0][i];
        const PointCoverage& e = results[1][i];
        ASSERT_EQ(m.sinrTime_s, e.sinrTime_s) << i;
        if (m.sinrTime_s > 0.0)
        {
            EXPECT_NEAR(e.sinrMean_db, m.sinrMean_db, 1e-9) << i;
            EXPECT_NEAR(e.couplingLossMean_db, m.couplingLossMean_db, 1e-9) << i;
            ++compared;
            differ += std::abs(results[2][i].sinrMean_db - m.sinrMean_db) > 0.01
                      || results[2][i].sinrTime_s != m.sinrTime_s;
        }
    }
    EXPECT_GT(compared, 300);
    EXPECT_GT(differ, compared / 4);
}

} // namespace sagin::test

namespace sagin::test
{

TEST(CoverageSinr, BeamLayoutErrorsAreReportedAtOnceWithFieldPaths)
{
    v1::Standard s;
    ParseTextInto("<t>",
                  R"(name: "bad" payload: REGENERATIVE
                     beams { count: 20 reuse: FR3 polarization_isolation_db: 10 max_gain_dbi: 0
                             steering: EARTH_FIXED additional_loss_db: -1 interference_cut_db: 120 }
                     shell_links { shell: "s" beams { count: 7 footprint_diameter_km: 0
                                                      max_gain_dbi: 30 anchor_period_s: 60 } }
                     shell_links { shell: "t" beams { count: 0 } })",
                  s);
    const auto lines = ValidateStandard(s).Format("x.txtpb");
    auto has = [&](const std::string& text)
    {
        return std::any_of(lines.begin(),
                           lines.end(),
                           [&](const std::string& l)
                           {
                               return l.find(text) != std::string::npos;
                           });
    };
    EXPECT_TRUE(has("beams.count: must be 1 + 3 k (k + 1) (1, 7, 19, 37, 61, 127, ...) and at "
                    "most 1027, got 20"));
    EXPECT_TRUE(has("x.txtpb: error: beams: must give the beam spacing: spacing_deg or "
                    "footprint_diameter_km"));
    EXPECT_TRUE(has("beams.polarization_isolation_db: applies to FR4 reuse only"));
    EXPECT_TRUE(has("beams.max_gain_dbi: must be in (0, 80] dBi, got 0"));
    EXPECT_TRUE(has("beams.anchor_period_s: EARTH_FIXED beams need an anchor period > 0 s"));
    EXPECT_TRUE(has("shell_links[0].beams.anchor_period_s: applies to EARTH_FIXED steering only"));
    EXPECT_TRUE(has("beams.additional_loss_db: must be >= 0, got -1"));
    EXPECT_TRUE(has("beams.interference_cut_db: must be in (0, 100] dB (or 0: 50), got 120"));
    EXPECT_TRUE(has("shell_links[0].beams.footprint_diameter_km: must be > 0, got 0"));
    EXPECT_EQ(lines.size(), 9u) << ::testing::PrintToString(lines);
}

TEST(CoverageSinr, BeamsNeedTheServiceLinkAndCanBeTurnedOffPerShell)
{
    const std::string world = R"(name: "w" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60
        shells { name: "low" geo { longitudes_deg: [20] altitude_km: 600 } }
        shells { name: "high" geo { longitudes_deg: [40] altitude_km: 1200 } })";
    v1::Scenario scenario;
    ParseTextInto("<w>", world, scenario);
    World w = BuildWorld(scenario, SAGIN_SOURCE_DIR, "<w>");
    v1::Standard s;
    ParseTextInto(
        "<s>",
        R"(name: "b" beams { count: 7 spacing_deg: 2 max_gain_dbi: 30 eirp_dbw_per_mhz: 4 })",
        s);
    ErrorList errors;
    ResolveStandard(s, w, errors);
    const auto lines = errors.Format("s.txtpb");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("beams (shell 'low'): spot beams need their service link's "
                            "frequency_ghz, bandwidth_mhz and forward receive side (rx or gt_dbk) "
                            "at links.service_space"),
              std::string::npos)
        << lines[0];
    // With the link, and beams off for "high": only "low" has beams.
    ParseTextInto(
        "<s>",
        R"(name: "b" beams { count: 7 spacing_deg: 2 max_gain_dbi: 30 eirp_dbw_per_mhz: 4 }
                     links { service_space { frequency_ghz: 20 bandwidth_mhz: 400 channel: FREE_SPACE
                       modulation: DVB_S2X forward { eirp_dbw_per_mhz: 4 gt_dbk: 15 } } }
                     shell_links { shell: "high" beams { count: 0 } })",
        s);
    ErrorList ok;
    StandardPolicy p = ResolveStandard(s, w, ok);
    EXPECT_TRUE(ok.Empty());
    ASSERT_NE(p.Beams(0), nullptr);
    EXPECT_EQ(p.Beams(1), nullptr);
    // G/T 15 dB/K as a 290 K system: gain 15 + 10 log10(290) = 39.62 dBi, NF 0 dB.
    EXPECT_NEAR(p.Beams(0)->rx.gainDbi, 15.0 + 24.6240, 1e-4);
    // No min_sinr_db, no min_cn_db: the DVB-S2X table's lowest threshold (QPSK 2/9, -2.85 dB).
    EXPECT_NEAR(p.Beams(0)->minSinr_db, -2.85, 1e-9);
    // A threshold outside [-50, 60] dB (or NaN) names its field, for every shell that uses it.
    for (const char* bad : {"nan", "100", "-inf"})
    {
        ParseTextInto("<s>",
                      std::string(R"(name: "b" beams { count: 7 spacing_deg: 2 max_gain_dbi: 30
                                       eirp_dbw_per_mhz: 4 min_sinr_db: )")
                          + bad + R"( }
                     links { service_space { frequency_ghz: 20 bandwidth_mhz: 400 channel: FREE_SPACE
                       modulation: DVB_S2X forward { eirp_dbw_per_mhz: 4 gt_dbk: 15 } } })",
                      s);
        ErrorList e;
        ResolveStandard(s, w, e);
        const auto text = e.Format("s.txtpb");
        ASSERT_EQ(text.size(), 2u) << bad;
        EXPECT_NE(text[0].find("beams (shell 'low').min_sinr_db: must be a finite SINR in [-50, "
                               "60] dB, got "),
                  std::string::npos)
            << text[0];
    }
}

} // namespace sagin::test
