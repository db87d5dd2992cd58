#include "link/model/optical-isl.h"

#include "link/model/link-geometry.h"

#include <algorithm>

namespace sagin
{

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
    r.available = r.grazingAltitudeM >= m_p.grazingAltitudeM;
    r.rateBps = r.available ? RateBps(r.distanceM) : 0.0;
    return r;
}

} // namespace sagin
