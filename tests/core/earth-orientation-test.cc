// Earth orientation against published examples (Vallado, Fundamentals of Astrodynamics and
// Applications, 4th ed.; Vallado et al. 2006, "Revisiting Spacetrack Report #3") and against
// ERFA's exact angles for the fast linear forms.
#include "../common/validation.h"
#include "core/model/constants.h"
#include "core/model/earth-orientation.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace sagin;

TEST(EarthOrientation, Gmst82MatchesValladoExample3_5)
{
    // Example 3-5: 1992 August 20, 12:14 UT1 -> GMST = 152.578787810 deg.
    EarthOrientation eo(UtcEpoch::Parse("1992-08-20T12:14:00Z"), 0.0);
    double gmst = eo.Gmst82(0.0) * kRadToDeg;
    test::ValidationCheck("core.gmst82",
                          "Vallado, Fundamentals of Astrodynamics, 4th ed., Example 3-5",
                          "GMST (IAU-82), 1992-08-20 12:14 UT1",
                          "deg",
                          gmst,
                          152.578787810,
                          1e-6);
}

TEST(EarthOrientation, TemeToPefMatchesValladoTemeExample)
{
    // Vallado et al. 2006, TEME example: 2004-04-06 07:51:28.386009 UTC, dUT1 = -0.4399619 s.
    // r_TEME = (5094.18016210, 6127.64465950, 6380.34453270) km
    // r_PEF  = (-1033.47503130, 7901.30558560, 6380.34453270) km (ECEF before polar motion).
    EarthOrientation eo(UtcEpoch::Parse("2004-04-06T07:51:28.386009Z"), -0.4399619);
    StateVector teme;
    teme.position = {5094.18016210e3, 6127.64465950e3, 6380.34453270e3};
    teme.velocity = {-4.746131487, 0.785818041, 5.531931288};
    StateVector pef = eo.TemeToEcef(teme, 0.0);
    test::ValidationCheck("core.teme-to-pef",
                          "Vallado et al. 2006, Revisiting Spacetrack Report #3, TEME example",
                          "TEME to PEF, x of the example position",
                          "m",
                          pef.position.x,
                          -1033.47503130e3,
                          1.0);
    EXPECT_NEAR(pef.position.y, 7901.30558560e3, 1.0);
    EXPECT_NEAR(pef.position.z, 6380.34453270e3, 1e-6);
}

TEST(EarthOrientation, FastFormsStayWithinNanoradianOfErfaForAYear)
{
    EarthOrientation eo(UtcEpoch::Parse("2026-01-01T00:00:00Z"), 0.1);
    for (double t : {0.0, 3600.0, 86400.0, 30 * 86400.0, 365 * 86400.0, -100 * 86400.0})
    {
        EXPECT_NEAR(std::remainder(eo.FastGmst06(t) - eo.Gmst06(t), kTwoPi), 0.0, 1e-9) << t;
        EXPECT_NEAR(std::remainder(eo.FastGmst82(t) - eo.Gmst82(t), kTwoPi), 0.0, 1e-9) << t;
    }
}

TEST(EarthOrientation, EcefVelocityIsTheDerivativeOfEcefPosition)
{
    // An inertial point moving uniformly: the ECEF velocity from RotateToEcef must equal the
    // numerical derivative of the ECEF positions (a second method).
    StateVector s0;
    s0.position = {7000e3, 100e3, 2000e3};
    s0.velocity = {10.0, 7400.0, 300.0};
    auto at = [&](double t)
    {
        StateVector s = s0;
        s.position = s0.position + s0.velocity * t;
        return EarthOrientation::RotateToEcef(s, 1.0 + kEarthRotationRate * t);
    };
    const double h = 0.01;
    Vec3 numeric = (at(h).position - at(-h).position) / (2 * h);
    Vec3 analytic = at(0).velocity;
    EXPECT_NEAR(numeric.x, analytic.x, 1e-5);
    EXPECT_NEAR(numeric.y, analytic.y, 1e-5);
    EXPECT_NEAR(numeric.z, analytic.z, 1e-5);
}
