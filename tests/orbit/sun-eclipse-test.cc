// The Sun and the Earth's shadow against independent references (docs/models.md#sun-and-eclipses):
// the Astronomical Almanac's low-precision solar coordinates, the published 2024 equinox and
// solstice instants, the closed-form eclipse fraction of a circular orbit, and hand estimates of
// the penumbra's duration.
#include "../common/validation.h"
#include "core/model/constants.h"
#include "orbit/model/circular-orbit.h"
#include "orbit/model/power-budget.h"
#include "orbit/model/sun-eclipse.h"

#include <cmath>
#include <erfa.h>
#include <gtest/gtest.h>

using namespace sagin;

namespace
{

std::shared_ptr<const EarthOrientation>
EarthAt(const std::string& utc)
{
    return std::make_shared<EarthOrientation>(UtcEpoch::Parse(utc));
}

/// The Astronomical Almanac's low-precision formulas for the Sun (section C, "Sun, low-precision
/// formulas"; stated precision 0.01 deg in right ascension and declination for 1950-2050), with
/// n the days from J2000.0:
///   L = 280.460 + 0.9856474 n,  g = 357.528 + 0.9856003 n             (deg)
///   lambda = L + 1.915 sin g + 0.020 sin 2g,  eps = 23.439 - 0.0000004 n
///   alpha = atan2(cos eps sin lambda, cos lambda),  delta = asin(sin eps sin lambda)
///   R = 1.00014 - 0.01671 cos g - 0.00014 cos 2g                       (au)
/// and the Almanac's GMST = 18.697374558 + 24.06570982441908 n hours (n counted in UT1). The
/// Earth-fixed direction is R3(GMST) applied to (alpha, delta); GMST instead of GAST costs up to
/// the equation of the equinoxes, 1.1 s of time = 0.0048 deg.
struct AlmanacSun
{
    double rightAscension_rad;
    Vec3 ecefUnit;
    double declination_deg;
    double distance_au;
};

AlmanacSun
Almanac(double jd)
{
    const double n = jd - 2451545.0;
    const double L = 280.460 + 0.9856474 * n;
    const double g = (357.528 + 0.9856003 * n) * kDegToRad;
    const double lambda = (L + 1.915 * std::sin(g) + 0.020 * std::sin(2.0 * g)) * kDegToRad;
    const double eps = (23.439 - 0.0000004 * n) * kDegToRad;
    const double alpha = std::atan2(std::cos(eps) * std::sin(lambda), std::cos(lambda));
    const double delta = std::asin(std::sin(eps) * std::sin(lambda));
    const double gmst = (18.697374558 + 24.06570982441908 * n) * 15.0 * kDegToRad;
    const double hourAngle = gmst - alpha; // Greenwich hour angle: the Sun is at longitude -GHA
    AlmanacSun s;
    s.rightAscension_rad = alpha;
    s.ecefUnit = {std::cos(delta) * std::cos(-hourAngle),
                  std::cos(delta) * std::sin(-hourAngle),
                  std::sin(delta)};
    s.declination_deg = delta * kRadToDeg;
    s.distance_au = 1.00014 - 0.01671 * std::cos(g) - 0.00014 * std::cos(2.0 * g);
    return s;
}

double
AngleDeg(const Vec3& u, const Vec3& v)
{
    return std::atan2(Norm(Cross(u, v)), Dot(u, v)) * kRadToDeg;
}

double
DeclinationDeg(const Vec3& ecef)
{
    // The Earth-fixed z axis is the celestial intermediate pole: the true equator of date.
    return std::asin(ecef.z / Norm(ecef)) * kRadToDeg;
}

/// A circular Keplerian orbit of radius r in a fixed (inertial) frame, in the x-y plane, with a
/// fixed Sun: the geometry the closed form assumes (no Earth rotation, no solar motion).
class InertialCircle : public Trajectory
{
  public:
    explicit InertialCircle(double r)
        : m_r(r)
        , m_n(std::sqrt(kEarthMu / (r * r * r)))
    {
    }

