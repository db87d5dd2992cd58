// Geodesy against closed forms: WGS84 geodetic -> ECEF, the GEO elevation formula, equatorial
// geodesics and great circles.
#include "core/model/constants.h"
#include "core/model/geodesy.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;

TEST(Geodesy, GeodeticToEcefMatchesClosedForm)
{
    const double e2 = kWgs84F * (2 - kWgs84F);
    for (auto [lat, lon, h] : {std::tuple{0.0, 0.0, 0.0},
                               {45.0, 10.0, 100.0},
                               {-33.9, 151.2, 50.0},
                               {89.0, -120.0, 20000.0}})
    {
        double phi = lat * kDegToRad;
        double lam = lon * kDegToRad;
        double n = kWgs84A / std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
        Vec3 expect{(n + h) * std::cos(phi) * std::cos(lam),
                    (n + h) * std::cos(phi) * std::sin(lam),
                    (n * (1 - e2) + h) * std::sin(phi)};
        Vec3 got = GeodeticToEcef({lat, lon, h});
        EXPECT_NEAR(Distance(got, expect), 0.0, 1e-6);
        Geodetic back = EcefToGeodetic(got);
        EXPECT_NEAR(back.lat_deg, lat, 1e-10);
        EXPECT_NEAR(back.lon_deg, lon, 1e-10);
        EXPECT_NEAR(back.alt_m, h, 1e-6);
    }
}

TEST(Geodesy, GeoElevationFromTheEquatorMatchesClosedForm)
{
    // Station on the equator, GEO satellite over longitude offset g: elevation =
    // atan((cos g - a / r) / sin g) (the geodetic normal is radial on the equator).
    const double r = 42164170.0;
    for (double g : {10.0, 30.0, 60.0, 80.0})
    {
        Vec3 station = GeodeticToEcef({0.0, 0.0, 0.0});
        Vec3 sat{r * std::cos(g * kDegToRad), r * std::sin(g * kDegToRad), 0.0};
        double expect = std::atan((std::cos(g * kDegToRad) - kWgs84A / r) / std::sin(g * kDegToRad));
        EXPECT_NEAR(ElevationRad(station, UpVector(0.0, 0.0), sat), expect, 1e-12);
        EnuFrame frame({0.0, 0.0, 0.0});
        LookAngles look = Look(frame, sat);
        EXPECT_NEAR(look.elevation_deg, expect * kRadToDeg, 1e-9);
        EXPECT_NEAR(look.azimuth_deg, 90.0, 1e-9); // due east
    }
}

TEST(Geodesy, ElevationUsesTheEllipsoidNormal)
{
    // A point straight up along the geodetic normal is at 90 deg; straight up along the
    // geocentric radius is not, away from the equator and the poles.
    Geodetic site{45.0, 7.0, 0.0};
    Vec3 base = GeodeticToEcef(site);
    Vec3 up = UpVector(45.0, 7.0);
    EXPECT_NEAR(ElevationRad(base, up, base + up * 500e3) * kRadToDeg, 90.0, 1e-9);
    Vec3 radial = Normalized(base);
    double geocentricUp = ElevationRad(base, up, base + radial * 500e3) * kRadToDeg;
    // Geodetic minus geocentric latitude at 45 deg is about 0.192 deg.
    EXPECT_NEAR(90.0 - geocentricUp, 0.1924, 2e-3);
}

TEST(Geodesy, EquatorialGeodesicAndGreatCircle)
{
    // Along the equator the geodesic is the equator: a * dlon.
    EXPECT_NEAR(GeodesicDistance(0, 0, 0, 1.0), kWgs84A * kDegToRad, 1e-6);
    EXPECT_NEAR(GreatCircleDistance(0, 0, 0, 90, 6371e3), kPi / 2 * 6371e3, 1e-6);
    EXPECT_NEAR(GreatCircleDistance(90, 0, -90, 0, 6371e3), kPi * 6371e3, 1e-6);
    double lat = 0;
    double lon = 0;
    GeodesicDirect(0, 0, 90, kWgs84A * kDegToRad, lat, lon);
    EXPECT_NEAR(lat, 0.0, 1e-12);
    EXPECT_NEAR(lon, 1.0, 1e-12);
}
