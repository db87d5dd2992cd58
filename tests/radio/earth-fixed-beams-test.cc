// Quasi-Earth-fixed beams (BeamSteering::kEarthFixed, SpotBeamPayload::PlaceAnchored) against
// geometry computed here: the cells' centres where the anchor's nadir-pointing rays meet the
// sphere (quadratic solved in the test), each steered boresight passing through its cell's centre
// from wherever the satellite has moved, the elevation rule that darkens a cell, and a terminal
// at a cell's centre staying on its beam's boresight through the anchor period.
#include "../common/validation.h"
#include "radio/model/spot-beams.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

namespace sagin
{
namespace
{

constexpr double kPiEf = 3.14159265358979323846;
constexpr double kREf = 6371e3;
constexpr double kHEf = 600e3;

SpotBeamConfig
EarthFixedConfig(BeamSteering steering)
{
    SpotBeamConfig c;
    c.numBeams = 19;
    c.spacingRad = 1.53 * kPiEf / 180.0;
    c.reuse = FrequencyReuse::kFr3;
    c.maxGainDbi = 38.5;
    c.apertureRadiusM = 0.25;
    c.frequencyHz = 20e9;
    c.eirpDensityDbwPerMhz = 4.0;
    c.bandwidthHz = 400e6;
    c.steering = steering;
    c.anchorPeriodS = 60.0;
    c.minCellElevationRad = 10.0 * kPiEf / 180.0;
    c.cellSphereRadiusM = kREf;
    return c;
}

/// The satellite over the equator, `psi` rad east of longitude 0 (a circular equatorial orbit).
Vec3
SatelliteAt(double psi)
{
    return Vec3(std::cos(psi), std::sin(psi), 0.0) * (kREf + kHEf);
}

/// Cell centres laid from the anchor over (0, 0): the antenna frame of PlaceAtNadir there is
/// z = -x_ecef (nadir), x = north (+z_ecef), y = z cross x = +y_ecef; beam i leaves along
/// x u + y v + z w and meets the sphere at the nearer root of |A + t d|^2 = R^2.
std::vector<Vec3>
ExpectedCentres(const SpotBeamConfig& c)
{
    const Vec3 a = SatelliteAt(0.0);
    const double s = std::sin(c.spacingRad);
    std::vector<Vec3> out;
    for (const HexBeam& b : HexBeamGrid(c.numBeams, c.reuse))
    {
        const double u = b.x * s, v = b.y * s, w = std::sqrt(1.0 - u * u - v * v);
        const Vec3 d = Vec3(0, 0, 1) * u + Vec3(0, 1, 0) * v + Vec3(-1, 0, 0) * w;
        const double bq = Dot(a, d);
        const double cq = Dot(a, a) - kREf * kREf;
        const double t = -bq - std::sqrt(bq * bq - cq);
        out.push_back(a + d * t);
    }
    return out;
}

TEST(EarthFixedBeams, SteeredBoresightsPassThroughTheirCells)
{
    const SpotBeamConfig c = EarthFixedConfig(BeamSteering::kEarthFixed);
    const std::vector<Vec3> centres = ExpectedCentres(c);
    SpotBeamPayload p(c);
    EXPECT_EQ(p.AnchorPeriodS(), 60.0);
    // 30 s later at 7.56 km/s: about 227 km along the orbit.
    const double psi = 7560.0 * 30.0 / (kREf + kHEf);
    const Vec3 now = SatelliteAt(psi);
    p.PlaceAnchored(now, SatelliteAt(0.0));
    double worstOffLineM = 0.0;
    double worstLossDb = 0.0;
    for (std::size_t i = 0; i < p.NumBeams(); ++i)
    {
        ASSERT_TRUE(p.BeamLit(i)) << i; // every cell sees it at about 64 deg elevation
        const Vec3 toCell = centres[i] - now;
        // The boresight is the unit vector to the cell: no perpendicular part, pointing at it.
        EXPECT_LT(Norm(Cross(toCell, p.BeamDirection(i))), 1e-8) << i; // m off the line
        EXPECT_GT(Dot(toCell, p.BeamDirection(i)), 0.0);
        // A terminal at the centre is on its beam's boresight: coupling loss = FSPL - G_max.
        const double fspl = 32.45 + 20.0 * std::log10(20.0) + 20.0 * std::log10(Norm(toCell));
        EXPECT_NEAR(p.CouplingLossDb(i, centres[i], TerminalRx{}), fspl - 38.5, 1e-12) << i;
        worstOffLineM = std::max(worstOffLineM, Norm(Cross(toCell, p.BeamDirection(i))));
        worstLossDb = std::max(
            worstLossDb, std::abs(p.CouplingLossDb(i, centres[i], TerminalRx{}) - (fspl - 38.5)));
    }
    test::ValidationBound("radio.earth-fixed.boresight-through-cell",
                          "closed form: cell centres where the anchor's nadir rays meet the "
                          "sphere (quadratic in the test)",
                          "largest distance of a cell centre from its steered boresight, 30 s "
                          "after anchoring (19 beams, LEO-600)",
                          "m",
                          worstOffLineM,
                          1e-8);
    test::ValidationBound("radio.earth-fixed.coupling-at-cell",
                          "closed form: FSPL(range) - G_max at the cell centre",
                          "largest coupling-loss error at the cell centres",
                          "dB",
                          worstLossDb,
                          1e-12);
}

TEST(EarthFixedBeams, CellsDarkenBelowTheElevationMask)
{
    const SpotBeamConfig c = EarthFixedConfig(BeamSteering::kEarthFixed);
    const std::vector<Vec3> centres = ExpectedCentres(c);
    SpotBeamPayload p(c);
    // Where the anchor's sub-point sees the satellite at 10 deg: central angle
    // 90 - 10 - asin(R cos 10 / (R + h)) = 15.84 deg; the cluster straddles that circle.
    const double el = 10.0 * kPiEf / 180.0;
    const double psi = kPiEf / 2.0 - el - std::asin(kREf * std::cos(el) / (kREf + kHEf));
    const Vec3 now = SatelliteAt(psi);
    p.PlaceAnchored(now, SatelliteAt(0.0));
    int lit = 0, dark = 0;
    for (std::size_t i = 0; i < p.NumBeams(); ++i)
    {
        const Vec3 up = centres[i] / Norm(centres[i]);
        const Vec3 los = (now - centres[i]) / Norm(now - centres[i]);
        const bool above = std::asin(Dot(up, los)) >= el;
        EXPECT_EQ(p.BeamLit(i), above) << i;
        (above ? lit : dark) += 1;
    }
    EXPECT_GT(lit, 3);
    EXPECT_GT(dark, 3);
    // A dark beam radiates nothing: at a dark cell's centre the power is the lit beams' alone,
    // and an uplink through a dark beam receives nothing.
    for (std::size_t i = 0; i < p.NumBeams(); ++i)
    {
        if (!p.BeamLit(i))
        {
            EXPECT_EQ(p.UplinkReceivedW(i, centres[i], BeamUplink{0.0, 0.0, 30e9, 0.0, 1e6}), 0.0);
        }
    }
    // Far past the horizon every cell is dark: no serving beam, no power.
    p.PlaceAnchored(SatelliteAt(0.7), SatelliteAt(0.0));
    const BeamPowers none = p.Powers(centres[0], TerminalRx{}, 0, false);
    EXPECT_FALSE(none.visible);
    for (double w : none.perColourW)
    {
        EXPECT_EQ(w, 0.0);
    }
}

TEST(EarthFixedBeams, AnchoredWhereItIsEqualsEarthMoving)
{
    SpotBeamPayload fixed(EarthFixedConfig(BeamSteering::kEarthFixed));
    SpotBeamPayload moving(EarthFixedConfig(BeamSteering::kEarthMoving));
    EXPECT_EQ(moving.AnchorPeriodS(), 0.0);
    const Vec3 now = SatelliteAt(0.3);
    fixed.PlaceAnchored(now, now);
    moving.PlaceAnchored(now, SatelliteAt(0.0)); // Earth-moving ignores the anchor
    for (std::size_t i = 0; i < fixed.NumBeams(); ++i)
    {
        EXPECT_LT(Norm(fixed.BeamDirection(i) - moving.BeamDirection(i)), 1e-12) << i;
    }
    for (double lat : {-0.3, 0.0, 0.2})
    {
        for (double lon : {0.25, 0.3, 0.33})
        {
            const Vec3 t(kREf * std::cos(lat) * std::cos(lon),
                         kREf * std::cos(lat) * std::sin(lon),
                         kREf * std::sin(lat));
            const BeamPowers a = fixed.Powers(t, TerminalRx{});
            const BeamPowers b = moving.Powers(t, TerminalRx{});
            EXPECT_EQ(a.bestBeam, b.bestBeam);
            // The steered directions differ from the nadir layout's by rounding (about 1e-14
            // rad after the trip to the sphere and back); far in the sidelobes, where these
            // terminals are, that moves a colour's sum by up to about 1e-9 of itself.
            for (int k = 0; k < 3; ++k)
            {
                EXPECT_NEAR(a.perColourW[k], b.perColourW[k], 1e-8 * b.perColourW[k]);
            }
        }
    }
}

TEST(EarthFixedBeams, ATerminalKeepsItsBeamThroughTheAnchorPeriod)
{
    // A terminal at cell 4's centre over a minute (about 450 km of the satellite's track): the
    // Earth-fixed beam stays on it at boresight; Earth-moving beams sweep past and it changes
    // beams (and soon leaves the 19-beam footprint).
    const SpotBeamConfig cf = EarthFixedConfig(BeamSteering::kEarthFixed);
    const Vec3 terminal = ExpectedCentres(cf)[4];
    SpotBeamPayload fixed(cf);
    SpotBeamPayload moving(EarthFixedConfig(BeamSteering::kEarthMoving));
    int movingChanges = 0;
    int last = -1;
    for (int t = 0; t < 60; t += 5)
    {
        const Vec3 now = SatelliteAt(7560.0 * t / (kREf + kHEf));
        fixed.PlaceAnchored(now, SatelliteAt(0.0));
        moving.PlaceAtNadir(now);
        const BeamPowers f = fixed.Powers(terminal, TerminalRx{});
        EXPECT_EQ(f.bestBeam, 4) << t;
        // Boresight to the dot product's rounding: cos = 1 - 1e-16 is 1.5e-8 rad, which the
        // table's first (linear) interval turns into 4e-9 of gain.
        EXPECT_NEAR(f.bestRelativeGain, 1.0, 1e-8) << t;
        const BeamPowers m = moving.Powers(terminal, TerminalRx{});
        movingChanges += last >= 0 && m.bestBeam != last;
        last = m.bestBeam;
    }
    EXPECT_GE(movingChanges, 3);
}

TEST(EarthFixedBeams, NeedAnAnchorPeriod)
{
    SpotBeamConfig c = EarthFixedConfig(BeamSteering::kEarthFixed);
    c.anchorPeriodS = 0.0;
    EXPECT_THROW(SpotBeamPayload{c}, std::invalid_argument);
}

} // namespace
} // namespace sagin
