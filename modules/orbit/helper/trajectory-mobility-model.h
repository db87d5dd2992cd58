// An ns-3 MobilityModel that reports a Trajectory's ECEF position (m) and velocity (m/s) at
// Simulator::Now(), with simulation time 0 at the scenario epoch. Positions are ECEF, so ns-3's
// planar propagation models must never be fed them directly (see link/README.md).
#ifndef SAGIN_ORBIT_TRAJECTORY_MOBILITY_MODEL_H
#define SAGIN_ORBIT_TRAJECTORY_MOBILITY_MODEL_H

#include "orbit/model/trajectory.h"

#include <ns3/mobility-model.h>

#include <memory>

namespace sagin
{

class TrajectoryMobilityModel : public ns3::MobilityModel
{
  public:
    static ns3::TypeId GetTypeId();
    TrajectoryMobilityModel();

    void SetTrajectory(std::shared_ptr<const Trajectory> trajectory);
    std::shared_ptr<const Trajectory> GetTrajectory() const;

  private:
    ns3::Vector DoGetPosition() const override;
    void DoSetPosition(const ns3::Vector& position) override;
    ns3::Vector DoGetVelocity() const override;

    std::shared_ptr<const Trajectory> m_trajectory;
};

} // namespace sagin

#endif
