#include "orbit/model/station-keeping-trajectory.h"

#include "core/model/constants.h"

#include <cmath>

namespace sagin
{

StationKeepingTrajectory::StationKeepingTrajectory(const StationKeepingParams& p)
    : m_p(p),
      m_frame(p.center)
{
}

bool
StationKeepingTrajectory::IsFixed() const
{
    return m_p.radius_m <= 0.0;
}

StateVector
StationKeepingTrajectory::StateAt(double t_s) const
{
    if (m_p.radius_m <= 0.0)
    {
        return {m_frame.Origin(), {0, 0, 0}};
    }
    const double omega = kTwoPi / m_p.period_s * (m_p.clockwise ? 1.0 : -1.0);
    const double az = m_p.phase_deg * kDegToRad + omega * t_s; // azimuth from north, clockwise
    const double r = m_p.radius_m;
    Vec3 enu = {r * std::sin(az), r * std::cos(az), 0.0};
    Vec3 enuVel = {r * omega * std::cos(az), -r * omega * std::sin(az), 0.0};
    StateVector s;
    s.position = m_frame.ToEcef(enu);
    s.velocity = m_frame.ToEcef(enuVel) - m_frame.Origin();
    return s;
}

} // namespace sagin