    StateVector StateAt(double t) const override
    {
        const double u = m_n * t;
        return {{m_r * std::cos(u), m_r * std::sin(u), 0.0},
                {-m_r * m_n * std::sin(u), m_r * m_n * std::cos(u), 0.0}};
    }

    double Period() const
    {
        return kTwoPi / m_n;
    }

  private:
    double m_r;
    double m_n;
};

/// The Sun 1 au away, beta above the x-y plane, in the +x half: the orbit starts at u = 0 in
/// sunlight and the shadow is centred on u = pi (t = T / 2).
Vec3
SunAtBeta(double beta_rad)
{
    return Vec3{std::cos(beta_rad), 0.0, std::sin(beta_rad)} * kAstronomicalUnit_m;
}

/// Closed form: the fraction of a circular orbit of radius r spent in the cylindrical shadow at
/// beta angle beta: (1/pi) acos(sqrt(h^2 + 2 R h) / (r cos beta)), h = r - R; 0 beyond
/// asin(R / r).
double
ClosedFormFraction(double r, double beta)
{
    const double R = kShadowEarthRadius_m;
    const double h = r - R;
    const double x = std::sqrt(h * h + 2.0 * R * h) / (r * std::cos(beta));
    return x >= 1.0 ? 0.0 : std::acos(x) / kPi;
}

double
Total(const std::vector<ShadowInterval>& v)
{
    double s = 0.0;
    for (const auto& i : v)
    {
        s += i.Duration();
    }
    return s;
}

} // namespace

TEST(SunEphemeris, MatchesTheAlmanacLowPrecisionSunFrom2000To2049)
{
    // Every 7.3 days (and 5.1 h, to sample the Earth's rotation) over 50 years. The reference
    // allows 0.01 deg (its stated precision) + 0.005 deg (GMST for GAST); we measure 0.0103 deg
    // and 8.7e-5 au, and hold the bounds just above.
    auto earth = EarthAt("2000-01-01T00:00:00Z");
    SunEphemeris sun(earth);
    double worstDeg = 0.0;
    double worstAu = 0.0;
    for (int k = 0; k < 2500; ++k)
    {
        const double t = k * (7.3 * 86400.0 + 5.1 * 3600.0);
        const JulianDate utc = earth->Epoch().Utc(t);
        const AlmanacSun ref = Almanac(utc.jd1 + utc.jd2);
        const Vec3 p = sun.PositionAt(t);
        worstDeg = std::max(worstDeg, AngleDeg(p, ref.ecefUnit));
        worstAu = std::max(worstAu, std::abs(Norm(p) / kAstronomicalUnit_m - ref.distance_au));
    }
    test::ValidationBound("orbit.sun.almanac-direction",
                          "Astronomical Almanac low-precision Sun (0.01 deg) + GMST (0.005 deg)",
                          "largest Earth-fixed Sun direction difference, 2000-2049",
                          "deg",
                          worstDeg,
                          0.011);
    test::ValidationBound("orbit.sun.almanac-distance",
                          "Astronomical Almanac low-precision Sun distance",
                          "largest Sun distance difference, 2000-2049",
                          "au",
                          worstAu,
                          1e-4);
}

