// HAPS station keeping: held at one point, or flying a circle of given radius and period in the
// horizontal plane through a centre point at the platform's altitude.
#ifndef SAGIN_ORBIT_STATION_KEEPING_TRAJECTORY_H
#define SAGIN_ORBIT_STATION_KEEPING_TRAJECTORY_H

#include "core/model/geodesy.h"
#include "orbit/model/trajectory.h"

namespace sagin
{

struct StationKeepingParams
{
    Geodetic center;          ///< altitude is the flight altitude
    double radius_m = 0.0;    ///< 0 holds the platform at the centre
    double period_s = 0.0;    ///< time for one circle (> 0 when radius > 0)
    double phase_deg = 0.0;   ///< azimuth of the platform from the centre at t = 0 (from north)
    bool clockwise = true;    ///< direction seen from above
};

/// The circle lies in the plane tangent to the ellipsoid at the centre (its altitude departs from
/// the centre's by radius^2 / 2R: 0.7 m for a 3 km circle), so its radius and speed are exact.
class StationKeepingTrajectory : public Trajectory
{
  public:
    explicit StationKeepingTrajectory(const StationKeepingParams& p);
    StateVector StateAt(double t_s) const override;
    bool IsFixed() const override;

  private:
    StationKeepingParams m_p;
    EnuFrame m_frame;
};

} // namespace sagin

#endif
