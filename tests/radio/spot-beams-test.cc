// Spot beams against closed forms written out here: the hexagonal grid, ground beam centres of a
// nadir-pointing LEO-600 satellite, the 3 dB contour, the colouring of FR3/FR4 and the SIR of a
// terminal at a beam centre with the first tier interfering (Bessel gain computed here with
// std::cyl_bessel_j, not with the code under test).
#include "radio/model/spot-beams.h"

#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <stdexcept>

namespace sagin
{
namespace
{

constexpr double kPiSpot = 3.14159265358979323846;
constexpr double kR = 6371e3; // sphere of TR 38.811 / 38.821
constexpr double kH = 600e3;  // LEO-600
constexpr double kC = 299792458.0;

/// Set-1 LEO Ka payload (38.5 dBi, 0.5 m reflector, 20 GHz, 4 dBW/MHz over 400 MHz) over the
/// point (0, 0, R), pointing at nadir.
SpotBeamConfig
Leo600KaConfig(int beams, FrequencyReuse reuse, double spacingRad)
{
    SpotBeamConfig c;
    c.numBeams = beams;
    c.spacingRad = spacingRad;
    c.reuse = reuse;
    c.maxGainDbi = 38.5;
    c.apertureRadiusM = 0.25;
    c.frequencyHz = 20e9;
    c.eirpDensityDbwPerMhz = 4.0;
    c.bandwidthHz = 400e6;
    return c;
}

SpotBeamPayload
NadirPayload(const SpotBeamConfig& c)
{
    SpotBeamPayload p(c);
    p.Place(Vec3(0, 0, kR + kH), Vec3(0, 0, -1), Vec3(1, 0, 0));
    return p;
}

double
HexDistance(const HexBeam& a, const HexBeam& b)
{
    int dq = a.q - b.q, dr = a.r - b.r;
    return std::max({std::abs(dq), std::abs(dr), std::abs(dq + dr)});
}

TEST(SpotBeams, HexCountsAndTiers)
{
    for (int k = 0; k <= 6; ++k)
    {
        int n = 1 + 3 * k * (k + 1); // 1, 7, 19, 37, 61, 91, 127
        int tiers = -1;
        EXPECT_TRUE(IsHexBeamCount(n, &tiers));
        EXPECT_EQ(tiers, k);
        auto grid = HexBeamGrid(n, FrequencyReuse::kFr1);
        ASSERT_EQ(static_cast<int>(grid.size()), n);
        // Tier t holds 6 t beams, centre first, tiers in order.
        std::vector<int> perTier(k + 1, 0);
        int last = 0;
        for (const auto& b : grid)
        {
            EXPECT_GE(b.tier, last);
            last = b.tier;
            perTier[b.tier]++;
        }
        for (int t = 1; t <= k; ++t)
        {
            EXPECT_EQ(perTier[t], 6 * t);
        }
    }
    EXPECT_FALSE(IsHexBeamCount(20));
    EXPECT_THROW(HexBeamGrid(20, FrequencyReuse::kFr1), std::invalid_argument);
    EXPECT_THROW(SpotBeamPayload(Leo600KaConfig(18, FrequencyReuse::kFr1, 0.02)),
                 std::invalid_argument);
    EXPECT_THROW(SpotBeamPayload(Leo600KaConfig(19, FrequencyReuse::kFr1, 0.0)),
                 std::invalid_argument);
}

TEST(SpotBeams, AdjacentBeamsAreOneSpacingApart)
{
    // Adjacent grid points are 1 apart on the unit grid; the first tier is exactly `spacing` off
    // the central beam (the UV plane maps sin(theta) linearly).
    const double spacing = 1.5 * kPiSpot / 180.0;
    auto p = NadirPayload(Leo600KaConfig(37, FrequencyReuse::kFr1, spacing));
    for (std::size_t i = 1; i <= 6; ++i)
    {
        double a = std::acos(std::min(1.0, Dot(p.BeamDirection(0), p.BeamDirection(i))));
        EXPECT_NEAR(a, spacing, 1e-12);
        EXPECT_NEAR(std::hypot(p.Beam(i).x, p.Beam(i).y), 1.0, 1e-12);
    }
    // Second tier: the corner beams are 2 spacings out in u (sin theta = 2 sin(spacing)).
    for (std::size_t i = 7; i < 19; ++i)
    {
        double r = std::hypot(p.Beam(i).x, p.Beam(i).y);
        double theta = std::acos(Dot(p.BeamDirection(0), p.BeamDirection(i)));
        EXPECT_NEAR(std::sin(theta), r * std::sin(spacing), 1e-12);
    }
}

TEST(SpotBeams, Leo600FirstTierGroundCentres)
{
    // A ray leaving the satellite at theta off nadir meets the sphere at the Earth-central angle
    // gamma = asin((R + h) / R sin theta) - theta (triangle centre-satellite-point, law of sines);
    // the ground distance from the sub-satellite point is R gamma.
    const double spacing = 1.53 * kPiSpot / 180.0;
    auto p = NadirPayload(Leo600KaConfig(19, FrequencyReuse::kFr1, spacing));
    const double gamma = std::asin((kR + kH) / kR * std::sin(spacing)) - spacing;
    const double expectedM = kR * gamma; // 1.53 deg: about 16.04 km
    auto centre = p.BeamGroundCentre(0, kR);
    ASSERT_TRUE(centre.has_value());
    EXPECT_NEAR(Distance(*centre, Vec3(0, 0, kR)), 0.0, 1e-6);
    for (std::size_t i = 1; i <= 6; ++i)
    {
        auto g = p.BeamGroundCentre(i, kR);
        ASSERT_TRUE(g.has_value());
        EXPECT_NEAR(Norm(*g), kR, 1e-6);
        double arc = kR * std::acos(std::min(1.0, g->z / Norm(*g)));
        EXPECT_NEAR(arc, expectedM, 1.0);
    }
    // A ray that misses the Earth has no centre.
    EXPECT_FALSE(RaySphereIntersection(Vec3(0, 0, kR + kH), Vec3(1, 0, 0), kR).has_value());
}

TEST(SpotBeams, ThreeDbContour)
{
    // Bessel pattern 4 (J1(x)/x)^2 = 1/2 at x = 1.61634: the gain at theta_3dB / 2 is
    // 10 log10(0.5) = -3.0103 dB.
    auto p = NadirPayload(Leo600KaConfig(1, FrequencyReuse::kFr1, 0.02));
    const double half = p.Pattern().HalfPowerBeamwidthRad() / 2.0;
    EXPECT_NEAR(p.Pattern().RelativeGainDb(half), -3.0103, 0.05);
    // Independent: ka = 2 pi f a / c = 2 pi 20e9 0.25 / c = 104.79; x = ka sin(half) = 1.6163.
    const double ka = 2 * kPiSpot * 20e9 * 0.25 / kC;
    const double x = ka * std::sin(half);
    const double j = std::cyl_bessel_j(1.0, x) / x;
    EXPECT_NEAR(10 * std::log10(4 * j * j), -3.0103, 0.05);
    // Ground radius of the 3 dB footprint at nadir: gamma = asin((R + h)/R sin(half)) - half;
    // the terminal there sees the beam at exactly `half` off boresight.
    const double gamma = std::asin((kR + kH) / kR * std::sin(half)) - half;
    const Vec3 edge(kR * std::sin(gamma), 0, kR * std::cos(gamma));
    const Vec3 toEdge = edge - p.Position();
    const double off = std::acos(-toEdge.z / Norm(toEdge));
    EXPECT_NEAR(off, half, 1e-9);
    // A payload given by its beamwidth: the reflector of the TR's 0.5 m (radius 0.25 m) at 20 GHz.
    EXPECT_NEAR(ApertureRadiusForBeamwidthM(2 * half, 20e9), 0.25, 1e-12);
    // TR 38.821 prints theta_3dB = 1.7647 deg for it (0.16 % narrower than the Bessel width):
    // 1.6163 / (2 pi 20e9 / c x sin(0.88235 deg)) = 0.2504 m.
    EXPECT_NEAR(ApertureRadiusForBeamwidthM(1.7647 * kPiSpot / 180.0, 20e9), 0.2504, 0.0001);
    // The footprint diameter converts back to the same beamwidth.
    EXPECT_NEAR(BeamwidthFromNadirFootprintRad(2 * kR * gamma, kH, kR), 2 * half, 1e-12);
    // Coupling loss at the edge minus at the centre: 3.0103 dB of pattern plus the FSPL ratio of
    // the two slant ranges, 20 log10(|edge - sat| / h).
    TerminalRx rx;
    double dCl = p.CouplingLossDb(0, edge, rx) - p.CouplingLossDb(0, Vec3(0, 0, kR), rx);
    EXPECT_NEAR(dCl, 3.0103 + 20 * std::log10(Norm(toEdge) / kH), 0.05);
}

TEST(SpotBeams, ReuseColouringHasNoAdjacentCoChannelBeams)
{
    for (FrequencyReuse reuse : {FrequencyReuse::kFr3, FrequencyReuse::kFr4})
    {
        auto grid = HexBeamGrid(127, reuse);
        std::set<int> colours;
        for (const auto& a : grid)
        {
            colours.insert(a.colour);
            for (const auto& b : grid)
            {
                if (HexDistance(a, b) == 1)
                {
                    EXPECT_NE(a.colour, b.colour)
                        << a.q << "," << a.r << " / " << b.q << "," << b.r;
                }
            }
        }
        EXPECT_EQ(static_cast<int>(colours.size()), ReuseColours(reuse));
    }
    for (const auto& a : HexBeamGrid(61, FrequencyReuse::kFr1))
    {
        EXPECT_EQ(a.colour, 0);
    }
    EXPECT_DOUBLE_EQ(ReuseBandFraction(FrequencyReuse::kFr3), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(ReuseBandFraction(FrequencyReuse::kFr4), 0.5);
}

/// Gain (dBi) of the 0.5 m, 20 GHz, 38.5 dBi reflector at theta, computed here.
double
BesselGainDb(double theta)
{
    const double ka = 2 * kPiSpot * 20e9 * 0.25 / kC;
    const double x = ka * std::sin(theta);
    const double j = std::cyl_bessel_j(1.0, x) / x;
    return 38.5 + 10 * std::log10(4 * j * j);
}

TEST(SpotBeams, SirAtBeamCentreWithFirstTier)
{
    // Seven FR1 beams, spacing 1.53 deg; terminal at the central beam's ground centre (nadir).
    // Every beam comes from the same satellite: slant range h = 600 km for all of them, so the
    // FSPL difference between serving and interfering beams is 0 dB. Serving gain G_max = 38.5;
    // each of the six interferers is seen at exactly the spacing off its boresight:
    //   x = k a sin(1.53 deg) = 104.79 x 0.026700 = 2.798, G_i = 38.5 + 10 log10(4 (J1(x)/x)^2)
    //   SIR = 38.5 - (G_i + 10 log10 6).
    const double spacing = 1.53 * kPiSpot / 180.0;
    auto p = NadirPayload(Leo600KaConfig(7, FrequencyReuse::kFr1, spacing));
    TerminalRx rx;
    rx.gainDbi = 39.7;
    rx.noiseFigureDb = 1.2;
    rx.antennaTemperatureK = 150.0;
    const Vec3 ut(0, 0, kR);
    BeamSinr s = p.Evaluate(ut, rx);
    ASSERT_EQ(s.servingBeam, 0);
    const double gi = BesselGainDb(spacing);
    const double sir = 38.5 - (gi + 10 * std::log10(6.0));
    // Evaluate sums beams with the tabulated pattern (AperturePatternTable, step 0.01 in u): here
    // within 2e-5 dB of the Bessel form.
    EXPECT_NEAR(s.sirDb, sir, 5e-5);
    // Carrier: EIRP density 4 dBW/MHz x 400 MHz = 30.02 dBW at boresight, FSPL at 600 km and
    // 20 GHz = 32.45 + 20 log10(20) + 20 log10(600e3) = 174.03 dB, + 39.7 dBi.
    const double fspl = 32.45 + 20 * std::log10(20.0) + 20 * std::log10(600e3);
    const double carrier = 4.0 + 10 * std::log10(400.0) - fspl + 39.7;
    EXPECT_NEAR(s.carrierDbw, carrier, 1e-9);
    EXPECT_NEAR(s.couplingLossDb, fspl - 38.5 - 39.7, 1e-9);
    // Noise: k T B, T = 150 + 290 (10^0.12 - 1) = 242.28 K, B = 400 MHz.
    const double t = 150 + 290 * (std::pow(10.0, 0.12) - 1);
    const double noise = -228.5991672 + 10 * std::log10(t) + 10 * std::log10(400e6);
    EXPECT_NEAR(s.noiseDbw, noise, 1e-9);
    const double i = carrier - sir;
    EXPECT_NEAR(
        s.sinrDb, carrier - 10 * std::log10(std::pow(10, i / 10) + std::pow(10, noise / 10)), 5e-5);
    EXPECT_LE(s.sinrDb, s.sirDb);
}

TEST(SpotBeams, Fr4PolarizationIsolation)
{
    // FR4 at the central beam: the six neighbours all have other colours, so with ideal
    // isolation nothing interferes (SIR +inf). With isolation X, the n neighbours on the same
    // frequency and the other polarisation (colour ^ 2) interfere at G_i - X:
    //   SIR = G_max - (G_i + 10 log10 n - X).
    const double spacing = 1.53 * kPiSpot / 180.0;
    auto ideal = NadirPayload(Leo600KaConfig(7, FrequencyReuse::kFr4, spacing));
    TerminalRx rx;
    BeamSinr s = ideal.Evaluate(Vec3(0, 0, kR), rx);
    ASSERT_EQ(s.servingBeam, 0);
    EXPECT_TRUE(std::isinf(s.sirDb) && s.sirDb > 0);
    auto c = Leo600KaConfig(7, FrequencyReuse::kFr4, spacing);
    c.polarizationIsolationDb = 20.0;
    auto leaky = NadirPayload(c);
    int n = 0;
    for (std::size_t i = 1; i < 7; ++i)
    {
        n += leaky.Beam(i).colour == (leaky.Beam(0).colour ^ 2) ? 1 : 0;
    }
    ASSERT_GT(n, 0);
    BeamSinr l = leaky.Evaluate(Vec3(0, 0, kR), rx);
    // Tabulated pattern: within 2e-5 dB of the Bessel form here.
    EXPECT_NEAR(l.sirDb, 38.5 - (BesselGainDb(spacing) + 10 * std::log10(n) - 20.0), 5e-5);
    // FR4 uses half the band: noise 3.01 dB below FR1's.
    auto fr1 = NadirPayload(Leo600KaConfig(7, FrequencyReuse::kFr1, spacing));
    EXPECT_NEAR(fr1.Evaluate(Vec3(0, 0, kR), rx).noiseDbw - l.noiseDbw, 10 * std::log10(2.0), 1e-9);
}

TEST(SpotBeams, TerminalBelowHorizonHasNoServingBeam)
{
    auto p = NadirPayload(Leo600KaConfig(7, FrequencyReuse::kFr1, 0.02));
    BeamSinr s = p.Evaluate(Vec3(0, 0, -kR), TerminalRx{});
    EXPECT_EQ(s.servingBeam, -1);
}

} // namespace
} // namespace sagin