TEST(SunEphemeris, EquinoxesAndSolsticesOf2024)
{
    // Published instants (USNO, to the minute, UTC): March equinox 2024-03-20 03:06, June
    // solstice 06-20 20:51, September equinox 09-22 12:44, December solstice 12-21 09:20.
    // At an equinox the apparent declination crosses 0 (it moves 0.0066 deg/h there, so the
    // minute rounding is worth 0.00005 deg); find our crossing and compare the instants.
    for (const char* utc : {"2024-03-20T03:06:00Z", "2024-09-22T12:44:00Z"})
    {
        auto earth = EarthAt(utc);
        SunEphemeris sun(earth);
        double lo = -3600.0;
        double hi = 3600.0;
        const double sLo = DeclinationDeg(sun.PositionAt(lo));
        for (int i = 0; i < 40; ++i)
        {
            const double mid = 0.5 * (lo + hi);
            (DeclinationDeg(sun.PositionAt(mid)) < 0.0) == (sLo < 0.0) ? lo = mid : hi = mid;
        }
        test::ValidationCheck(std::string("orbit.sun.equinox-") + utc,
                              "USNO, 2024 equinox instant (rounded to the minute)",
                              std::string("zero-declination instant - ") + utc,
                              "s",
                              0.5 * (lo + hi),
                              0.0,
                              30.0);
    }
    // At a solstice the declination is +-(true obliquity): the mean obliquity of 2024.5,
    // 84381.406" - 46.836769" T (IAU 2006, T = 0.2447 century) = 23.43610 deg, plus the nutation
    // in obliquity, within +-9.2" = 0.0026 deg.
    const double obliquity = (84381.406 - 46.836769 * 0.2447) / 3600.0;
    EXPECT_NEAR(obliquity, 23.43610, 1e-5);
    for (const char* utc : {"2024-06-20T20:51:00Z", "2024-12-21T09:20:00Z"})
    {
        SunEphemeris sun(EarthAt(utc));
        EXPECT_NEAR(std::abs(DeclinationDeg(sun.PositionAt(0.0))), obliquity, 0.0026) << utc;
    }
}

TEST(ShadowModels, FractionAndFunctionAtKnownPoints)
{
    const Vec3 sun = SunAtBeta(0.0);
    const double r = kShadowEarthRadius_m + 550e3;
    // Facing the Sun and straight behind the Earth.
    EXPECT_EQ(IlluminatedFraction({r, 0, 0}, sun), 1.0);
    EXPECT_EQ(IlluminatedFraction({-r, 0, 0}, sun), 0.0);
    EXPECT_EQ(IlluminatedFraction({-r, 0, 0}, sun, false), 0.0);
    EXPECT_EQ(IlluminatedFraction({0, r, 0}, sun, false), 1.0);
    // On the cylinder's edge (y = R behind the Earth) the Earth's limb would cross the middle of
    // the Sun's disc if the Sun were infinitely far; seen from the satellite it sits
    // d = R / 1 au = 4.2635e-5 rad deeper behind the limb (parallax), against the Sun's radius
    // a = R_sun / 1 au = 4.6505e-3 rad: with a straight limb the visible part is
    // 1/2 - (1/pi)(asin(d/a) + (d/a) sqrt(1 - (d/a)^2)) = 1/2 - (2/pi)(0.009168) = 0.494163.
    // The limb's curvature (radius b = 1.17 rad) adds about a / (3 pi b) = 0.0004.
    const Vec3 edge{
        -std::sqrt(r * r - kShadowEarthRadius_m * kShadowEarthRadius_m), kShadowEarthRadius_m, 0.0};
    EXPECT_NEAR(IlluminatedFraction(edge, sun), 0.494163, 0.0006);
    EXPECT_NEAR(ShadowFunction(edge, sun, ShadowBoundary::kCylinder), 0.0, 1e-9);
    // The illuminated fraction only grows from the umbra's edge to the penumbra's.
    double last = -1.0;
    for (int k = 0; k <= 200; ++k)
    {
        // psi: angle from the anti-Sun point, growing out of the shadow.
        const double psi = std::asin(kShadowEarthRadius_m / r) - 0.01 + k * 1e-4;
        const Vec3 p{-r * std::cos(psi), r * std::sin(psi), 0.0};
        const double f = IlluminatedFraction(p, sun);
        EXPECT_GE(f, last);
        EXPECT_EQ(f == 0.0, ShadowFunction(p, sun, ShadowBoundary::kUmbra) <= 0.0);
        EXPECT_EQ(f < 1.0, ShadowFunction(p, sun, ShadowBoundary::kPenumbra) < 0.0);
        last = f;
    }
    EXPECT_EQ(last, 1.0);
}

