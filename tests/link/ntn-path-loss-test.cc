// TR 38.811 NTN path loss against the ns-3 NTN test vectors (docs/models.md#ntn-test-vectors) and
// the 38.811 tables as transcribed in docs/models.md#ntn-path-loss.
#include "../common/validation.h"
#include "core/model/constants.h"
#include "link/model/link-geometry.h"
#include "link/model/ntn-path-loss.h"

#include <cmath>
#include <gtest/gtest.h>
#include <stdexcept>

namespace sagin
{
namespace
{

// docs/models.md#ntn-test-vectors, verbatim from ns-3's
// three-gpp-ntn-propagation-loss-model-test-suite.cc: node A at geocentric (0, 0, 0), node B
// straight above at altitude d (elevation 90 deg), 0 dBm, no shadowing, always LOS; the expected
// RxPower is the same for every environment.
struct NtnVector
{
    double distanceM;
    double frequencyGHz;
    double rxPowerDbm;
};

const NtnVector kVectors[] = {
    {35786000, 20, -209.915},
    {35786000, 30, -213.437},
    {35786000, 2, -191.744},
    {600000, 20, -174.404},
    {600000, 30, -177.925},
    {600000, 2, -156.233},
    {1200000, 20, -180.424},
    {1200000, 30, -183.946},
    {1200000, 2, -162.253},
};

TEST(NtnPathLoss, Ns3TestVectors)
{
    const double r = 6371000.0; // ns-3 geocentric sphere
    const double tolerance = 5e-3;
    double worst = 0.0;
    for (Environment env : {Environment::kDenseUrban,
                            Environment::kUrban,
                            Environment::kSuburban,
                            Environment::kRural})
    {
        for (const auto& v : kVectors)
        {
            Vec3 a(r, 0.0, 0.0);
            Vec3 b(r + v.distanceM, 0.0, 0.0);
            double elevationDeg = GeocentricElevationRad(a, b) * kRadToDeg;
            NtnPathLoss model(v.frequencyGHz * 1e9, env);
            NtnLossTerms t = model.Evaluate(elevationDeg, Distance(a, b), LinkCondition::kLos);
            EXPECT_NEAR(0.0 - t.pathLossDb, v.rxPowerDbm, tolerance)
                << "d=" << v.distanceM << " f=" << v.frequencyGHz
                << " env=" << EnvironmentName(env);
            worst = std::max(worst, std::abs(0.0 - t.pathLossDb - v.rxPowerDbm));
        }
    }
    test::ValidationBound(
        "link.ntn.ns3-vectors",
        "TR 38.811 via ns-3's NTN propagation test vectors",
        "largest received-power error, 36 vectors (GEO/600/1200 km, 2/20/30 GHz, 4 environments)",
        "dB",
        worst,
        tolerance);
}

TEST(NtnPathLoss, BreakdownOfOneVector)
{
    // docs/models.md#ntn-test-vectors breakdown for 600 km, 20 GHz: FSPL 174.034, gas 0.250, scint
    // 0.120.
    NtnPathLoss model(20e9, Environment::kUrban);
    NtnLossTerms t = model.Evaluate(90.0, 600000.0, LinkCondition::kLos);
    EXPECT_NEAR(t.fsplDb, 174.034, 5e-4);
    EXPECT_NEAR(t.gasDb, 0.250, 1e-9);
    EXPECT_NEAR(t.scintillationDb, 0.120, 1e-9);
    EXPECT_DOUBLE_EQ(t.clutterDb, 0.0);
    // 2 GHz: ionospheric 1.1 (2/4)^-1.5 / sqrt(2) = 1.1 * 2.828427 / 1.414214 = 2.2 dB
    // (docs/models.md#ntn-scintillation writes 6.22 / f^1.5 = 2.199).
    NtnPathLoss s(2e9, Environment::kUrban);
    EXPECT_NEAR(s.ScintillationDb(90.0), 2.2, 1e-12);
    EXPECT_NEAR(s.ScintillationDb(10.0), 2.2, 1e-12);
    // 1.5 GHz: 1.1 (1.5/4)^-1.5 / sqrt 2 = 1.1 * 4.3546 / 1.41421 = 3.387
    // (docs/models.md#ntn-scintillation: 3.386)
    EXPECT_NEAR(NtnPathLoss(1.5e9, Environment::kUrban).ScintillationDb(45.0), 3.386, 2e-3);
}

TEST(NtnPathLoss, ElevationQuantisation)
{
    // alpha_q = 10 if alpha < 10, else round(alpha / 10) * 10
    // (docs/models.md#ntn-elevation-quantisation).
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(0.0), 0);
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(9.99), 0);
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(14.99), 0);
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(15.0), 1); // round(1.5) = 2 -> 20 deg
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(44.9), 3); // 40
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(45.0), 4); // 50
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(85.0), 8); // 90
    EXPECT_EQ(NtnPathLoss::QuantizedElevationIndex(90.0), 8);
}

