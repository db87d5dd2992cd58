// The scenario's dut1_s reaches every Earth-fixed position of the world: the same Walker shell
// with dut1_s = 0.5 sits half a second of Earth rotation further west than with dut1_s = 0.
#include "core/model/constants.h"
#include "scenario/model/world.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cmath>

using namespace sagin;

TEST(Dut1World, ScenarioDut1TurnsTheSatellitesByDut1OfEarthRotation)
{
    auto build = [](double dut1)
    {
        v1::Scenario s;
        EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
            R"(name: "d" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60
shells { name: "s" walker { pattern: DELTA altitude_km: 550 inclination_deg: 53 total_satellites: 24 planes: 4 phasing: 1 } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: 0 } }
dut1_s: )" + std::to_string(dut1),
            &s));
        return BuildWorld(s, ".");
    };
    const World w0 = build(0.0);
    const World w1 = build(0.5);
    // omega_E = 7.292115e-5 rad/s (IERS Conventions 2010): 0.5 s of UT1 is 3.646058e-5 rad.
    const double expected = -7.292115e-5 * 0.5;
    int satellites = 0;
    for (size_t k = 0; k < w0.Nodes().size(); ++k)
    {
        if (w0.Nodes()[k].role != v1::Node::SAT)
        {
            // A ground site is fixed in the Earth frame: DUT1 does not move it.
            EXPECT_EQ(Distance(w0.Nodes()[k].trajectory->PositionAt(10.0), w1.Nodes()[k].trajectory->PositionAt(10.0)),
                      0.0);
            continue;
        }
        ++satellites;
        for (double t : {0.0, 1000.0})
        {
            const Vec3 a = w0.Nodes()[k].trajectory->PositionAt(t);
            const Vec3 b = w1.Nodes()[k].trajectory->PositionAt(t);
            EXPECT_NEAR(std::remainder(std::atan2(b.y, b.x) - std::atan2(a.y, a.x), kTwoPi), expected, 1e-10)
                << w0.Nodes()[k].name;
            EXPECT_NEAR(b.z, a.z, 1e-6);
        }
    }
    EXPECT_EQ(satellites, 24);
}
