#include "orbit/helper/trajectory-mobility-model.h"

#include <ns3/abort.h>
#include <ns3/simulator.h>

namespace sagin
{

NS_OBJECT_ENSURE_REGISTERED(TrajectoryMobilityModel);

ns3::TypeId
TrajectoryMobilityModel::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::TrajectoryMobilityModel")
                                 .SetParent<ns3::MobilityModel>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<TrajectoryMobilityModel>();
    return tid;
}

TrajectoryMobilityModel::TrajectoryMobilityModel() = default;

void
TrajectoryMobilityModel::SetTrajectory(std::shared_ptr<const Trajectory> trajectory)
{
    m_trajectory = std::move(trajectory);
    NotifyCourseChange();
}

std::shared_ptr<const Trajectory>
TrajectoryMobilityModel::GetTrajectory() const
{
    return m_trajectory;
}

ns3::Vector
TrajectoryMobilityModel::DoGetPosition() const
{
    NS_ABORT_MSG_IF(!m_trajectory, "TrajectoryMobilityModel without a trajectory");
    Vec3 p = m_trajectory->PositionAt(ns3::Simulator::Now().GetSeconds());
    return {p.x, p.y, p.z};
}

void
TrajectoryMobilityModel::DoSetPosition(const ns3::Vector& position)
{
    m_trajectory = std::make_shared<FixedTrajectory>(Vec3{position.x, position.y, position.z});
    NotifyCourseChange();
}

ns3::Vector
TrajectoryMobilityModel::DoGetVelocity() const
{
    NS_ABORT_MSG_IF(!m_trajectory, "TrajectoryMobilityModel without a trajectory");
    Vec3 v = m_trajectory->StateAt(ns3::Simulator::Now().GetSeconds()).velocity;
    return {v.x, v.y, v.z};
}

} // namespace sagin