TEST(ShadowIntervals, CylindricalLeoMatchesTheClosedForm)
{
    // 550 km circular orbit, R = 6378.137 km: r = 6928.137 km, T = 2 pi sqrt(r^3 / mu) =
    // 5738.99 s = 95.650 min. At beta = 0: h^2 + 2 R h = 550^2 + 2 * 6378.137 * 550 =
    // 302500 + 7015950.7 = 7318450.7 km^2, sqrt = 2705.26 km, / r = 0.390475, acos = 1.169649
    // rad, / pi = 0.372311 of the orbit = 2136.7 s = 35.61 min in the cylinder.
    // (The brief's "0.378, 35.9 min" does not follow from the formula with these constants.)
    const double r = kShadowEarthRadius_m + 550e3;
    InertialCircle orbit(r);
    const double T = orbit.Period();
    EXPECT_NEAR(T, 5738.99, 0.01);
    EXPECT_NEAR(ClosedFormFraction(r, 0.0), 0.372311, 1e-6);
    const double critical = std::asin(kShadowEarthRadius_m / r); // 67.016 deg
    EXPECT_NEAR(critical * kRadToDeg, 67.016, 1e-3);
    for (double betaDeg : {0.0, 30.0, 60.0, 66.9, 67.0, 67.1, 80.0})
    {
        const double beta = betaDeg * kDegToRad;
        const Vec3 sun = SunAtBeta(beta);
        auto intervals = ShadowIntervalsWith(
            orbit,
            [&](double)
            {
                return sun;
            },
            0.0,
            T,
            ShadowBoundary::kCylinder);
        const double fraction = ShadowFraction(intervals, 0.0, T);
        const double expected = ClosedFormFraction(r, beta);
        // Bisection to 1e-4 s: each end within 5e-5 s, i.e. 2e-8 of the period.
        EXPECT_NEAR(fraction, expected, 3e-8) << betaDeg;
        EXPECT_EQ(intervals.size(), expected > 0.0 ? 1u : 0u) << betaDeg;
        if (betaDeg == 0.0)
        {
            test::ValidationCheck("orbit.eclipse.leo550-beta0",
                                  "closed form (1/pi) acos(sqrt(h^2+2Rh)/(r cos beta))",
                                  "eclipse duration, 550 km circular orbit, beta = 0",
                                  "s",
                                  Total(intervals),
                                  expected * T,
                                  1e-4);
        }
    }
}

TEST(ShadowIntervals, FindsAGrazingEclipseShorterThanTheStep)
{
    // Just below the critical beta the eclipse lasts seconds: beta = critical - 0.001 deg gives
    // acos(cos(critical) / cos(beta)) / pi of the period, about 12 s, against a 30 s and a
    // 600 s sampling step.
    const double r = kShadowEarthRadius_m + 550e3;
    InertialCircle orbit(r);
    const double T = orbit.Period();
    const double beta = std::asin(kShadowEarthRadius_m / r) - 0.001 * kDegToRad;
    const Vec3 sun = SunAtBeta(beta);
    const double expected = ClosedFormFraction(r, beta) * T;
    EXPECT_GT(expected, 5.0);
    EXPECT_LT(expected, 20.0);
    for (double step : {30.0, 600.0})
    {
        auto intervals = ShadowIntervalsWith(
            orbit,
            [&](double)
            {
                return sun;
            },
            0.0,
            T,
            ShadowBoundary::kCylinder,
            step);
        ASSERT_EQ(intervals.size(), 1u) << step;
        EXPECT_NEAR(intervals[0].Duration(), expected, 2e-4) << step;
        EXPECT_NEAR(0.5 * (intervals[0].begin_s + intervals[0].end_s), 0.5 * T, 1e-3);
    }
}

TEST(ShadowIntervals, FindsAGrazingEclipseAtTheSpansEnds)
{
    // The same 12 s grazing eclipse (centred on T / 2), with a 600 s step, when the span starts
    // or ends within one step of it.
    const double r = kShadowEarthRadius_m + 550e3;
    InertialCircle orbit(r);
    const double T = orbit.Period();
    const double beta = std::asin(kShadowEarthRadius_m / r) - 0.001 * kDegToRad;
    const Vec3 sun = SunAtBeta(beta);
    const double expected = ClosedFormFraction(r, beta) * T;
    auto at = [&](double)
    {
        return sun;
    };
    for (auto span : {std::pair<double, double>{0.5 * T - 300.0, 0.5 * T + 5000.0},
                      std::pair<double, double>{0.5 * T - 5000.0, 0.5 * T + 300.0}})
    {
        auto v = ShadowIntervalsWith(
            orbit, at, span.first, span.second, ShadowBoundary::kCylinder, 600.0);
        ASSERT_EQ(v.size(), 1u) << span.first;
        EXPECT_NEAR(v[0].Duration(), expected, 2e-4);
    }
}

