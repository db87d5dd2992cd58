// The ns-3 TR 38.901 adapter: ns-3's UMa LOS path loss through local east-north-up positions
// equals the 38.901 closed form, and two ECEF placements of one local geometry agree.
#include "../common/validation.h"
#include "core/model/geodesy.h"
#include "link/model/terrestrial-path-loss.h"

#include <cmath>
#include <gtest/gtest.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>

namespace sagin
{
namespace
{

/// 38.901 Table 7.4.1-1 UMa LOS for d2D <= d'BP: PL1 = 28 + 22 log10 d3D + 20 log10 fc[GHz].
double
UmaPl1(double d2d, double hBs, double hUt, double fGHz)
{
    double d3d = std::sqrt(d2d * d2d + (hBs - hUt) * (hBs - hUt));
    return 28.0 + 22.0 * std::log10(d3d) + 20.0 * std::log10(fGHz);
}

TEST(TerrestrialPathLoss, UmaLosClosedForm)
{
    // hBS 25 m, hUT 1.5 m, 3.5 GHz: d'BP = 4 (25 - 1)(1.5 - 1) 3.5e9 / 3e8 = 560 m.
    TerrestrialPathLoss uma(TerrestrialScenario::kUma, 3.5e9);
    const double offsets[][2] = {{30.0, 40.0}, {-120.0, 160.0}, {0.0, -300.0}, {300.0, 400.0}};
    double worst = 0.0;
    for (const auto& o : offsets)
    {
        double d2d = std::hypot(o[0], o[1]);
        const double pl = uma.PathLossEnuDb(o[0], o[1], 25.0, 1.5, LinkCondition::kLos);
        worst = std::max(worst, std::abs(pl - UmaPl1(d2d, 25.0, 1.5, 3.5)));
    }
    test::ValidationBound("link.38901.uma-los",
                          "TR 38.901 Table 7.4.1-1, UMa LOS PL1 closed form",
                          "largest path-loss error, d2D 50-500 m, 3.5 GHz, hBS 25 m, hUT 1.5 m",
                          "dB",
                          worst,
                          1e-6);
    // NLOS: max(PL_LOS, 13.54 + 39.08 log10 d3D + 20 log10 fc - 0.6 (hUT - 1.5)).
    double d3d = std::sqrt(500.0 * 500.0 + 23.5 * 23.5);
    double nlos = std::max(UmaPl1(500.0, 25.0, 1.5, 3.5),
                           13.54 + 39.08 * std::log10(d3d) + 20.0 * std::log10(3.5));
    EXPECT_NEAR(uma.PathLossEnuDb(300.0, 400.0, 25.0, 1.5, LinkCondition::kNlos), nlos, 1e-6);
}

TEST(TerrestrialPathLoss, SameAnswerForTwoEcefPlacements)
{
    // The same local geometry (UT 300 m east, 400 m north of the BS) at the equator and at 60 N.
    TerrestrialPathLoss uma(TerrestrialScenario::kUma, 3.5e9);
    double expected = UmaPl1(500.0, 25.0, 1.5, 3.5);
    for (double lat : {0.0, 60.0})
    {
        Geodetic site{lat, 10.0, 120.0}; // ground at 120 m above the ellipsoid
        EnuFrame frame(site);
        Vec3 bsAntenna = frame.ToEcef(Vec3(0.0, 0.0, 25.0));
        Vec3 utAntenna = frame.ToEcef(Vec3(300.0, 400.0, 1.5));
        double pl = uma.PathLossDb(bsAntenna, 25.0, utAntenna, 1.5, LinkCondition::kLos);
        EXPECT_NEAR(pl, expected, 1e-4) << lat;
        double east;
        double north;
        TerrestrialPathLoss::HorizontalOffset(bsAntenna, utAntenna, east, north);
        EXPECT_NEAR(east, 300.0, 1e-3);
        EXPECT_NEAR(north, 400.0, 1e-3);
    }
}

TEST(TerrestrialPathLoss, RandomConditionUsesNs3Models)
{
    ns3::RngSeedManager::SetSeed(7);
    ns3::RngSeedManager::SetRun(1);
    // With ns-3's 3GPP channel-condition model and shadowing the loss is random but bounded by
    // LOS - 4 sigma and NLOS + 4 sigma (sigma_LOS 4 dB, sigma_NLOS 6 dB for UMa).
    TerrestrialPathLoss uma(TerrestrialScenario::kUma, 3.5e9, true, 100);
    TerrestrialPathLoss det(TerrestrialScenario::kUma, 3.5e9);
    double los = det.PathLossEnuDb(300.0, 400.0, 25.0, 1.5, LinkCondition::kLos);
    double nlos = det.PathLossEnuDb(300.0, 400.0, 25.0, 1.5, LinkCondition::kNlos);
    double pl = uma.PathLossEnuDb(300.0, 400.0, 25.0, 1.5, LinkCondition::kMean);
    EXPECT_GT(pl, los - 16.0);
    EXPECT_LT(pl, nlos + 24.0);
    ns3::Simulator::Destroy();
}

} // namespace
} // namespace sagin
