// The interference grid (BeamSumGrid) against a second computation: every beam's gain from the
// Bessel form 2 J1(u) / u evaluated here with std::cyl_bessel_j, summed per colour, at random
// directions over the disc a satellite sees; and a payload's ColourPowers from its grid against
// the exact per-beam sum of Powers at random points on the Earth.
#include "../common/validation.h"
#include "radio/model/beam-sum-grid.h"
#include "radio/model/spot-beams.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <random>

namespace sagin
{
namespace
{

constexpr double kPiGrid = 3.14159265358979323846;
constexpr double kLightGrid = 299792458.0;
constexpr double kEarthGrid = 6371e3;

/// Gain relative to boresight of a circular aperture k a at `theta` off boresight (Bessel form),
/// `floor` at and beyond 90 deg (CircularApertureAntenna's G_min: the form holds in front).
double
BesselRelativeGain(double ka, double theta, double floor = 0.0)
{
    if (theta >= kPiGrid / 2.0)
    {
        return floor;
    }
    const double u = ka * std::sin(theta);
    if (u < 1e-9)
    {
        return 1.0;
    }
    const double r = 2.0 * std::cyl_bessel_j(1.0, u) / u;
    return r * r;
}

struct GridLayout
{
    const char* name;
    int beams;
    double spacingDeg;
    FrequencyReuse reuse;
    double maxGainDbi;
    double apertureRadiusM;
    double frequencyHz;
};

// The shipped LEO layout (61 beams, 6 deg, FR3, 27 dBi at 20 GHz: k a = 26.7) and the TR 38.821
// Set-1 Ka payload (19 beams, FR1, 0.25 m reflector: k a = 104.8, spacing 1.46 deg).
const GridLayout kGridLayouts[] = {
    {"leo-61-fr3", 61, 6.0, FrequencyReuse::kFr3, 27.0, 0.0637, 20e9},
    {"set1-ka-19-fr1", 19, 1.46, FrequencyReuse::kFr1, 38.5, 0.25, 20e9},
    {"leo-19-fr4", 19, 2.0, FrequencyReuse::kFr4, 33.0, 0.12, 20e9},
};

SpotBeamConfig
GridConfigOf(const GridLayout& l)
{
    SpotBeamConfig c;
    c.numBeams = l.beams;
    c.spacingRad = l.spacingDeg * kPiGrid / 180.0;
    c.reuse = l.reuse;
    c.maxGainDbi = l.maxGainDbi;
    c.apertureRadiusM = l.apertureRadiusM;
    c.frequencyHz = l.frequencyHz;
    c.eirpDensityDbwPerMhz = 4.0;
    c.bandwidthHz = 400e6;
    return c;
}

TEST(BeamSumGrid, MatchesTheBesselSumOverTheVisibleDisc)
{
    for (const GridLayout& l : kGridLayouts)
    {
        SCOPED_TRACE(l.name);
        const SpotBeamConfig c = GridConfigOf(l);
        const double ka = 2.0 * kPiGrid * c.frequencyHz / kLightGrid * c.apertureRadiusM;
        const std::vector<HexBeam> hex = HexBeamGrid(c.numBeams, c.reuse);
        const double s = std::sin(c.spacingRad);
        std::vector<Vec3> dirs;
        std::vector<int> colours;
        for (const HexBeam& b : hex)
        {
            const double u = b.x * s, v = b.y * s;
            dirs.emplace_back(u, v, std::sqrt(1.0 - u * u - v * v));
            colours.push_back(b.colour);
        }
        const int nc = ReuseColours(c.reuse);
        auto table = std::make_shared<const AperturePatternTable>(ka, 1e-6);
        BeamSumGrid grid(table, dirs, colours, nc, 1.0);
        // Directions a LEO-550 satellite sees the Earth in (sin of the limb angle 0.92).
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> uni(-0.92, 0.92);
        double worstDb = 0.0;
        double worstAbs = 0.0;
        int checked = 0;
        for (int n = 0; n < 20000; ++n)
        {
            const double a = uni(rng), b = uni(rng);
            if (a * a + b * b > 0.92 * 0.92)
            {
                continue;
            }
            const Vec3 d(a, b, std::sqrt(1.0 - a * a - b * b));
            double exact[4] = {0, 0, 0, 0};
            for (size_t k = 0; k < dirs.size(); ++k)
            {
                const double cosTheta = std::clamp(Dot(d, dirs[k]), -1.0, 1.0);
                exact[colours[k]] += BesselRelativeGain(ka, std::acos(cosTheta), 1e-6);
            }
            double got[4];
            ASSERT_TRUE(grid.Lookup(d.x, d.y, d.z, got));
            for (int k = 0; k < nc; ++k)
            {
                // Relative error where the colour's sum is within 30 dB of one beam's peak;
                // everywhere, the error relative to that peak (what it adds to a sum).
                const double e = std::abs(10.0 * std::log10(got[k] / exact[k]));
                if (exact[k] >= 1e-3)
                {
                    worstDb = std::max(worstDb, e);
                }
                worstAbs = std::max(worstAbs, std::abs(got[k] - exact[k]));
                ++checked;
            }
        }
        EXPECT_GT(checked, 15000);
        // Measured: 0.0017, 0.0004 and 0.0086 dB; 2.3e-5, 1.1e-5 and 1.3e-5 of a beam's peak
        // (the Bessel reference includes the pattern table's own interpolation error).
        test::ValidationBound(std::string("radio.beam-sum-grid.") + l.name + "-db",
                              "second computation: per-beam Bessel form (std::cyl_bessel_j), "
                              "20,000 directions over a LEO-550 disc",
                              std::string("largest error of the tabulated per-colour sum where "
                                          "it is within 30 dB of a beam's peak, ")
                                  + l.name,
                              "dB",
                              worstDb,
                              0.01);
        test::ValidationBound(std::string("radio.beam-sum-grid.") + l.name + "-abs",
                              "second computation: per-beam Bessel form (std::cyl_bessel_j)",
                              std::string("largest error of the tabulated per-colour sum, "
                                          "relative to one beam's peak, ")
                                  + l.name,
                              "ratio",
                              worstAbs,
                              3e-5);
        std::printf("%s: k a %.1f, %zu bytes, worst %.5f dB (>= -30 dB), %.2e absolute\n",
                    l.name,
                    ka,
                    grid.Bytes(),
                    worstDb,
                    worstAbs);
    }
}

TEST(BeamSumGrid, RefusesDirectionsBehindOrOutsideIt)
{
    auto table = std::make_shared<const AperturePatternTable>(26.7, 1e-6);
    BeamSumGrid grid(table, {Vec3(0, 0, 1)}, {0}, 1, 0.5);
    double out[4];
    EXPECT_FALSE(grid.Lookup(0.1, 0.1, -0.98, out)); // behind the antenna
    EXPECT_FALSE(grid.Lookup(0.6, 0.0, 0.8, out));   // beyond the grid's radius
    EXPECT_TRUE(grid.Lookup(0.3, 0.0, std::sqrt(1.0 - 0.09), out));
    EXPECT_NEAR(out[0], BesselRelativeGain(26.7, std::asin(0.3)), 1e-5);
    EXPECT_EQ(out[1], 0.0);
    // A grid over the whole hemisphere: bytes as BytesFor said.
    BeamSumGrid whole(table, {Vec3(0, 0, 1)}, {0}, 1, 1.0);
    EXPECT_EQ(whole.Bytes(), BeamSumGrid::BytesFor(26.7, 1, 1.0, BeamSumGrid::kDefaultStepU));
    EXPECT_FALSE(whole.Lookup(0.999, 0.0, std::sqrt(1.0 - 0.998001), out)); // grazing the rim
}

TEST(BeamSumGrid, PayloadColourPowersMatchTheExactSumOnTheEarth)
{
    for (const GridLayout& l : kGridLayouts)
    {
        SCOPED_TRACE(l.name);
        SpotBeamPayload exact(GridConfigOf(l));
        SpotBeamPayload tabulated(GridConfigOf(l));
        ASSERT_TRUE(tabulated.TabulateColourSums(64u << 20));
        EXPECT_FALSE(SpotBeamPayload(GridConfigOf(l)).TabulateColourSums(1000)); // over budget
        // A satellite 550 km over 40 N 10 E; terminals anywhere above its horizon.
        const double lat = 40.0 * kPiGrid / 180.0, lon = 10.0 * kPiGrid / 180.0;
        const Vec3 up(std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat));
        const Vec3 sat = up * (kEarthGrid + 550e3);
        exact.PlaceAtNadir(sat);
        auto clone = tabulated.Clone(); // clones share the grid
        clone->PlaceAt(sat);
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> z(-1.0, 1.0), phi(0.0, 2.0 * kPiGrid);
        const TerminalRx rx{};
        double worstDb = 0.0;
        int visible = 0;
        for (int n = 0; n < 200000 && visible < 5000; ++n)
        {
            const double zz = z(rng), p = phi(rng), r = std::sqrt(1.0 - zz * zz);
            const Vec3 t = Vec3(r * std::cos(p), r * std::sin(p), zz) * kEarthGrid;
            if (Dot(t, sat - t) <= 0.0 || Dot(Normalized(t), up) < 0.9)
            {
                continue; // below the horizon, or far from the sub-satellite point
            }
            ++visible;
            const BeamPowers ref = exact.Powers(t, rx, 0, false);
            double got[4];
            clone->ColourPowers(t, rx, got);
            for (int k = 0; k < ReuseColours(l.reuse); ++k)
            {
                if (ref.perColourW[k] >= 1e-3 * ref.bestW / ref.bestRelativeGain)
                {
                    worstDb = std::max(worstDb,
                                       std::abs(10.0 * std::log10(got[k] / ref.perColourW[k])));
                }
            }
        }
        EXPECT_GE(visible, 5000);
        EXPECT_LT(worstDb, 0.002); // measured: 0.0014, 0.0001, 0.0007 dB
        std::printf("%s: worst %.5f dB over %d terminals\n", l.name, worstDb, visible);
    }
}

} // namespace
} // namespace sagin