TEST(ShadowModels, GroundSitesSeeDayAndNight)
{
    // A site below the shadow sphere (the polar radius, 6356.752 km) takes the Earth as filling
    // its half sky: facing the Sun 1, opposite 0. On the terminator seen from the Earth's centre
    // the site sees the Sun's centre d = r / 1 au = 4.2492e-5 rad below its horizon (parallax),
    // a = 4.6505e-3 rad its radius: 1/2 - (2/pi)(d/a) = 1/2 - 0.6366 x 0.009137 = 0.494183 of
    // the disc is up (the flat-sky overlap of the horizon's circle adds about 0.0003).
    const Vec3 sun = SunAtBeta(0.0);
    const double r = 6356752.0;
    EXPECT_EQ(IlluminatedFraction({r, 0, 0}, sun), 1.0);
    EXPECT_EQ(IlluminatedFraction({-r, 0, 0}, sun), 0.0);
    EXPECT_NEAR(IlluminatedFraction({0, r, 0}, sun), 0.494183, 0.0006);
    EXPECT_LT(ShadowFunction({-r, 0, 0}, sun, ShadowBoundary::kCylinder), 0.0);
    EXPECT_GT(ShadowFunction({r, 0, 0}, sun, ShadowBoundary::kCylinder), 0.0);
}

TEST(ShadowIntervals, LeoPenumbraLastsAFewSeconds)
{
    // Hand estimate at beta = 0: seen from the satellite, the Sun's centre is c = (angle from the
    // anti-Sun point) away from the Earth's centre, and c changes at the orbital rate
    // n = sqrt(mu / r^3) = 1.09482e-3 rad/s. The penumbra spans c in [b - a, b + a] with
    // a = R_sun / 1 au = 6.957e8 / 1.49598e11 = 4.6505e-3 rad: 2 a / n = 8.495 s per crossing.
    // The cylinder's edge (c = b) sits in the middle of it.
    const double r = kShadowEarthRadius_m + 550e3;
    InertialCircle orbit(r);
    const double T = orbit.Period();
    const Vec3 sun = SunAtBeta(0.0);
    auto at = [&](double)
    {
        return sun;
    };
    auto pen = ShadowIntervalsWith(orbit, at, 0.0, T, ShadowBoundary::kPenumbra);
    auto umb = ShadowIntervalsWith(orbit, at, 0.0, T, ShadowBoundary::kUmbra);
    auto cyl = ShadowIntervalsWith(orbit, at, 0.0, T, ShadowBoundary::kCylinder);
    ASSERT_EQ(pen.size(), 1u);
    ASSERT_EQ(umb.size(), 1u);
    ASSERT_EQ(cyl.size(), 1u);
    const double n = std::sqrt(kEarthMu / (r * r * r));
    const double a = kSunRadius_m / kAstronomicalUnit_m;
    const double perCrossing = 0.5 * (pen[0].Duration() - umb[0].Duration());
    // Tolerance: the four boundaries are bisected to 1e-4 s, and the Sun's distance from the
    // satellite at the shadow's edge (1 au + 2700 km) makes a smaller by 2e-5 of itself.
    test::ValidationCheck("orbit.eclipse.leo550-penumbra",
                          "hand estimate 2 a / n (Sun's angular diameter over the orbital rate)",
                          "penumbra crossing, 550 km circular orbit, beta = 0",
                          "s",
                          perCrossing,
                          2.0 * a / n,
                          3e-4);
    EXPECT_NEAR(2.0 * a / n, 8.495, 1e-3);
    // The cylinder's edge is the middle of the penumbra for an infinitely far Sun; the parallax
    // R / 1 au = 4.2635e-5 rad puts the cones' middle later on entry and earlier on exit by
    // (R / 1 au) / n = 0.0389 s each: the cylinder lasts 0.078 s less than their mean.
    const double parallax = kShadowEarthRadius_m / kAstronomicalUnit_m / n;
    EXPECT_NEAR(
        0.5 * (pen[0].Duration() + umb[0].Duration()) - cyl[0].Duration(), 2.0 * parallax, 0.002);
    EXPECT_LT(pen[0].begin_s, umb[0].begin_s);
    EXPECT_GT(pen[0].end_s, umb[0].end_s);
}

