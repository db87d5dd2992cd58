// A circular orbit propagated with Kepler's law plus the secular J2 drift of the node and of
// the argument of latitude (docs/models.md#j2-secular-drift). Walker shells are made of these.
#ifndef SAGIN_ORBIT_CIRCULAR_ORBIT_H
#define SAGIN_ORBIT_CIRCULAR_ORBIT_H

#include "core/model/earth-orientation.h"
#include "orbit/model/trajectory.h"

#include <memory>

namespace sagin
{

/// Elements of a circular orbit at the scenario epoch (angles in radians).
struct CircularElements
{
    double semiMajorAxis_m = 0.0;
    double inclination_rad = 0.0;
    double raan_rad = 0.0;         ///< right ascension of the ascending node, mean equinox of date
    double argOfLatitude_rad = 0.0; ///< u = argument of perigee + true anomaly, at the epoch
};

class CircularOrbit : public Trajectory
{
  public:
    /// With `j2Drift` false the orbit is purely Keplerian.
    CircularOrbit(const CircularElements& elements,
                  std::shared_ptr<const EarthOrientation> earth,
                  bool j2Drift = true);

    StateVector StateAt(double t_s) const override;
    Vec3 PositionAt(double t_s) const override;

    /// State in the inertial (mean equinox of date) frame.
    StateVector InertialStateAt(double t_s) const;

    /// Mean motion n = sqrt(mu / a^3) (rad/s).
    double MeanMotion() const;
    /// Secular node drift dOmega/dt (rad/s); zero without J2.
    double NodeRate() const;
    /// Secular drift of the argument of latitude beyond n (rad/s): d(omega)/dt + d(M)/dt - n.
    double ArgOfLatitudeRateCorrection() const;
    const CircularElements& Elements() const;

  private:
    CircularElements m_el;
    std::shared_ptr<const EarthOrientation> m_earth;
    double m_n;
    double m_uRate;
    double m_nodeRate;
    double m_sinI;
    double m_cosI;
};

} // namespace sagin

#endif
