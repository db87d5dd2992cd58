#include "link/model/optical-isl.h"

#include "link/model/link-geometry.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

bool
IslLineOfSight(
    const Vec3& a, const Vec3& b, double maxRangeM, double grazingAltitudeM, double earthRadiusM)
{
    if (Distance(a, b) > maxRangeM)
    {
        return false;
    }
    if (!std::isfinite(grazingAltitudeM) && grazingAltitudeM < 0.0)
    {
        return true; // no atmosphere rule
    }
    return earthRadiusM > 0.0 ? GrazingAltitudeSphereM(a, b, earthRadiusM) >= grazingAltitudeM
                              : ClearsEllipsoid(a, b, grazingAltitudeM);
}

OpticalIsl::OpticalIsl(const OpticalIslParameters& parameters)
    : m_p(parameters)
{
}

double
OpticalIsl::RateBps(double distanceM) const
{
    if (m_p.referenceRangeM <= 0.0)
    {
        return std::min(m_p.rateBps, m_p.maxRateBps);
    }
    double r = m_p.referenceRangeM / std::max(distanceM, 1.0);
    return std::min(m_p.rateBps * r * r, m_p.maxRateBps);
}

OpticalIslResult
OpticalIsl::Evaluate(const Vec3& a, const Vec3& b) const
{
    OpticalIslResult r;
    r.distanceM = Distance(a, b);
    r.delayS = PropagationDelayS(r.distanceM);
    if (r.distanceM > m_p.maxRangeM)
    {
        r.grazingAltitudeM = m_p.earthRadiusM > 0.0 ? GrazingAltitudeSphereM(a, b, m_p.earthRadiusM)
                                                    : GrazingAltitudeEllipsoidM(a, b);
        return r;
    }
    r.grazingAltitudeM = m_p.earthRadiusM > 0.0 ? GrazingAltitudeSphereM(a, b, m_p.earthRadiusM)
                                                : GrazingAltitudeEllipsoidM(a, b);
    r.available = IslLineOfSight(a, b, m_p.maxRangeM, m_p.grazingAltitudeM, m_p.earthRadiusM);
    r.rateBps = r.available ? RateBps(r.distanceM) : 0.0;
    return r;
}

} // namespace sagin