TEST(ShadowIntervals, GeostationaryEclipsesAtEquinoxAndNoneAtSolstice)
{
    // GEO, r = 42164.167 km: asin(R / r) = asin(0.151268) = 0.151852 rad. The shadow's edges are
    // crossed at the satellite's rate relative to the Sun, omega = n - d(alpha_sun)/dt with
    // n = sqrt(mu / r^3) = 2 pi / 86164.08 s and the Sun's right-ascension rate from the
    // Almanac formula (at an equinox dlambda/dt cos(eps) = 0.9942 x 0.9175 deg/day in March,
    // 0.9799 x 0.9175 in September: the Sun slows in right ascension there). In March:
    // omega = 7.292115e-5 - 1.8426e-7 = 7.273689e-5 rad/s, and the cylindrical eclipse lasts
    // 2 x 0.151852 / omega = 4175.3 s = 69.6 min. The cones move its edges by the Sun's
    // angular radius a = R_sun / d (d from the Almanac formula, 0.99597 au on 2024-03-20:
    // a = 4.6693e-3 rad, 64.2 s of omega), so the umbra lasts 67.5 min and umbra + penumbra
    // 71.7 min: the "about 72 minutes" of the longest GEO eclipse.
    for (const char* when : {"2024-03-20T03:06:00Z", "2024-09-22T12:44:00Z"})
    {
        auto earth = EarthAt(when);
        SunEphemeris sun(earth);
        // Starting opposite the Sun's right ascension puts the satellite behind the Earth at
        // t = 0, in the middle of the one-day span.
        const Vec3 s0 = sun.GcrsPositionAt(0.0);
        CircularElements el{kWgs84A + kGeoAltitudeKm * 1e3, 0.0, 0.0, std::atan2(s0.y, s0.x) + kPi};
        CircularOrbit geo(el, earth, false);
        const double t0 = -43200.0;
        const double t1 = 43200.0;
        auto cyl = ShadowIntervals(geo, sun, t0, t1, ShadowBoundary::kCylinder);
        auto pen = ShadowIntervals(geo, sun, t0, t1, ShadowBoundary::kPenumbra);
        auto umb = ShadowIntervals(geo, sun, t0, t1, ShadowBoundary::kUmbra);
        ASSERT_EQ(cyl.size(), 1u) << when;
        ASSERT_EQ(pen.size(), 1u) << when;
        ASSERT_EQ(umb.size(), 1u) << when;
        const double r = el.semiMajorAxis_m;
        const double b = std::asin(kShadowEarthRadius_m / r);
        const double mid = 0.5 * (cyl[0].begin_s + cyl[0].end_s);
        auto almanacAt = [&](double t)
        {
            const JulianDate utc = earth->Epoch().Utc(t);
            return Almanac(utc.jd1 + utc.jd2);
        };
        const double alphaRate = std::remainder(almanacAt(mid + 3600.0).rightAscension_rad
                                                    - almanacAt(mid - 3600.0).rightAscension_rad,
                                                kTwoPi)
                                 / 7200.0;
        const double omega = std::sqrt(kEarthMu / (r * r * r)) - alphaRate;
        const double d = almanacAt(mid).distance_au * kAstronomicalUnit_m;
        const double a = kSunRadius_m / d;
        // At the shadow's edge the satellite is R off the Sun-Earth line, so it sees the Sun
        // p = R / d = 4.28e-5 rad closer to the Earth's centre than the Earth's centre does:
        // the cones' edges lie at psi = b +- a + p (0.59 s of omega later on entry, earlier on
        // exit). The Sun's declination (under 0.2 deg within half a day of the equinox) moves
        // these durations by under 0.01 s.
        const double p = kShadowEarthRadius_m / d;
        test::ValidationCheck(std::string("orbit.eclipse.geo-cylinder-") + when,
                              "closed form 2 asin(R/r) / (n - d(alpha_sun)/dt), Almanac Sun",
                              std::string("GEO eclipse in the cylinder, ") + when,
                              "s",
                              cyl[0].Duration(),
                              2.0 * b / omega,
                              0.01);
        EXPECT_NEAR(umb[0].Duration(), 2.0 * (b - a + p) / omega, 0.01) << when;
        test::ValidationCheck(std::string("orbit.eclipse.geo-penumbra-") + when,
                              "hand estimate 2 (asin(R/r) + R_sun/d + R/d) / omega",
                              std::string("GEO eclipse, umbra + penumbra, ") + when,
                              "s",
                              pen[0].Duration(),
                              2.0 * (b + a + p) / omega,
                              0.01);
    }
    for (const char* when : {"2024-06-20T20:51:00Z", "2024-12-21T09:20:00Z"})
    {
        // beta = 23.44 deg, far beyond the critical asin(R / r) = 8.70 deg.
        auto earth = EarthAt(when);
        SunEphemeris sun(earth);
        CircularOrbit geo({kWgs84A + kGeoAltitudeKm * 1e3, 0.0, 0.0, 0.0}, earth, false);
        EXPECT_TRUE(ShadowIntervals(geo, sun, -86400.0, 86400.0, ShadowBoundary::kPenumbra).empty())
            << when;
    }
}

