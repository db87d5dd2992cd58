#include "core/model/geodesy.h"

#include "core/model/constants.h"

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>

#include <algorithm>
#include <cmath>

namespace sagin
{

Vec3
GeodeticToEcef(const Geodetic& g)
{
    Vec3 r;
    GeographicLib::Geocentric::WGS84().Forward(g.lat_deg, g.lon_deg, g.alt_m, r.x, r.y, r.z);
    return r;
}

Geodetic
EcefToGeodetic(const Vec3& ecef)
{
    Geodetic g;
    GeographicLib::Geocentric::WGS84().Reverse(ecef.x, ecef.y, ecef.z, g.lat_deg, g.lon_deg, g.alt_m);
    return g;
}

Vec3
UpVector(double lat_deg, double lon_deg)
{
    double phi = lat_deg * kDegToRad;
    double lam = lon_deg * kDegToRad;
    return {std::cos(phi) * std::cos(lam), std::cos(phi) * std::sin(lam), std::sin(phi)};
}

EnuFrame::EnuFrame(const Geodetic& origin)
    : m_origin(GeodeticToEcef(origin))
{
    double phi = origin.lat_deg * kDegToRad;
    double lam = origin.lon_deg * kDegToRad;
    m_east = {-std::sin(lam), std::cos(lam), 0.0};
    m_north = {-std::sin(phi) * std::cos(lam), -std::sin(phi) * std::sin(lam), std::cos(phi)};
    m_up = {std::cos(phi) * std::cos(lam), std::cos(phi) * std::sin(lam), std::sin(phi)};
}

Vec3
EnuFrame::DirectionToEnu(const Vec3& d) const
{
    return {Dot(d, m_east), Dot(d, m_north), Dot(d, m_up)};
}

Vec3
EnuFrame::ToEnu(const Vec3& ecef) const
{
    return DirectionToEnu(ecef - m_origin);
}

Vec3
EnuFrame::ToEcef(const Vec3& enu) const
{
    return m_origin + m_east * enu.x + m_north * enu.y + m_up * enu.z;
}

LookAngles
Look(const EnuFrame& observer, const Vec3& target)
{
    Vec3 enu = observer.ToEnu(target);
    double range = Norm(enu);
    double horizontal = std::hypot(enu.x, enu.y);
    double az = std::atan2(enu.x, enu.y) * kRadToDeg;
    if (az < 0.0)
    {
        az += 360.0;
    }
    return {std::atan2(enu.z, horizontal) * kRadToDeg, az, range};
}

double
GeodesicDistance(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg)
{
    double s12 = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg, s12);
    return s12;
}

void
GeodesicDirect(double lat1_deg,
               double lon1_deg,
               double azimuth_deg,
               double distance_m,
               double& lat2_deg,
               double& lon2_deg)
{
    GeographicLib::Geodesic::WGS84().Direct(lat1_deg,
                                            lon1_deg,
                                            azimuth_deg,
                                            distance_m,
                                            lat2_deg,
                                            lon2_deg);
}

double
GreatCircleDistance(double lat1_deg,
                    double lon1_deg,
                    double lat2_deg,
                    double lon2_deg,
                    double radius_m)
{
    double p1 = lat1_deg * kDegToRad;
    double p2 = lat2_deg * kDegToRad;
    double dl = (lon2_deg - lon1_deg) * kDegToRad;
    // Haversine form: accurate for small and large separations alike.
    double a = std::sin((p2 - p1) / 2) * std::sin((p2 - p1) / 2) +
               std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2.0 * radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

} // namespace sagin
