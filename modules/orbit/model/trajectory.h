// The motion of one node: its ECEF state at t seconds after the scenario epoch. Every node kind
// (satellite, HAPS, UAV, ground site) has one; ns-3 mobility and the geometric engines share it.
#ifndef SAGIN_ORBIT_TRAJECTORY_H
#define SAGIN_ORBIT_TRAJECTORY_H

#include "core/model/state-vector.h"

namespace sagin
{

class Trajectory
{
  public:
    virtual ~Trajectory() = default;
    /// ECEF position (m) and velocity (m/s) at t seconds after the scenario epoch. Thread-safe.
    virtual StateVector StateAt(double t_s) const = 0;
    /// ECEF position only (may be cheaper than StateAt).
    virtual Vec3 PositionAt(double t_s) const
    {
        return StateAt(t_s).position;
    }
    /// True when the position never changes (ground sites, fixed HAPS).
    virtual bool IsFixed() const
    {
        return false;
    }
};

/// A node that never moves in ECEF (ground sites, a HAPS held at one point).
class FixedTrajectory : public Trajectory
{
  public:
    explicit FixedTrajectory(const Vec3& ecef)
        : m_position(ecef)
    {
    }

    StateVector StateAt(double) const override
    {
        return {m_position, {0.0, 0.0, 0.0}};
    }

    Vec3 PositionAt(double) const override
    {
        return m_position;
    }

    bool IsFixed() const override
    {
        return true;
    }

  private:
    Vec3 m_position;
};

} // namespace sagin

#endif
