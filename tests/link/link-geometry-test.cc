// Geometry helpers against ns-3's elevation-angle vectors (docs/models.md#elevation-test-vectors),
// the TR 38.821 delay figures (docs/models.md#coverage-geometry) and the coverage-geometry table of
// models.md 6.
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "link/model/link-budget.h"
#include "link/model/link-geometry.h"

#include <cmath>
#include <gtest/gtest.h>

namespace sagin
{
namespace
{

const double kEarthR = 6371000.0;

Vec3
Sphere(double latDeg, double lonDeg, double altM)
{
    double r = kEarthR + altM;
    double lat = latDeg * kDegToRad;
    double lon = lonDeg * kDegToRad;
    return {
        r * std::cos(lat) * std::cos(lon), r * std::cos(lat) * std::sin(lon), r * std::sin(lat)};
}

double
ElevDeg(const Vec3& a, const Vec3& b)
{
    return GeocentricElevationRad(a, b) * kRadToDeg;
}

TEST(LinkGeometry, Ns3ElevationVectors)
{
    // docs/models.md#elevation-test-vectors, tolerance 0.01 deg.
    EXPECT_NEAR(ElevDeg(Sphere(45, 0, 0), Sphere(0, 0, 35786e3)), 38.1771, 0.01);
    EXPECT_NEAR(ElevDeg(Sphere(0, 0, 0), Sphere(0, 120, 600e3)), -58.5127, 0.01);
    EXPECT_NEAR(ElevDeg(Sphere(60, 0, 0), Sphere(50, 0, 600e3)), 22.2040, 0.01);
    // The order of the two ends does not matter (the nearer-to-centre end is the observer).
    EXPECT_NEAR(ElevDeg(Sphere(50, 0, 600e3), Sphere(60, 0, 0)), 22.2040, 0.01);
    double lonHorizon = std::acos(kEarthR / (kEarthR + 600e3)) * kRadToDeg;
    EXPECT_NEAR(ElevDeg(Sphere(0, 0, 0), Sphere(0, lonHorizon, 600e3)), 0.0, 0.01);
    EXPECT_NEAR(ElevDeg(Sphere(10, 20, 0), Sphere(10, 20, 600e3)), 90.0, 0.01);
}

TEST(LinkGeometry, GeodeticElevationFromUp)
{
    // On the WGS84 ellipsoid, a point straight along the ellipsoid normal is at 90 deg, and a
    // point on the tangent plane is at 0 deg (ElevationRad: the one elevation of the code).
    Geodetic g{48.0, 11.0, 0.0};
    Vec3 p = GeodeticToEcef(g);
    Vec3 up = UpVector(g.lat_deg, g.lon_deg);
    EXPECT_NEAR(ElevationRad(p, up, p + up * 500e3) * kRadToDeg, 90.0, 1e-9);
    Vec3 east = Normalized(Cross(Vec3(0, 0, 1), up));
    EXPECT_NEAR(ElevationRad(p, up, p + east * 1000.0) * kRadToDeg, 0.0, 1e-9);
    // 30 deg above the tangent plane.
    Vec3 t = p + (east * std::cos(30 * kDegToRad) + up * std::sin(30 * kDegToRad)) * 1e4;
    EXPECT_NEAR(ElevationRad(p, up, t) * kRadToDeg, 30.0, 1e-9);
}

TEST(LinkGeometry, ElevationNearTheHorizonAndTheZenithToRoundOff)
{
    // A target 1,000 km away at elevation e = 1e-7 rad and e = pi/2 - 1e-7 rad: by construction
    // its direction is east cos(e) + up sin(e). The atan2 form recovers e to round-off (a few
    // 1e-16 rad) at both ends; asin(up . d / |d|) near the zenith would lose about half the
    // digits (asin(1 - 5e-15) has a resolution of sqrt(2 x 1.1e-16) = 1.5e-8 rad).
    Geodetic g{-33.0, 151.0, 20.0};
    Vec3 p = GeodeticToEcef(g);
    Vec3 up = UpVector(g.lat_deg, g.lon_deg);
    Vec3 east = Normalized(Cross(Vec3(0, 0, 1), up));
    for (double e : {1e-7, -1e-7, kPi / 2 - 1e-7, kPi / 2 - 1e-12})
    {
        Vec3 t = p + (east * std::cos(e) + up * std::sin(e)) * 1e6;
        EXPECT_NEAR(ElevationRad(p, up, t), e, 1e-12) << e;
    }
    // The link budget's geometry uses the same function.
    LinkGeometry lg = LinkBudget::GeometryFromEcef(
        p, up, p + (east * std::cos(1e-7) + up * std::sin(1e-7)) * 1e6);
    EXPECT_NEAR(lg.elevationDeg, 1e-7 * kRadToDeg, 1e-10);
}

TEST(LinkGeometry, Azimuth)
{
    // At (0 N, 0 E) on a sphere: east is +y, north is +z.
    Vec3 p(kEarthR, 0, 0);
    Vec3 up(1, 0, 0);
    EXPECT_NEAR(AzimuthRad(p, up, p + Vec3(0, 0, 1000)) * kRadToDeg, 0.0, 1e-9);
    EXPECT_NEAR(AzimuthRad(p, up, p + Vec3(0, 1000, 0)) * kRadToDeg, 90.0, 1e-9);
    EXPECT_NEAR(AzimuthRad(p, up, p + Vec3(500, 0, -1000)) * kRadToDeg, 180.0, 1e-9);
    EXPECT_NEAR(AzimuthRad(p, up, p + Vec3(0, -1000, 1000)) * kRadToDeg, 315.0, 1e-9);
    // Agrees with the geodetic look angles of core/model/geodesy.h on the ellipsoid.
    Geodetic g{40.0, -3.0, 600.0};
    Vec3 o = GeodeticToEcef(g);
    Vec3 t = GeodeticToEcef({41.0, -1.5, 550e3});
    EXPECT_NEAR(
        AzimuthRad(o, UpVector(40.0, -3.0), t) * kRadToDeg, Look(EnuFrame(g), t).azimuth_deg, 1e-6);
}

TEST(LinkGeometry, OffBoresight)
{
    Vec3 a(0, 0, 0);
    EXPECT_NEAR(OffBoresightRad(a, Vec3(0, 0, -1), Vec3(0, 0, -10)), 0.0, 1e-12);
    EXPECT_NEAR(OffBoresightRad(a, Vec3(0, 0, -1), Vec3(10, 0, -10)), kPi / 4, 1e-12);
    EXPECT_NEAR(OffBoresightRad(a, Vec3(1, 0, 0), Vec3(-3, 0, 0)), kPi, 1e-12);
}

TEST(LinkGeometry, Tr38821DelayFigures)
{
    // docs/models.md#tr-38821-delays: max slant range at 10 deg, RTTs 4 d / c and 2 d / c, nadir
    // one-way delay.
    struct Case
    {
        double altitudeM;
        double slantKm;
        double rttTransparentMs;
        double rttRegenerativeMs;
        double nadirMs;
        double footprintKm;
        double differentialMs;
    };
    const Case cases[] = {
        {35786e3, 40581, 541.46, 270.73, 119.37, 3500, 10.28},
        {1200e3, 3131, 41.77, 20.89, 4.00, 1000, 3.178},
        {600e3, 1932, 25.77, 12.89, 2.00, 1000, 3.120},
    };
    const double e10 = 10.0 * kDegToRad;
    for (const auto& c : cases)
    {
        double d = SlantRangeM(e10, c.altitudeM);
        EXPECT_NEAR(d / 1e3, c.slantKm, 0.5);
        EXPECT_NEAR(4.0 * PropagationDelayS(d) * 1e3, c.rttTransparentMs, 0.005);
        EXPECT_NEAR(2.0 * PropagationDelayS(d) * 1e3, c.rttRegenerativeMs, 0.005);
        EXPECT_NEAR(PropagationDelayS(SlantRangeM(kPi / 2, c.altitudeM)) * 1e3, c.nadirMs, 0.005);
        // Differential delay: edge at 10 deg vs the point one footprint diameter closer.
        double lambda = CentralAngleRad(e10, c.altitudeM) - c.footprintKm * 1e3 / kEarthR;
        double rh = kEarthR + c.altitudeM;
        double d2 = std::sqrt(kEarthR * kEarthR + rh * rh - 2 * kEarthR * rh * std::cos(lambda));
        EXPECT_NEAR(PropagationDelayS(d - d2) * 1e3, c.differentialMs, 0.005);
    }
}

TEST(LinkGeometry, CoverageTable)
{
    // docs/models.md#coverage-geometry 6 (R = 6371 km): slant range and central angle.
    EXPECT_NEAR(SlantRangeM(25 * kDegToRad, 550e3) / 1e3, 1123.3, 0.05);
    EXPECT_NEAR(CentralAngleRad(25 * kDegToRad, 550e3) * kRadToDeg, 8.459, 5e-4);
    EXPECT_NEAR(SlantRangeM(30 * kDegToRad, 600e3) / 1e3, 1075.1, 0.05);
    EXPECT_NEAR(SlantRangeM(10 * kDegToRad, 20e3) / 1e3, 109.9, 0.05);
    EXPECT_NEAR(SlantRangeM(0.0, 550e3) / 1e3, 2703.8, 0.05); // horizon
    // Inverse.
    EXPECT_NEAR(ElevationFromRangeRad(1123.3e3, 550e3) * kRadToDeg, 25.0, 0.01);
}

TEST(LinkGeometry, GrazingAltitudeSphere)
{
    // Two points at 550 km over a sphere, 90 deg apart: the chord's midpoint is at
    // (R + h) cos 45 deg from the centre.
    double r = kEarthR + 550e3;
    Vec3 a(r, 0, 0);
    Vec3 b(0, r, 0);
    EXPECT_NEAR(GrazingAltitudeSphereM(a, b, kEarthR), r * std::cos(kPi / 4) - kEarthR, 1e-6);
    // A segment whose closest point to the centre is an end point.
    EXPECT_NEAR(
        GrazingAltitudeSphereM(Vec3(kEarthR + 100, 0, 0), Vec3(kEarthR + 5000, 10, 0), kEarthR),
        100.0,
        1e-6);
}

TEST(LinkGeometry, GrazingAltitudeEllipsoid)
{
    // In the equatorial plane the ellipsoid is a circle of radius a: closed form.
    double r = kWgs84A + 550e3;
    Vec3 a(r, 0, 0);
    Vec3 b(r * std::cos(0.6), r * std::sin(0.6), 0);
    EXPECT_NEAR(GrazingAltitudeEllipsoidM(a, b), r * std::cos(0.3) - kWgs84A, 0.05);
    // A polar chord: compare with a dense sampling of geodetic altitudes along the segment.
    Vec3 p = GeodeticToEcef({20.0, 30.0, 550e3});
    Vec3 q = GeodeticToEcef({70.0, 80.0, 700e3});
    double best = 1e30;
    for (int i = 0; i <= 20000; ++i)
    {
        double t = i / 20000.0;
        best = std::min(best, EcefToGeodetic(p + (q - p) * t).alt_m);
    }
    EXPECT_NEAR(GrazingAltitudeEllipsoidM(p, q), best, 1.0);
    EXPECT_LE(GrazingAltitudeEllipsoidM(p, q), best + 0.05);
}

} // namespace
} // namespace sagin
