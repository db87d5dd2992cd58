// Walker geometry against closed forms (docs/models.md#walker-constellations): orbital radius, period, speed,
// J2 node drift, plane spacing and phasing, reconstructed from the propagated states.
#include "core/model/constants.h"
#include "orbit/model/walker-shell.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;

namespace
{

std::shared_ptr<const EarthOrientation>
Earth()
{
    return std::make_shared<EarthOrientation>(UtcEpoch::Parse("2026-01-01T00:00:00Z"));
}

// RAAN and argument of latitude recovered from an inertial state (independent of the layout code).
void
Elements(const StateVector& s, double& raan, double& u, double& inc)
{
    Vec3 h = Cross(s.position, s.velocity);
    raan = std::atan2(h.x, -h.y);
    inc = std::acos(h.z / Norm(h));
    Vec3 node{std::cos(raan), std::sin(raan), 0.0};
    Vec3 inPlane = Normalized(Cross(h, node));
    u = std::atan2(Dot(s.position, inPlane), Dot(s.position, node));
}

double
Wrap360(double deg)
{
    return deg - 360.0 * std::floor(deg / 360.0);
}

} // namespace

TEST(WalkerShell, NamesAndCount)
{
    WalkerParams p{WalkerKind::Delta, 550e3, 53.0, 1584, 72, 39, 0.0, 0.0};
    auto sats = LayoutWalkerShell("s1", p);
    ASSERT_EQ(sats.size(), 1584u);
    EXPECT_EQ(sats[0].name, "s1-0-0");
    EXPECT_EQ(sats[23].name, "s1-1-1");
    EXPECT_EQ(sats.back().name, "s1-71-21");
}

TEST(WalkerShell, PlaneSpacingAndPhasing)
{
    auto earth = Earth();
    for (auto kind : {WalkerKind::Delta, WalkerKind::Star})
    {
        WalkerParams p{kind, 1200e3, 87.9, 60, 6, 2, 15.0, 5.0};
        auto sats = LayoutWalkerShell("w", p);
        const int S = 10;
        double raan00 = 0;
        double u00 = 0;
        double inc = 0;
        CircularOrbit first(sats[0].elements, earth, false);
        Elements(first.InertialStateAt(0.0), raan00, u00, inc);
        EXPECT_NEAR(raan00 * kRadToDeg, 15.0, 1e-9);
        EXPECT_NEAR(u00 * kRadToDeg, 5.0, 1e-9);
        EXPECT_NEAR(inc * kRadToDeg, 87.9, 1e-9);
        const double spacing = kind == WalkerKind::Delta ? 60.0 : 30.0;
        for (const auto& s : sats)
        {
            CircularOrbit o(s.elements, earth, false);
            double raan = 0;
            double u = 0;
            Elements(o.InertialStateAt(0.0), raan, u, inc);
            EXPECT_NEAR(Wrap360((raan - raan00) * kRadToDeg + 1e-9), Wrap360(s.plane * spacing), 1e-7)
                << s.name;
            // u(p, s) - u(0, 0) = s * 360 / S + p * F * 360 / T
            double expect = s.slot * 360.0 / S + s.plane * 2 * 360.0 / 60;
            EXPECT_NEAR(Wrap360((u - u00) * kRadToDeg + 1e-9), Wrap360(expect + 1e-9), 1e-7) << s.name;
        }
    }
}