TEST(ShadowIntervals, SpanEdgesAndBadArguments)
{
    const double r = kShadowEarthRadius_m + 550e3;
    InertialCircle orbit(r);
    const double T = orbit.Period();
    const Vec3 sun = SunAtBeta(0.0);
    auto at = [&](double)
    {
        return sun;
    };
    // Starting in the middle of the shadow (u = pi at T / 2): the first interval starts at the
    // span's start and the last one runs to its end.
    auto v = ShadowIntervalsWith(orbit, at, 0.5 * T, 1.5 * T, ShadowBoundary::kCylinder);
    ASSERT_EQ(v.size(), 2u);
    EXPECT_TRUE(v[0].beginsAtSpanStart);
    EXPECT_EQ(v[0].begin_s, 0.5 * T);
    EXPECT_TRUE(v[1].endsAtSpanEnd);
    EXPECT_EQ(v[1].end_s, 1.5 * T);
    EXPECT_NEAR(v[0].Duration() + v[1].Duration(), ClosedFormFraction(r, 0.0) * T, 1e-4);
    EXPECT_THROW(ShadowIntervalsWith(orbit, at, 1.0, 0.0, ShadowBoundary::kCylinder),
                 std::invalid_argument);
    EXPECT_THROW(ShadowIntervalsWith(orbit, at, 0.0, 1.0, ShadowBoundary::kCylinder, 0.0),
                 std::invalid_argument);
    EXPECT_TRUE(std::isnan(ShadowFraction({}, 0.0, 0.0)));
}

