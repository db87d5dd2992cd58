// The ns-3 mobility model reports the trajectory's ECEF state at Simulator::Now().
#include "orbit/helper/trajectory-mobility-model.h"
#include "orbit/model/circular-orbit.h"

#include "core/model/constants.h"

#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

#include <gtest/gtest.h>

using namespace sagin;

TEST(TrajectoryMobilityModel, FollowsSimulatorTime)
{
    ns3::RngSeedManager::SetSeed(1);
    ns3::RngSeedManager::SetRun(1);
    auto earth = std::make_shared<EarthOrientation>(UtcEpoch::Parse("2026-01-01T00:00:00Z"));
    auto orbit = std::make_shared<CircularOrbit>(
        CircularElements{kWgs84A + 550e3, 53.0 * kDegToRad, 0.0, 0.0}, earth, true);
    auto model = ns3::CreateObject<TrajectoryMobilityModel>();
    model->SetTrajectory(orbit);
    Vec3 seen;
    Vec3 seenVelocity;
    ns3::Simulator::Schedule(ns3::Seconds(100.0), [&]() {
        auto p = model->GetPosition();
        auto v = model->GetVelocity();
        seen = {p.x, p.y, p.z};
        seenVelocity = {v.x, v.y, v.z};
    });
    ns3::Simulator::Run();
    ns3::Simulator::Destroy();
    EXPECT_LT(Distance(seen, orbit->PositionAt(100.0)), 1e-6);
    EXPECT_LT(Distance(seenVelocity, orbit->StateAt(100.0).velocity), 1e-9);
}