TEST(NtnPathLoss, TablesFromTr38811)
{
    // docs/models.md#ntn-los-probability: LOS probability.
    EXPECT_DOUBLE_EQ(NtnPathLoss(2e9, Environment::kDenseUrban).LosProbability(10), 0.282);
    EXPECT_DOUBLE_EQ(NtnPathLoss(2e9, Environment::kDenseUrban).LosProbability(70), 0.738);
    EXPECT_DOUBLE_EQ(NtnPathLoss(2e9, Environment::kUrban).LosProbability(30), 0.493);
    EXPECT_DOUBLE_EQ(NtnPathLoss(2e9, Environment::kUrban).LosProbability(90), 0.992);
    EXPECT_DOUBLE_EQ(NtnPathLoss(2e9, Environment::kSuburban).LosProbability(50), 0.935);
    EXPECT_DOUBLE_EQ(NtnPathLoss(30e9, Environment::kRural).LosProbability(20), 0.869);
    // docs/models.md#ntn-shadow-fading-and-clutter-loss: sigma and CL, S band (< 13 GHz) and Ka
    // band (>= 13 GHz).
    NtnPathLoss duS(12.9e9, Environment::kDenseUrban);
    EXPECT_DOUBLE_EQ(duS.ShadowFadingSigmaDb(30, true), 2.9);
    EXPECT_DOUBLE_EQ(duS.ShadowFadingSigmaDb(30, false), 12.4);
    EXPECT_DOUBLE_EQ(duS.ClutterLossDb(30), 29.0);
    NtnPathLoss duKa(13e9, Environment::kDenseUrban);
    EXPECT_DOUBLE_EQ(duKa.ShadowFadingSigmaDb(30, true), 2.7);
    EXPECT_DOUBLE_EQ(duKa.ShadowFadingSigmaDb(30, false), 15.6);
    EXPECT_DOUBLE_EQ(duKa.ClutterLossDb(30), 37.5);
    NtnPathLoss uS(2e9, Environment::kUrban);
    EXPECT_DOUBLE_EQ(uS.ShadowFadingSigmaDb(60, true), 4.0);
    EXPECT_DOUBLE_EQ(uS.ShadowFadingSigmaDb(60, false), 6.0);
    EXPECT_DOUBLE_EQ(uS.ClutterLossDb(60), 26.2);
    NtnPathLoss rKa(20e9, Environment::kRural);
    EXPECT_DOUBLE_EQ(rKa.ShadowFadingSigmaDb(90, true), 0.4);
    EXPECT_DOUBLE_EQ(rKa.ShadowFadingSigmaDb(10, false), 10.7);
    EXPECT_DOUBLE_EQ(rKa.ClutterLossDb(70), 17.2);
    NtnPathLoss suS(2e9, Environment::kSuburban);
    EXPECT_DOUBLE_EQ(suS.ShadowFadingSigmaDb(40, true), 0.92);
    EXPECT_DOUBLE_EQ(suS.ClutterLossDb(40), 18.28);
    // docs/models.md#ntn-scintillation: tropospheric scintillation (f >= 6 GHz), not
    // frequency-scaled.
    EXPECT_DOUBLE_EQ(NtnPathLoss(6e9, Environment::kUrban).ScintillationDb(10), 1.08);
    EXPECT_DOUBLE_EQ(NtnPathLoss(30e9, Environment::kUrban).ScintillationDb(20), 0.48);
    EXPECT_DOUBLE_EQ(NtnPathLoss(30e9, Environment::kUrban).ScintillationDb(40), 0.22);
    // Decorrelation distances (docs/models.md#ntn-shadow-fading-and-clutter-loss).
    EXPECT_DOUBLE_EQ(suS.ShadowFadingDecorrelationM(true), 37.0);
    EXPECT_DOUBLE_EQ(suS.ShadowFadingDecorrelationM(false), 50.0);
    EXPECT_DOUBLE_EQ(rKa.ShadowFadingDecorrelationM(false), 120.0);
}

