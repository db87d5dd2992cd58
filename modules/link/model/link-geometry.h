// Geometry of one link: elevation, azimuth, off-boresight angle, slant range, and the clearance of
// a line of sight above the Earth (sphere or WGS84 ellipsoid). Pure functions, thread-safe.
#ifndef SAGIN_LINK_LINK_GEOMETRY_H
#define SAGIN_LINK_LINK_GEOMETRY_H

#include "core/model/vec3.h"

namespace sagin
{

/// Geocentric elevation (rad) of the segment a-b as ns-3-dev computes it after bug #1308
/// (docs/models.md#link-geometry): with p the end nearer Earth's centre and q the other,
/// sin(elev) = p.(q - p) / (|p| |q - p|). Signed: negative below p's horizon.
double GeocentricElevationRad(const Vec3& a, const Vec3& b);

// Geodetic elevation: ElevationRad (core/model/geodesy.h), the one implementation (atan2 form).

/// Azimuth (rad, clockwise from north, in [0, 2 pi)) of `target` from `observer` whose unit
/// ellipsoid normal is `up`. North is the projection of the Earth's axis on the local horizontal
/// plane (undefined at the poles, where 0 is returned for every target).
double AzimuthRad(const Vec3& observer, const Vec3& up, const Vec3& target);

/// Angle (rad, in [0, pi]) between an antenna's boresight direction and the direction to a
/// target. `boresight` need not be normalised.
double OffBoresightRad(const Vec3& antenna, const Vec3& boresight, const Vec3& target);

/// Slant range (m) from a ground point to a platform at altitude `altitudeM` seen at elevation
/// `elevationRad`, on a sphere of radius `radiusM` (TR 38.811 section 6.6.2 uses 6371 km):
/// d = sqrt(R^2 sin^2(e) + h^2 + 2 h R) - R sin(e).
double SlantRangeM(double elevationRad, double altitudeM, double radiusM = 6371000.0);

/// Elevation (rad) at which a platform at altitude `altitudeM` is seen at slant range `rangeM`
/// (inverse of SlantRangeM on the same sphere). Clamped to [-pi/2, pi/2].
double ElevationFromRangeRad(double rangeM, double altitudeM, double radiusM = 6371000.0);

/// Earth central angle (rad) between the ground point and the sub-platform point
/// (docs/models.md#coverage-geometry 6).
double CentralAngleRad(double elevationRad, double altitudeM, double radiusM = 6371000.0);

/// Minimum altitude (m) above a sphere of radius `radiusM` centred at the origin of the straight
/// segment a-b. Negative when the segment passes below the surface.
double GrazingAltitudeSphereM(const Vec3& a, const Vec3& b, double radiusM);

/// Minimum geodetic altitude (m) above the WGS84 ellipsoid of the straight segment a-b (ECEF).
/// Exact to well under a metre: the closest point is found in the space where the ellipsoid is a
/// sphere, then refined with geodetic altitudes.
double GrazingAltitudeEllipsoidM(const Vec3& a, const Vec3& b);

/// Fast estimate of GrazingAltitudeEllipsoidM: the point of the segment nearest the Earth's
/// centre, less the ellipsoid's radius at that point's geocentric latitude. Within 100 m of the
/// exact value for lines between platforms at 100-2,000 km grazing 0-300 km (36 m measured on
/// random pairs, the order of f^2 a = 74 m); kGrazingEstimateErrorM, ten times that, is the band
/// in which ClearsEllipsoid computes the exact minimum.
double GrazingAltitudeEstimateM(const Vec3& a, const Vec3& b);
constexpr double kGrazingEstimateErrorM = 1000.0;

/// Whether the segment a-b stays at least `minAltitudeM` above the WGS84 ellipsoid: the estimate
/// decides when it is farther than kGrazingEstimateErrorM from the limit, the exact minimum
/// (GrazingAltitudeEllipsoidM) otherwise.
bool ClearsEllipsoid(const Vec3& a, const Vec3& b, double minAltitudeM);

/// Longest line of sight between two platforms at altitudes h1 and h2 whose line stays above
/// `grazingAltitudeM` over a sphere of radius `radiusM`:
/// sqrt((R+h1)^2 - (R+hg)^2) + sqrt((R+h2)^2 - (R+hg)^2). Hypatia uses hg = 80 km and
/// R = 6378.135 km (docs/models.md#hypatia-link-limits 4).
double MaxLineOfSightRangeM(double altitude1M,
                            double altitude2M,
                            double grazingAltitudeM,
                            double radiusM);

/// One-way propagation delay (s) over `distanceM` in vacuum.
double PropagationDelayS(double distanceM);

} // namespace sagin

#endif
