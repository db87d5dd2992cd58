// DUT1 (UT1 - UTC) rotates the Earth-fixed frame: a satellite's inertial state does not depend on
// it, so with DUT1 = 1 s its ECEF position is the DUT1 = 0 position turned west by one second of
// Earth rotation about the z axis.
#include "core/model/constants.h"
#include "orbit/model/walker-shell.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;

TEST(Dut1, OneSecondTurnsEarthFixedPositionsByOneSecondOfEarthRotation)
{
    const UtcEpoch epoch = UtcEpoch::Parse("2026-01-01T00:00:00Z");
    auto earth0 = std::make_shared<EarthOrientation>(epoch, 0.0);
    auto earth1 = std::make_shared<EarthOrientation>(epoch, 1.0);
    // The first satellites of a Starlink-like Walker shell 53:1584/72/39 at 550 km (J2 on).
    WalkerParams p{WalkerKind::Delta, 550e3, 53.0, 1584, 72, 39, 0.0, 0.0};
    const auto sats = LayoutWalkerShell("s1", p);
    // Earth's rotation rate relative to the stars (IERS Conventions 2010, table 1.1):
    // omega_E = 7.292115e-5 rad/s; over 1 s of UT1, 7.292115e-5 rad = 0.0041781 deg. The GMST of
    // the sidereal day gives 2 pi x 1.00273781191 / 86400 = 7.2921159e-5 rad/s, the same to 1e-11 (and the Earth rotation angle 7.2921151e-5 rad/s).
    const double omegaE = 7.292115e-5;
    for (size_t k = 0; k < 40; k += 7)
    {
        CircularOrbit o0(sats[k].elements, earth0, true);
        CircularOrbit o1(sats[k].elements, earth1, true);
        for (double t : {0.0, 600.0, 3600.0, 86400.0})
        {
            const Vec3 a = o0.StateAt(t).position;
            const Vec3 b = o1.StateAt(t).position;
            // Longitude shift (b - a), wrapped to (-pi, pi]: -omega_E x 1 s.
            double dLon = std::atan2(b.y, b.x) - std::atan2(a.y, a.x);
            dLon = std::remainder(dLon, kTwoPi);
            EXPECT_NEAR(dLon, -omegaE * 1.0, 1e-10) << sats[k].name << " t = " << t;
            // The rotation is about the z axis only: same height above the equator, same radius.
            EXPECT_NEAR(b.z, a.z, 1e-6) << sats[k].name;
            EXPECT_NEAR(std::hypot(b.x, b.y), std::hypot(a.x, a.y), 1e-6) << sats[k].name;
        }
    }
}
