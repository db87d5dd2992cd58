// UAV flight plans: a start point, then legs flown in order: fly to a point at a speed (along the
// WGS84 geodesic, altitude changing linearly), hover for a time, or loiter on a circle (fly to the
// circle's nearest point, then circle for a time). After the last leg the UAV hovers.
#ifndef SAGIN_ORBIT_FLIGHT_PLAN_TRAJECTORY_H
#define SAGIN_ORBIT_FLIGHT_PLAN_TRAJECTORY_H

#include "core/model/geodesy.h"
#include "orbit/model/trajectory.h"

#include <vector>

namespace sagin
{

struct FlightLeg
{
    enum class Kind
    {
        FlyTo,
        Hover,
        Loiter
    };

    Kind kind = Kind::Hover;
    Geodetic point;          ///< FlyTo: destination; Loiter: circle centre
    double speed_m_s = 0.0;  ///< FlyTo: ground speed along the path; Loiter: speed to the circle
    double duration_s = 0.0; ///< Hover and Loiter: time spent (Loiter: on the circle)
    double radius_m = 0.0;   ///< Loiter
    double period_s = 0.0;   ///< Loiter: time for one turn
    bool clockwise = true;   ///< Loiter: direction seen from above
};

class FlightPlanTrajectory : public Trajectory
{
  public:
    FlightPlanTrajectory(const Geodetic& start, const std::vector<FlightLeg>& legs);
    StateVector StateAt(double t_s) const override;

    /// Simulation time at which each flight segment starts (a Loiter leg makes two segments:
    /// the approach and the circle). Exposed for tests and for the flight summary.
    std::vector<double> SegmentStartTimes() const;

  private:
    struct Segment
    {
        enum class Kind
        {
            Line,
            Hold,
            Circle
        } kind;

        double t0;
        double t1;
        Geodetic from;
        Geodetic to;
        double length_m; ///< Line: horizontal geodesic length
        double azimuth_deg; ///< Line: initial azimuth
        EnuFrame center;    ///< Circle
        double radius_m;
        double omega;       ///< Circle: signed angular rate (clockwise positive)
        double az0;         ///< Circle: starting azimuth (rad)
    };

    Vec3 PositionIn(const Segment& s, double t_s) const;
    Geodetic EndOf(const Segment& s) const;

    std::vector<Segment> m_segments;
};

} // namespace sagin

#endif