TEST(CircularOrbit, RadiusPeriodAndSpeedMatchKepler)
{
    // docs/models.md#walker-constellations: 550 km -> T = 95.65 min, v = 7.585 km/s.
    CircularElements el{kWgs84A + 550e3, 53.0 * kDegToRad, 0.3, 1.1};
    CircularOrbit orbit(el, Earth(), false);
    const double a = el.semiMajorAxis_m;
    const double period = kTwoPi * std::sqrt(a * a * a / kEarthMu);
    EXPECT_NEAR(period / 60.0, 95.65, 0.005);
    for (double t : {0.0, 1000.0, 5000.0, 86400.0})
    {
        StateVector s = orbit.InertialStateAt(t);
        EXPECT_NEAR(Norm(s.position), a, 1e-6);
        EXPECT_NEAR(Norm(s.velocity), std::sqrt(kEarthMu / a), 1e-9);
        EXPECT_NEAR(Norm(orbit.StateAt(t).position), a, 1e-6); // rotation keeps the radius
    }
    EXPECT_NEAR(std::sqrt(kEarthMu / a), 7585.0, 0.5);
    EXPECT_LT(Distance(orbit.InertialStateAt(period).position, orbit.InertialStateAt(0).position), 1e-3);
    EXPECT_GT(Distance(orbit.InertialStateAt(period / 2).position, orbit.InertialStateAt(0).position),
              1.9 * a);
}

TEST(CircularOrbit, J2NodeDriftMatchesClosedForm)
{
    // docs/models.md#j2-secular-drift: dOmega/dt(550 km, 53 deg) = -4.49 deg/day. Measured from positions
    // only: at an ascending-node crossing (z = 0) the position points along the node line.
    CircularElements el{kWgs84A + 550e3, 53.0 * kDegToRad, 0.0, 0.0};
    CircularOrbit orbit(el, Earth(), true);
    auto z = [&](double t) { return orbit.InertialStateAt(t).position.z; };
    double lo = 0;
    double hi = 0;
    for (double t = 86400.0 - 3000.0; t < 86400.0 + 3000.0; t += 30.0)
    {
        if (z(t) < 0 && z(t + 30.0) >= 0)
        {
            lo = t;
            hi = t + 30.0;
            break;
        }
    }
    ASSERT_GT(hi, 0.0);
    for (int i = 0; i < 60; ++i)
    {
        double mid = (lo + hi) / 2;
        (z(mid) < 0 ? lo : hi) = mid;
    }
    Vec3 node0 = orbit.InertialStateAt(0.0).position;
    Vec3 node1 = orbit.InertialStateAt(lo).position;
    double dRaan = std::remainder(std::atan2(node1.y, node1.x) - std::atan2(node0.y, node0.x), kTwoPi);
    EXPECT_NEAR(dRaan / lo * 86400.0 * kRadToDeg, -4.49, 0.005);

    // Sun-synchronous: +0.9856 deg/day (560 km needs i = 97.6 deg).
    CircularElements sso{kWgs84A + 560e3, 97.6 * kDegToRad, 0.0, 0.0};
    CircularOrbit sun(sso, Earth(), true);
    EXPECT_NEAR(sun.NodeRate() * 86400.0 * kRadToDeg, 0.9856, 0.01);
}

TEST(CircularOrbit, EcefVelocityIsTheDerivativeOfPosition)
{
    CircularElements el{kWgs84A + 630e3, 51.9 * kDegToRad, 1.0, 2.0};
    CircularOrbit orbit(el, Earth(), true);
    for (double t : {0.0, 777.0, 43210.0})
    {
        const double h = 0.01;
        Vec3 numeric = (orbit.StateAt(t + h).position - orbit.StateAt(t - h).position) / (2 * h);
        EXPECT_LT(Distance(numeric, orbit.StateAt(t).velocity), 1e-3) << t;
        EXPECT_LT(Distance(orbit.PositionAt(t), orbit.StateAt(t).position), 1e-6);
    }
}

TEST(CircularOrbit, MaximumLatitudeEqualsInclination)
{
    // At u = 90 deg the geocentric latitude equals the inclination (prograde orbit).
    CircularElements el{kWgs84A + 550e3, 53.0 * kDegToRad, 0.7, kPi / 2};
    CircularOrbit orbit(el, Earth(), false);
    Vec3 p = orbit.StateAt(0.0).position;
    EXPECT_NEAR(std::asin(p.z / Norm(p)) * kRadToDeg, 53.0, 1e-9);
}
