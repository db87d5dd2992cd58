// The compute power budget against hand computations
// (docs/models.md#power-budget-of-in-orbit-compute).
#include "../common/validation.h"
#include "orbit/model/power-budget.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace sagin;

namespace
{

// A 35.9 min eclipse (2154 s) from t = 1000 s, inside a 95.65 min (5739 s) orbit.
constexpr double kEclipseStart = 1000.0;
constexpr double kEclipse = 35.9 * 60.0;
constexpr double kPeriod = 5739.0;

PowerSystem
System(double capacity_Wh, double dod, double array_W)
{
    PowerSystem s;
    s.solarArray_W = array_W;
    s.batteryCapacity_Wh = capacity_Wh;
    s.depthOfDischarge = dod;
    s.busLoad_W = 300.0;
    s.computeLoad_W = 400.0;
    return s;
}

std::vector<ShadowInterval>
OneEclipsePerOrbit(int orbits)
{
    std::vector<ShadowInterval> v;
    for (int k = 0; k < orbits; ++k)
    {
        const double a = kEclipseStart + k * kPeriod;
        v.push_back({a, a + kEclipse, false, false});
    }
    return v;
}

} // namespace

TEST(PowerBudget, AmpleBatteryKeepsFullRateThroughTheEclipse)
{
    // 500 Wh usable, 300 W bus + 400 W compute: the eclipse (2154 s = 0.598333 h) needs
    // 700 W * 0.598333 h = 418.83 Wh < 500 Wh, so the rate stays 1 and 81.17 Wh are left; at full
    // rate the battery would run dry only after 500 / 700 h = 42.86 min.
    const auto s
        = PlanComputePower(System(500.0, 1.0, 2000.0), OneEclipsePerOrbit(1), 0.0, kPeriod);
    for (auto policy : {EclipseComputePolicy::kSpread, EclipseComputePolicy::kFullRateFirst})
    {
        const auto p = PlanComputePower(
            System(500.0, 1.0, 2000.0), OneEclipsePerOrbit(1), 0.0, kPeriod, policy);
        EXPECT_EQ(p.RateAt(kEclipseStart + 100.0), 1.0);
        EXPECT_EQ(p.RateAt(kEclipseStart + kEclipse - 1.0), 1.0);
        EXPECT_EQ(p.busDeficit_s, 0.0);
    }
    ASSERT_EQ(s.segments.size(), 3u);
    EXPECT_NEAR(s.segments[1].batteryEnd_Wh, 500.0 - 418.8333, 1e-3);
    EXPECT_DOUBLE_EQ(s.MeanRate(), 1.0);
}

TEST(PowerBudget, ScarceBatteryThrottlesOrStopsComputeInTheEclipse)
{
    // 600 Wh at 50 % depth of discharge: 300 Wh usable. The bus needs 300 W * 0.598333 h =
    // 179.50 Wh, leaving 120.50 Wh for compute, which at full rate would take
    // 400 W * 0.598333 h = 239.333 Wh.
    //  - spread: rate 120.50 / 239.333 = 0.503482 for the whole eclipse;
    //  - full rate first: 120.50 Wh / 400 W = 0.30125 h = 1084.5 s at full rate, then none.
    // Either way the battery ends at its 300 Wh floor.
    const PowerSystem sys = System(600.0, 0.5, 2000.0);
    const auto spread = PlanComputePower(sys, OneEclipsePerOrbit(1), 0.0, kPeriod);
    test::ValidationCheck("orbit.power.spread-rate",
                          "hand computation (120.5 Wh / 239.333 Wh)",
                          "eclipse compute rate, 300 Wh usable, 300 W bus, 400 W compute, 35.9 min",
                          "",
                          spread.RateAt(kEclipseStart + 1.0),
                          0.503482,
                          1e-6);
    EXPECT_NEAR(spread.segments[1].batteryEnd_Wh, 300.0, 1e-9);
    const auto first = PlanComputePower(
        sys, OneEclipsePerOrbit(1), 0.0, kPeriod, EclipseComputePolicy::kFullRateFirst);
    ASSERT_EQ(first.segments.size(), 4u);
    test::ValidationCheck("orbit.power.full-rate-first-stop",
                          "hand computation (120.5 Wh / 400 W)",
                          "time at full rate into the eclipse before compute stops",
                          "s",
                          first.segments[1].end_s - kEclipseStart,
                          1084.5,
                          1e-9);
    EXPECT_EQ(first.RateAt(kEclipseStart + 1084.0), 1.0);
    EXPECT_EQ(first.RateAt(kEclipseStart + 1085.0), 0.0);
    EXPECT_NEAR(first.segments[2].batteryEnd_Wh, 300.0, 1e-9);
    // The same compute energy either way: 120.5 Wh in the eclipse plus 400 W over the
    // 5739 - 2154 = 3585 s of sunlight (398.333 Wh).
    EXPECT_NEAR(spread.computeEnergy_Wh, 120.5 + 398.3333, 1e-3);
    EXPECT_NEAR(first.computeEnergy_Wh, spread.computeEnergy_Wh, 1e-9);
    EXPECT_EQ(spread.busDeficit_s, 0.0);
}