TEST(SunEphemeris, HourlyGridMatchesErfaBetweenItsPoints)
{
    // Between the cached whole hours the Earth's heliocentric state is carried to second order;
    // against eraEpv00 evaluated at t itself (plus the same light-time step) the neglected pull
    // of the Moon on the Earth, g_moon = GM_moon / d^2 = 3.3e-5 m/s^2, gives about
    // g_moon (1800 s)^2 / 2 = 54 m half an hour off the grid (87 m measured): 150 m, 1e-9 rad of
    // direction at 1 au.
    auto earth = EarthAt("2026-03-01T00:00:00Z");
    SunEphemeris sun(earth);
    double worst = 0.0;
    for (double t : {1800.0, -1799.0, 5400.0, 86400.0 * 100 + 1800.0})
    {
        const JulianDate tt = earth->Epoch().Tt(t);
        double pvh[2][3];
        double pvb[2][3];
        eraEpv00(tt.jd1, tt.jd2, pvh, pvb);
        const Vec3 p = Vec3{pvh[0][0], pvh[0][1], pvh[0][2]} * kAstronomicalUnit_m;
        const Vec3 v = Vec3{pvh[1][0], pvh[1][1], pvh[1][2]} * (kAstronomicalUnit_m / 86400.0);
        const Vec3 direct = -(p - v * (Norm(p) / kSpeedOfLight));
        worst = std::max(worst, Norm(sun.GcrsPositionAt(t) - direct));
    }
    EXPECT_LT(worst, 150.0);
    // The Earth-fixed rotation: the hourly GCRS-to-CIRS matrix and the exact Earth rotation
    // angle against ERFA's full eraC2t00b at t (precession-nutation moves the pole by about
    // 1e-8 rad in half an hour).
    double worstRad = 0.0;
    for (double t : {1800.0, -1799.0, 86400.0 * 200 + 1799.0})
    {
        const JulianDate tt = earth->Epoch().Tt(t);
        const JulianDate ut1 = earth->Epoch().Ut1(t, 0.0);
        double m[3][3];
        eraC2t00b(tt.jd1, tt.jd2, ut1.jd1, ut1.jd2, 0.0, 0.0, m);
        const Vec3 g = sun.GcrsPositionAt(t);
        const Vec3 full{m[0][0] * g.x + m[0][1] * g.y + m[0][2] * g.z,
                        m[1][0] * g.x + m[1][1] * g.y + m[1][2] * g.z,
                        m[2][0] * g.x + m[2][1] * g.y + m[2][2] * g.z};
        worstRad = std::max(worstRad, AngleDeg(sun.PositionAt(t), full) * kDegToRad);
    }
    EXPECT_LT(worstRad, 3e-8);
}

TEST(PowerBudget, OnTheConicalEclipseOfA550KmOrbit)
{
    // The power budget fed with found eclipse intervals (the penumbra: partial sunlight counts as
    // none). At beta = 0 the penumbra interval lasts the cylinder's 2136.689 s (closed form,
    // above) + two penumbra halves 2 x 4.2477 s (a / n) + two parallax shifts 2 x 0.0389 s
    // (R / 1 au / n) = 2145.262 s = 0.595906 h. With 300 Wh usable, a 300 W bus
    // (178.772 Wh) and a 400 W payload (238.362 Wh at full rate), the spread rate is
    // (300 - 178.772) / 238.362 = 0.508587, and the mean over the orbit
    // (5738.993 - 2145.262 x (1 - 0.508587)) / 5738.993 = (5738.993 - 1054.209) / 5738.993
    // = 0.816308.
    const double r = kShadowEarthRadius_m + 550e3;
    InertialCircle orbit(r);
    const double T = orbit.Period();
    const Vec3 sun = SunAtBeta(0.0);
    const auto eclipses = ShadowIntervalsWith(
        orbit,
        [&](double)
        {
            return sun;
        },
        0.0,
        T,
        ShadowBoundary::kPenumbra);
    ASSERT_EQ(eclipses.size(), 1u);
    EXPECT_NEAR(eclipses[0].Duration(), 2145.262, 1e-3);
    PowerSystem system;
    system.solarArray_W = 2000.0;
    system.batteryCapacity_Wh = 600.0;
    system.depthOfDischarge = 0.5;
    system.busLoad_W = 300.0;
    system.computeLoad_W = 400.0;
    const auto schedule = PlanComputePower(system, eclipses, 0.0, T);
    EXPECT_NEAR(schedule.RateAt(0.5 * T), 0.508587, 1e-6);
    EXPECT_NEAR(schedule.MeanRate(), 0.816308, 1e-6);
    EXPECT_EQ(schedule.RateAt(0.1 * T), 1.0);
}