TEST(NtnPathLoss, GasApplicabilityRule)
{
    // (alpha < 10 and f > 1 GHz) or f >= 10 GHz; A_zenith(f) / sin(raw alpha)
    // (docs/models.md#ntn-gaseous-absorption, 1.4)
    NtnPathLoss s(2e9, Environment::kRural);
    EXPECT_DOUBLE_EQ(s.GasLossDb(30.0), 0.0);
    EXPECT_NEAR(s.GasLossDb(5.0), 0.0350 / std::sin(5.0 * kDegToRad), 1e-12); // 0.40158
    EXPECT_NEAR(s.GasLossDb(5.0), 0.40158, 1e-5);
    NtnPathLoss l(1.0e9, Environment::kRural); // f = 1 GHz is not > 1 GHz
    EXPECT_DOUBLE_EQ(l.GasLossDb(5.0), 0.0);
    NtnPathLoss ka(20e9, Environment::kRural);
    EXPECT_NEAR(ka.GasLossDb(30.0), 0.25 / 0.5, 1e-12);
    EXPECT_NEAR(ka.GasLossDb(12.5), 0.25 / std::sin(12.5 * kDegToRad), 1e-12); // raw alpha
    // index = round(f / 1 GHz): 22.4 GHz -> 22 -> 0.4581; 22.6 GHz -> 23 -> 0.5200
    EXPECT_DOUBLE_EQ(NtnPathLoss::ZenithGasDb(22.4e9), 0.4581);
    EXPECT_DOUBLE_EQ(NtnPathLoss::ZenithGasDb(22.6e9), 0.5200);
    EXPECT_DOUBLE_EQ(NtnPathLoss::ZenithGasDb(60e9), 170.0);
}

TEST(NtnPathLoss, ConditionsAndMeanMode)
{
    // Urban, 20 GHz, 45 deg -> alpha_q 50: P_LOS 0.726, CL 34.6, tropo scint 0.17,
    // gas 0.25 / sin 45 = 0.353553. d = 1000 km: FSPL = 32.45 + 20 log10 20 + 120 = 178.471.
    NtnPathLoss m(20e9, Environment::kUrban);
    const double fspl = 32.45 + 20.0 * std::log10(20.0) + 20.0 * std::log10(1e6);
    const double gas = 0.25 / std::sin(45.0 * kDegToRad);
    NtnLossTerms los = m.Evaluate(45.0, 1e6, LinkCondition::kLos);
    NtnLossTerms nlos = m.Evaluate(45.0, 1e6, LinkCondition::kNlos);
    NtnLossTerms mean = m.Evaluate(45.0, 1e6, LinkCondition::kMean);
    EXPECT_NEAR(los.pathLossDb, fspl + gas + 0.17, 1e-9);
    EXPECT_NEAR(nlos.pathLossDb, fspl + gas + 0.17 + 34.6, 1e-9);
    // mean: FSPL + gas + scint + (1 - 0.726) * 34.6 = ... + 9.4804
    EXPECT_NEAR(mean.pathLossDb, fspl + gas + 0.17 + 9.4804, 1e-9);
    EXPECT_NEAR(m.MeanPathLossDb(45.0, 1e6), mean.pathLossDb, 1e-9);
}

TEST(NtnPathLoss, Validity)
{
    EXPECT_THROW(NtnPathLoss(0.4e9, Environment::kUrban), std::invalid_argument);
    EXPECT_THROW(NtnPathLoss(101e9, Environment::kUrban), std::invalid_argument);
    EXPECT_THROW(NtnPathLoss(2e9, Environment::kHighRiseUrban), std::invalid_argument);
    EXPECT_NO_THROW(NtnPathLoss(0.5e9, Environment::kUrban));
    EXPECT_NO_THROW(NtnPathLoss(100e9, Environment::kUrban));
}

} // namespace
} // namespace sagin