TEST(PowerBudget, RechargeCarriesOverToTheNextEclipse)
{
    // Array 1000 W: in sunlight 1000 - 300 - 400 = 300 W charge the battery. After the first
    // eclipse (ending at the 300 Wh floor) the 5739 - 2154 = 3585 s of sunlight recharge
    // 300 W * 0.995833 h = 298.75 Wh: the second eclipse starts with 598.75 Wh, 298.75 Wh
    // usable, and its rate is (298.75 - 179.50) / 239.333 = 0.498259.
    const auto s
        = PlanComputePower(System(600.0, 0.5, 1000.0), OneEclipsePerOrbit(2), 0.0, 2 * kPeriod);
    EXPECT_NEAR(s.RateAt(kEclipseStart + 1.0), 0.503482, 1e-6);
    EXPECT_NEAR(s.RateAt(kEclipseStart + kPeriod + 1.0), 0.498259, 1e-6);
    EXPECT_EQ(s.RateAt(kEclipseStart + kEclipse + 10.0), 1.0);
    // The first sunlit stretch (1000 s) starts full and stays full (charge is capped).
    EXPECT_EQ(s.segments[0].batteryEnd_Wh, 600.0);
}

TEST(PowerBudget, BusDeficitAndWeakArray)
{
    // 100 Wh usable against a 179.5 Wh bus need: no compute, and the bus runs dry after
    // 100 Wh / 300 W = 1200 s, 2154 - 1200 = 954 s before the eclipse ends.
    const auto dry
        = PlanComputePower(System(100.0, 1.0, 2000.0), OneEclipsePerOrbit(1), 0.0, kPeriod);
    EXPECT_EQ(dry.RateAt(kEclipseStart + 1.0), 0.0);
    EXPECT_NEAR(dry.busDeficit_s, 954.0, 1e-9);
    // ... as the tail of the eclipse's segment (sunlight 0-1000 s, eclipse 1000-3154 s, sunlight).
    ASSERT_EQ(dry.segments.size(), 3u);
    EXPECT_EQ(dry.segments[0].busDeficit_s, 0.0);
    EXPECT_NEAR(dry.segments[1].busDeficit_s, 954.0, 1e-9);
    EXPECT_EQ(dry.segments[2].busDeficit_s, 0.0);
    // A 500 W array carries the 300 W bus and (500 - 300) / 400 = 0.5 of the compute.
    const auto weak = PlanComputePower(System(500.0, 1.0, 500.0), {}, 0.0, kPeriod);
    EXPECT_EQ(weak.RateAt(10.0), 0.5);
    EXPECT_EQ(weak.segments.size(), 1u);
    // No data, no number.
    EXPECT_TRUE(std::isnan(PlanComputePower(System(1, 1, 1), {}, 5.0, 5.0).MeanRate()));
    EXPECT_TRUE(std::isnan(weak.RateAt(-1.0)));
    PowerSystem bad = System(100.0, 0.0, 10.0);
    EXPECT_THROW(CheckPowerSystem(bad), std::invalid_argument);
    bad = System(100.0, 1.0, std::nan(""));
    EXPECT_THROW(CheckPowerSystem(bad), std::invalid_argument);
}
