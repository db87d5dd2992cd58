// Optical ISL availability against Hypatia's maximum ISL lengths
// (docs/models.md#hypatia-link-limits 4) and the acquisition-time tracker.
#include "../common/validation.h"
#include "core/model/constants.h"
#include "link/model/link-acquisition-tracker.h"
#include "link/model/link-budget.h"
#include "link/model/link-geometry.h"
#include "link/model/optical-isl.h"

#include <cmath>
#include <gtest/gtest.h>

namespace sagin
{
namespace
{

const double kHypatiaR = 6378135.0; // Hypatia's Earth radius (m)

/// Two satellites at altitude h, symmetric about the x axis, `chord` apart.
void
Pair(double h, double chord, Vec3& a, Vec3& b)
{
    double r = kHypatiaR + h;
    double half = std::asin(chord / 2.0 / r);
    a = Vec3(r * std::cos(half), r * std::sin(half), 0.0);
    b = Vec3(r * std::cos(half), -r * std::sin(half), 0.0);
}

TEST(OpticalIsl, HypatiaMaxIslLengths)
{
    // 2 sqrt((R + h)^2 - (R + 80 km)^2), R = 6378.135 km: 5016.6 / 5443.0 / 7197.5 km.
    const double cases[][2] = {{550e3, 5016.6e3}, {630e3, 5443.0e3}, {1015e3, 7197.5e3}};
    double worst = 0.0;
    for (const auto& c : cases)
    {
        double maxRange = MaxLineOfSightRangeM(c[0], c[0], 80e3, kHypatiaR);
        EXPECT_NEAR(maxRange, c[1], 0.05e3) << c[0];
        worst = std::max(worst, std::abs(maxRange - c[1]));
        // The clearance function on that geometry: the chord just grazes 80 km.
        Vec3 a;
        Vec3 b;
        Pair(c[0], c[1], a, b);
        EXPECT_NEAR(GrazingAltitudeSphereM(a, b, kHypatiaR), 80e3, 20.0) << c[0];
    }
    test::ValidationBound("link.isl.hypatia-max-length",
                          "Hypatia (Kassing et al. 2020) max ISL length, 80 km grazing",
                          "largest error, shells at 550/630/1015 km",
                          "m",
                          worst,
                          50.0);
}

TEST(OpticalIsl, AvailabilityFromClearance)
{
    OpticalIslParameters p;
    p.earthRadiusM = kHypatiaR;
    p.grazingAltitudeM = 80e3;
    p.rateBps = 10e9;
    OpticalIsl isl(p);
    Vec3 a;
    Vec3 b;
    Pair(550e3, 5000e3, a, b); // shorter than 5016.6 km: clears 80 km
    OpticalIslResult in = isl.Evaluate(a, b);
    EXPECT_TRUE(in.available);
    EXPECT_GT(in.grazingAltitudeM, 80e3);
    EXPECT_DOUBLE_EQ(in.rateBps, 10e9);
    EXPECT_NEAR(in.delayS, 5000e3 / kSpeedOfLight, 1e-12);
    Pair(550e3, 5030e3, a, b); // longer: dips below 80 km
    OpticalIslResult out = isl.Evaluate(a, b);
    EXPECT_FALSE(out.available);
    EXPECT_LT(out.grazingAltitudeM, 80e3);
    EXPECT_DOUBLE_EQ(out.rateBps, 0.0);
    // A maximum range cuts first.
    p.maxRangeM = 4000e3;
    Pair(550e3, 4500e3, a, b);
    EXPECT_FALSE(OpticalIsl(p).Evaluate(a, b).available);
}

TEST(OpticalIsl, RangeDependentRate)
{
    // rate = rate_ref (d_ref / d)^2, capped: 100 Gbit/s at 1000 km -> 25 Gbit/s at 2000 km.
    OpticalIslParameters p;
    p.rateBps = 100e9;
    p.referenceRangeM = 1000e3;
    p.maxRateBps = 100e9;
    OpticalIsl isl(p);
    EXPECT_NEAR(isl.RateBps(2000e3), 25e9, 1e-3);
    EXPECT_NEAR(isl.RateBps(500e3), 100e9, 1e-3); // capped
}

TEST(OpticalIsl, LinkBudgetModel)
{
    LinkBudgetParameters p;
    p.model = ChannelModel::kOpticalIsl;
    p.isl.maxRangeM = MaxLineOfSightRangeM(550e3, 550e3, 80e3, kHypatiaR);
    LinkBudget b(p);
    LinkGeometry g;
    g.distanceM = 5000e3;
    EXPECT_TRUE(b.Evaluate(g).available);
    g.distanceM = 5020e3;
    EXPECT_FALSE(b.Evaluate(g).available);
}

TEST(LinkAcquisitionTracker, WaitsForTheAcquisitionTime)
{
    LinkAcquisitionTracker t(2.0);
    EXPECT_FALSE(t.Observe(0.0, false));
    EXPECT_FALSE(t.Observe(1.0, true)); // up since 1 s
    EXPECT_FALSE(t.Observe(2.9, true));
    EXPECT_TRUE(t.Observe(3.0, true)); // 2 s later
    EXPECT_DOUBLE_EQ(t.CarryFromS(), 3.0);
    EXPECT_FALSE(t.Observe(4.0, false)); // lost: acquisition starts again
    EXPECT_FALSE(t.Observe(5.0, true));
    EXPECT_FALSE(t.CanCarry(6.5));
    EXPECT_TRUE(t.CanCarry(7.0));
    LinkAcquisitionTracker none(0.0);
    EXPECT_TRUE(none.Observe(10.0, true));
}

} // namespace
} // namespace sagin
