// Link budgets against hand-computed TR 38.821 cases (docs/models.md#tr-38821-terminals, docs/models.md#tr-38821-link-budget-anchors) and closed forms.
#include "core/model/constants.h"
#include "core/model/geodesy.h"
#include "link/model/link-budget.h"
#include "link/model/link-geometry.h"

#include <cmath>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sagin
{
namespace
{

LinkGeometry
Leo600At30Deg()
{
    LinkGeometry g;
    g.elevationDeg = 30.0;
    g.distanceM = SlantRangeM(30.0 * kDegToRad, 600e3); // 1075.088 km
    return g;
}

TEST(LinkBudget, Tr38821SBandLeo600Set1Uplink)
{
    // docs/models.md#tr-38821-link-budget-anchors: S-band handheld UL, 23 dBm EIRP over 360 kHz, satellite G/T 1.1 dB/K,
    // 30 deg, LEO-600 Set-1, clear sky, 3 dB shadowing margin -> C/N = 2.8 dB (38.821).
    LinkBudgetParameters p;
    p.model = ChannelModel::kNtn;
    p.environment = Environment::kSuburban;
    p.frequencyHz = 2e9;
    p.bandwidthHz = 360e3;
    p.txPowerDbw = 23.0 - 30.0; // 200 mW handheld, 0 dBi
    p.txGainDbi = 0.0;
    p.gtDbK = 1.1;
    p.shadowingMarginDb = 3.0;
    LinkBudget b(p);
    LinkBudgetResult r = b.Evaluate(Leo600At30Deg(), LinkCondition::kLos);
    // By hand:
    //   d    = sqrt(6371^2 sin^2 30 + 600^2 + 2 600 6371) - 6371 sin 30 = 1075.0880 km
    //   FSPL = 32.45 + 20 log10 2 + 20 log10 1075088.0 = 32.45 + 6.0206 + 120.6289 = 159.0995
    //   (38.821: PL 159.1 dB)
    //   gas  = 0 (30 deg >= 10 and 2 GHz < 10 GHz: ns-3 rule)
    //   scintillation = 1.1 (2/4)^-1.5 / sqrt 2 = 2.2 dB (38.821 table: 2.2 dB)
    //   C/N = EIRP + G/T - PL - scint - margin - k - 10 log10 B
    //       = -7 + 1.1 - 159.0995 - 2.2 - 3 + 228.5992 - 55.5630 = 2.8367 dB
    EXPECT_NEAR(r.fsplDb, 159.0995, 1e-4);
    EXPECT_DOUBLE_EQ(r.gasDb, 0.0);
    EXPECT_NEAR(r.scintillationDb, 2.2, 1e-12);
    EXPECT_NEAR(r.cnDb, 2.8367, 1e-4);
    EXPECT_NEAR(r.cnDb, 2.8, 0.05); // the published 38.821 figure
    // DVB-S2X: QPSK 3/5 needs 2.23 dB, QPSK 2/3 3.10 dB -> 1.188304 b/s/Hz * 360 kHz.
    EXPECT_DOUBLE_EQ(r.spectralEfficiency, 1.188304);
    EXPECT_NEAR(r.rateBps, 1.188304 * 360e3, 1e-6);
    EXPECT_TRUE(r.available);
    // One-way delay 1075.088 km / c = 3.5861 ms.
    EXPECT_NEAR(r.oneWayDelayS * 1e3, 3.5861, 1e-4);
}

TEST(LinkBudget, GtFromNoiseFigureAndEirpDensity)
{
    // S-band LEO-600 Set-1 DL to a handheld: EIRP density 34 dBW/MHz over 30 MHz, UE 0 dBi,
    // NF 7 dB, T_ant 290 K (docs/models.md#tr-38821-parameter-sets, docs/models.md#tr-38821-terminals).
    //   EIRP = 34 + 10 log10 30 = 48.7712 dBW
    //   T_sys = 290 + 290 (10^0.7 - 1) = 1453.443 K -> G/T = -31.6240 dB/K
    //   C/N = 48.7712 - 31.6240 - (159.0995 + 2.2) + 228.5992 - 74.7712 = 9.6757 dB (LOS)
    LinkBudgetParameters p;
    p.frequencyHz = 2e9;
    p.bandwidthHz = 30e6;
    p.eirpDbwPerMhz = 34.0;
    p.rxGainDbi = 0.0;
    p.noiseFigureDb = 7.0;
    p.antennaTemperatureK = 290.0;
    LinkBudget b(p);
    EXPECT_NEAR(b.EirpDbw(), 48.7712, 1e-4);
    EXPECT_NEAR(b.GtDbK(), -31.6240, 1e-4);
    EXPECT_NEAR(b.Evaluate(Leo600At30Deg(), LinkCondition::kLos).cnDb, 9.6757, 1e-4);
}

TEST(LinkBudget, MeanModeAndFadingSample)
{
    LinkBudgetParameters p;
    p.frequencyHz = 20e9;
    p.environment = Environment::kUrban;
    p.bandwidthHz = 400e6;
    p.eirpDbwPerMhz = 4.0;
    p.gtDbK = 13.0;
    LinkBudget b(p);
    LinkGeometry g;
    g.elevationDeg = 45.0;
    g.distanceM = 1e6;
    // Urban Ka at alpha_q 50: P_LOS 0.726, CL 34.6, sigma LOS 4 / NLOS 6, scint 0.17,
    // gas 0.25 / sin 45.
    const double base = 32.45 + 20 * std::log10(20.0) + 120.0 + 0.25 / std::sin(kPi / 4) + 0.17;
    LinkBudgetResult mean = b.Evaluate(g, LinkCondition::kMean);
    EXPECT_NEAR(mean.pathLossDb, base + (1 - 0.726) * 34.6, 1e-9);
    EXPECT_NEAR(mean.shadowFadingSigmaDb, std::sqrt(0.726 * 16 + 0.274 * 36), 1e-12);
    EXPECT_NEAR(b.MeanCnDb(1e6, 45.0), mean.cnDb, 1e-9);
    FadingSample s{false, 5.0};
    LinkBudgetResult drawn = b.Evaluate(g, LinkCondition::kMean, &s);
    EXPECT_NEAR(drawn.pathLossDb, base + 34.6, 1e-9); // NLOS, without the draw
    EXPECT_NEAR(drawn.totalLossDb, base + 34.6 + 5.0, 1e-9);
    EXPECT_NEAR(mean.cnDb - drawn.cnDb, 34.6 * 0.726 + 5.0, 1e-9);
}

TEST(LinkBudget, RollOffAndMinimumCn)
{
    // Roll-off 0.2: Es/N0 = C/N + 10 log10 1.2 = C/N + 0.7918; rate = eff B / 1.2.
    LinkBudgetParameters p;
    p.frequencyHz = 2e9;
    p.bandwidthHz = 360e3;
    p.txPowerDbw = -7.0;
    p.gtDbK = 1.1;
    p.shadowingMarginDb = 3.0;
    p.rollOff = 0.2;
    LinkBudget b(p);
    LinkBudgetResult r = b.Evaluate(Leo600At30Deg(), LinkCondition::kLos);
    // Es/N0 = 2.8367 + 0.7918 = 3.6285 -> QPSK 2/3 (3.10 dB, 1.322253)
    EXPECT_DOUBLE_EQ(r.spectralEfficiency, 1.322253);
    EXPECT_NEAR(r.rateBps, 1.322253 * 360e3 / 1.2, 1e-6);
    p.minCnDb = 3.0;
    LinkBudget strict(p);
    LinkBudgetResult s = strict.Evaluate(Leo600At30Deg(), LinkCondition::kLos);
    EXPECT_FALSE(s.available);
    EXPECT_DOUBLE_EQ(s.rateBps, 0.0);
}

TEST(LinkBudget, RainOnTheBudget)
{
    // Example 2 of rain-attenuation-test: 20 GHz, 40 deg, 45 N, h_s 0.1, R 30, tau 0, h_0 3,
    // p = 0.1 % -> 5.30758 dB, added to the loss.
    LinkBudgetParameters p;
    p.frequencyHz = 20e9;
    p.bandwidthHz = 100e6;
    p.eirpDbwPerMhz = 10.0;
    p.gtDbK = 15.0;
    LinkBudget clear(p);
    p.rain.rainRate001MmH = 30.0;
    p.rain.latitudeDeg = 45.0;
    p.rain.stationHeightKm = 0.1;
    p.rain.polarizationTiltDeg = 0.0;
    p.rain.exceedancePercent = 0.1;
    p.rain.isothermHeightKm = 3.0;
    LinkBudget rain(p);
    LinkGeometry g;
    g.elevationDeg = 40.0;
    g.distanceM = SlantRangeM(40 * kDegToRad, 600e3);
    LinkBudgetResult a = clear.Evaluate(g, LinkCondition::kLos);
    LinkBudgetResult b = rain.Evaluate(g, LinkCondition::kLos);
    EXPECT_NEAR(b.rainDb, 5.307580411, 1e-6);
    EXPECT_NEAR(a.cnDb - b.cnDb, 5.307580411, 1e-6);
}

// ITU-R P.618-13 section 3: rain adds T_m (1 - 10^(-A/10)), T_m = 275 K, to the antenna
// temperature of a receiver looking at the sky. TR 38.821 Table 6.1.1.1-3 Ka-band VSAT: antenna
// temperature 150 K, noise figure 1.2 dB:
//   T_sys = 150 + 290 (10^0.12 - 1) = 150 + 290 * 0.318256739 = 242.294454 K
// 10 dB fade: sky noise 275 * (1 - 0.1) = 247.5 K,
//   increase = 10 log10((242.294454 + 247.5) / 242.294454) = 10 log10(2.02148389) = 3.0567039 dB
// (the 2.6-3.1 dB the issue quotes for a VSAT), on top of the 10 dB.
TEST(LinkBudget, RainRaisesTheNoiseOfAReceiverLookingAtTheSky)
{
    LinkBudgetParameters p;
    p.model = ChannelModel::kFreeSpace;
    p.frequencyHz = 30e9;
    p.bandwidthHz = 100e6;
    p.eirpDbwPerMhz = 40.0;
    p.rxGainDbi = 39.7;
    p.noiseFigureDb = 1.2;
    p.antennaTemperatureK = 150.0;
    p.receiverLooksAtSky = true;
    LinkBudget vsat(p);
    EXPECT_NEAR(vsat.SystemNoiseTemperatureK(), 242.294454, 1e-6);
    EXPECT_NEAR(vsat.RainNoiseIncreaseDb(10.0), 3.0567039, 1e-7);
    EXPECT_DOUBLE_EQ(vsat.RainNoiseIncreaseDb(0.0), 0.0);

    // On a whole budget: rain example 1 of rain-attenuation-test (30 GHz, 20 deg, 25 N, h_s 0.2,
    // R 50, circular, p 0.1 %) fades 35.7509393 dB; sky noise 275 (1 - 10^-3.57509393)
    // = 275 * (1 - 0.000266015) = 274.926846 K, increase 10 log10(1 + 274.926846 / 242.294454)
    // = 10 log10(2.13468078) = 3.2933293 dB. The C/N drops by both.
    RainParameters rain;
    rain.rainRate001MmH = 50.0;
    rain.latitudeDeg = 25.0;
    rain.stationHeightKm = 0.2;
    rain.exceedancePercent = 0.1;
    LinkGeometry g;
    g.elevationDeg = 20.0;
    g.distanceM = 38e6;
    const double clear = vsat.Evaluate(g, LinkCondition::kMean).cnDb;
    p.rain = rain;
    LinkBudgetResult r = LinkBudget(p).Evaluate(g, LinkCondition::kMean);
    EXPECT_NEAR(r.rainDb, 35.7509393, 1e-6);
    EXPECT_NEAR(r.rainNoiseDb, 3.2933293, 1e-6);
    EXPECT_NEAR(clear - r.cnDb, 35.7509393 + 3.2933293, 1e-6);
    // The run's path (rain given per place) agrees with the fixed-site one.
    EXPECT_NEAR(vsat.MeanCnDb(g.distanceM, g.elevationDeg, rain), r.cnDb, 1e-9);

    // A satellite's receiver looks at the Earth: the attenuation alone.
    p.receiverLooksAtSky = false;
    LinkBudgetResult up = LinkBudget(p).Evaluate(g, LinkCondition::kMean);
    EXPECT_DOUBLE_EQ(up.rainNoiseDb, 0.0);
    EXPECT_NEAR(clear - up.cnDb, 35.7509393, 1e-6);

    // G/T alone says nothing of the system noise temperature: refused with rain.
    p.receiverLooksAtSky = true;
    p.gtDbK = 15.9;
    EXPECT_THROW(LinkBudget{p}, std::invalid_argument);
}

TEST(LinkBudget, GeometryFromEcef)
{
    Geodetic site{30.0, 20.0, 100.0};
    Vec3 ground = GeodeticToEcef(site);
    Vec3 up = UpVector(site.lat_deg, site.lon_deg);
    LinkGeometry g = LinkBudget::GeometryFromEcef(ground, up, ground + up * 600e3);
    EXPECT_NEAR(g.distanceM, 600e3, 1e-6);
    EXPECT_NEAR(g.elevationDeg, 90.0, 1e-9);
    EXPECT_NEAR(g.aerialHeightM, 600e3, 1e-6);
    EXPECT_NEAR(g.groundDistanceM, 0.0, 1e-3);
}

TEST(LinkBudget, AerialBelowItsRangeUsesNs3Uma)
{
    // uma-av with the aerial end at 10 m (< 22.5 m): TR 36.777 refers to 38.901 UMa, evaluated
    // by ns-3. hBS 25 m, d2D 200 m, 2 GHz: d3D = sqrt(200^2 + 15^2) = 200.5617 m,
    // d'BP = 4 (25 - 1)(10 - 1) 2e9 / 3e8 = 5760 m > d2D, so
    // LOS = 28 + 22 log10 d3D + 20 log10 2 = 84.6701 dB;
    // NLOS = max(LOS, 13.54 + 39.08 log10 d3D + 20 log10 2 - 0.6 (10 - 1.5)) = 104.4325 dB.
    LinkBudgetParameters p;
    p.model = ChannelModel::kUmaAv;
    p.frequencyHz = 2e9;
    LinkBudget b(p);
    LinkGeometry g;
    g.aerialHeightM = 10.0;
    g.groundDistanceM = 200.0;
    EXPECT_NEAR(b.Evaluate(g, LinkCondition::kLos).pathLossDb, 84.6701, 1e-3);
    EXPECT_NEAR(b.Evaluate(g, LinkCondition::kNlos).pathLossDb, 104.4325, 1e-3);
    // mean with 38.901 UMa P_LOS = 18/200 + exp(-200/63)(1 - 18/200) = 0.128060
    double pl = 0.09 + std::exp(-200.0 / 63.0) * 0.91;
    EXPECT_NEAR(
        b.Evaluate(g, LinkCondition::kMean).pathLossDb, pl * 84.6701 + (1 - pl) * 104.4325, 2e-3);
    // Above 22.5 m: Table B-2 UMa-AV LOS (hUT 100, d2D 1000: 100.0474 dB).
    g.aerialHeightM = 100.0;
    g.groundDistanceM = 1000.0;
    EXPECT_NEAR(b.Evaluate(g, LinkCondition::kLos).pathLossDb, 100.0474, 1e-4);
}

TEST(LinkBudget, ConstEvaluationIsThreadSafe)
{
    LinkBudgetParameters p;
    p.frequencyHz = 20e9;
    p.bandwidthHz = 400e6;
    p.eirpDbwPerMhz = 4.0;
    p.gtDbK = 13.0;
    const LinkBudget b(p);
    std::vector<double> expected;
    for (int i = 0; i < 1000; ++i)
    {
        expected.push_back(b.MeanCnDb(600e3 + i * 1000.0, 10.0 + i * 0.08));
    }
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t)
    {
        threads.emplace_back(
            [&, t]
            {
                for (int rep = 0; rep < 50; ++rep)
                {
                    for (int i = 0; i < 1000; ++i)
                    {
                        if (b.MeanCnDb(600e3 + i * 1000.0, 10.0 + i * 0.08) != expected[i])
                        {
                            ++mismatches[t];
                        }
                    }
                }
            });
    }
    for (auto& th : threads)
    {
        th.join();
    }
    for (int m : mismatches)
    {
        EXPECT_EQ(m, 0);
    }
}

TEST(LinkBudget, InvalidParameters)
{
    LinkBudgetParameters p;
    p.frequencyHz = 120e9;
    EXPECT_THROW(LinkBudget{p}, std::invalid_argument);
    p.frequencyHz = 2e9;
    p.model = ChannelModel::kAlHourani;
    p.frequencyHz = 28e9;
    EXPECT_THROW(LinkBudget{p}, std::invalid_argument);
    p.model = ChannelModel::kNtn;
    p.frequencyHz = 2e9;
    p.environment = Environment::kHighRiseUrban;
    EXPECT_THROW(LinkBudget{p}, std::invalid_argument);
}

} // namespace
} // namespace sagin
