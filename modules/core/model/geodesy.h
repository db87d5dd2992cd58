// WGS84 geodesy: geodetic <-> ECEF (GeographicLib), local east-north-up frames, geodetic
// elevation and azimuth, geodesic distances.
#ifndef SAGIN_CORE_GEODESY_H
#define SAGIN_CORE_GEODESY_H

#include "core/model/vec3.h"

namespace sagin
{

/// A WGS84 geodetic position: latitude and longitude in degrees, height above the ellipsoid (m).
struct Geodetic
{
    double lat_deg = 0.0;
    double lon_deg = 0.0;
    double alt_m = 0.0;
};

Vec3 GeodeticToEcef(const Geodetic& g);
Geodetic EcefToGeodetic(const Vec3& ecef);

/// Local east-north-up frame at a geodetic point; "up" is the ellipsoid normal.
class EnuFrame
{
  public:
    EnuFrame() = default;
    explicit EnuFrame(const Geodetic& origin);

    /// Local coordinates (m) of an ECEF point: x east, y north, z up.
    Vec3 ToEnu(const Vec3& ecef) const;
    /// Rotates an ECEF direction (no translation) into local east-north-up.
    Vec3 DirectionToEnu(const Vec3& ecefDirection) const;
    /// The ECEF point with the given local coordinates.
    Vec3 ToEcef(const Vec3& enu) const;

    const Vec3& Origin() const
    {
        return m_origin;
    }

    const Vec3& Up() const
    {
        return m_up;
    }

  private:
    Vec3 m_origin;
    Vec3 m_east;
    Vec3 m_north;
    Vec3 m_up;
};

/// Geodetic elevation (rad) of `target` seen from `observer` whose ellipsoid normal is `up`
/// (unit vector): the angle above the plane tangent to the WGS84 ellipsoid. Negative below it.
inline double
ElevationRad(const Vec3& observer, const Vec3& up, const Vec3& target)
{
    Vec3 d = target - observer;
    // atan2 of the vertical and horizontal parts: accurate near the zenith, where asin is not.
    return std::atan2(Dot(up, d), Norm(Cross(up, d)));
}

/// Unit ellipsoid normal (geodetic "up") at a geodetic latitude and longitude in degrees.
Vec3 UpVector(double lat_deg, double lon_deg);

/// Elevation and azimuth (degrees, azimuth clockwise from north in [0, 360)) of `target` from
/// an observer frame.
struct LookAngles
{
    double elevation_deg;
    double azimuth_deg;
    double range_m;
};

LookAngles Look(const EnuFrame& observer, const Vec3& target);

/// Length (m) of the shortest path on the WGS84 ellipsoid between two points (GeographicLib).
double GeodesicDistance(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

/// The point at geodesic distance `distance_m` from a start point along azimuth `azimuth_deg`.
void GeodesicDirect(double lat1_deg,
                    double lon1_deg,
                    double azimuth_deg,
                    double distance_m,
                    double& lat2_deg,
                    double& lon2_deg);

/// Great-circle distance (m) on a sphere of radius `radius_m`.
double GreatCircleDistance(double lat1_deg,
                           double lon1_deg,
                           double lat2_deg,
                           double lon2_deg,
                           double radius_m);

} // namespace sagin

#endif
