#include "link/model/link-geometry.h"

#include "core/model/constants.h"
#include "core/model/geodesy.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

namespace
{

double
Clamp1(double x)
{
    return std::max(-1.0, std::min(1.0, x));
}

/// Parameter t in [0, 1] of the point of segment a + t (b - a) closest to the origin.
double
ClosestToOrigin(const Vec3& a, const Vec3& b)
{
    Vec3 d = b - a;
    double dd = Dot(d, d);
    if (dd <= 0.0)
    {
        return 0.0;
    }
    return std::max(0.0, std::min(1.0, -Dot(a, d) / dd));
}

} // namespace

double
GeocentricElevationRad(const Vec3& a, const Vec3& b)
{
    const Vec3& p = (Norm(a) <= Norm(b)) ? a : b;
    const Vec3& q = (Norm(a) <= Norm(b)) ? b : a;
    Vec3 d = q - p;
    double den = Norm(p) * Norm(d);
    if (den <= 0.0)
    {
        return 0.0;
    }
    return std::asin(Clamp1(Dot(p, d) / den));
}

double
AzimuthRad(const Vec3& observer, const Vec3& up, const Vec3& target)
{
    Vec3 east = Cross(Vec3(0.0, 0.0, 1.0), up);
    double n = Norm(east);
    if (n <= 1e-12)
    {
        return 0.0;
    }
    east = east / n;
    Vec3 north = Cross(up, east);
    Vec3 d = target - observer;
    double az = std::atan2(Dot(d, east), Dot(d, north));
    return az < 0.0 ? az + kTwoPi : az;
}

double
OffBoresightRad(const Vec3& antenna, const Vec3& boresight, const Vec3& target)
{
    Vec3 d = target - antenna;
    double den = Norm(d) * Norm(boresight);
    if (den <= 0.0)
    {
        return 0.0;
    }
    return std::acos(Clamp1(Dot(d, boresight) / den));
}

double
SlantRangeM(double elevationRad, double altitudeM, double radiusM)
{
    double s = std::sin(elevationRad);
    return std::sqrt(radiusM * radiusM * s * s + altitudeM * altitudeM + 2.0 * altitudeM * radiusM)
           - radiusM * s;
}

double
ElevationFromRangeRad(double rangeM, double altitudeM, double radiusM)
{
    // (R+h)^2 = R^2 + d^2 + 2 R d sin(e)
    if (rangeM <= 0.0)
    {
        return kPi / 2.0;
    }
    double rh = radiusM + altitudeM;
    double s = (rh * rh - radiusM * radiusM - rangeM * rangeM) / (2.0 * radiusM * rangeM);
    return std::asin(Clamp1(s));
}

double
CentralAngleRad(double elevationRad, double altitudeM, double radiusM)
{
    double eta = std::asin(Clamp1(radiusM * std::cos(elevationRad) / (radiusM + altitudeM)));
    return kPi / 2.0 - elevationRad - eta;
}

double
GrazingAltitudeSphereM(const Vec3& a, const Vec3& b, double radiusM)
{
    double t = ClosestToOrigin(a, b);
    return Norm(a + (b - a) * t) - radiusM;
}

double
GrazingAltitudeEstimateM(const Vec3& a, const Vec3& b)
{
    const Vec3 p = a + (b - a) * ClosestToOrigin(a, b);
    const double r = Norm(p);
    // Ellipsoid radius at the point's geocentric latitude: a b / sqrt(b^2 cos^2 + a^2 sin^2).
    const double bAxis = kWgs84A * (1.0 - kWgs84F);
    const double sinPsi = r > 0.0 ? p.z / r : 0.0;
    const double cos2 = 1.0 - sinPsi * sinPsi;
    return r
           - kWgs84A * bAxis
                 / std::sqrt(bAxis * bAxis * cos2 + kWgs84A * kWgs84A * sinPsi * sinPsi);
}

bool
ClearsEllipsoid(const Vec3& a, const Vec3& b, double minAltitudeM)
{
    const double estimate = GrazingAltitudeEstimateM(a, b);
    if (std::fabs(estimate - minAltitudeM) > kGrazingEstimateErrorM)
    {
        return estimate > minAltitudeM;
    }
    return GrazingAltitudeEllipsoidM(a, b) >= minAltitudeM;
}

double
GrazingAltitudeEllipsoidM(const Vec3& a, const Vec3& b)
{
    // In coordinates (x, y, z a/b) the ellipsoid is the sphere of radius a: the closest point
    // there is a near-minimum of the geodetic altitude; refine with a golden-section search on
    // the true altitude in a bracket around it (the altitude along a line is unimodal).
    const double ratio = 1.0 / (1.0 - kWgs84F);
    Vec3 as(a.x, a.y, a.z * ratio);
    Vec3 bs(b.x, b.y, b.z * ratio);
    double t0 = ClosestToOrigin(as, bs);
    double length = Distance(a, b);
    auto altitude = [&](double t)
    {
        return EcefToGeodetic(a + (b - a) * t).alt_m;
    };
    if (length <= 0.0)
    {
        return altitude(0.0);
    }
    // Bracket of +-200 km along the line (or the whole segment when shorter).
    double half = std::min(1.0, 200e3 / length);
    double lo = std::max(0.0, t0 - half);
    double hi = std::min(1.0, t0 + half);
    const double g = 0.5 * (std::sqrt(5.0) - 1.0);
    double x1 = hi - g * (hi - lo);
    double x2 = lo + g * (hi - lo);
    double f1 = altitude(x1);
    double f2 = altitude(x2);
    while ((hi - lo) * length > 0.01)
    {
        if (f1 < f2)
        {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - g * (hi - lo);
            f1 = altitude(x1);
        }
        else
        {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + g * (hi - lo);
            f2 = altitude(x2);
        }
    }
    return std::min({f1, f2, altitude(lo), altitude(hi)});
}

double
MaxLineOfSightRangeM(double altitude1M, double altitude2M, double grazingAltitudeM, double radiusM)
{
    double rg = radiusM + grazingAltitudeM;
    double r1 = radiusM + altitude1M;
    double r2 = radiusM + altitude2M;
    double s1 = r1 > rg ? std::sqrt(r1 * r1 - rg * rg) : 0.0;
    double s2 = r2 > rg ? std::sqrt(r2 * r2 - rg * rg) : 0.0;
    return s1 + s2;
}

double
PropagationDelayS(double distanceM)
{
    return distanceM / kSpeedOfLight;
}

} // namespace sagin
