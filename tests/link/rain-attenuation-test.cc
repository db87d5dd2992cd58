// ITU-R P.838-3 / P.839 / P.618-13 rain attenuation. Every expected value below was computed by
// hand (python3 scratch file, math module only) from the Recommendations' equations, not with
// this library; the arithmetic is written next to each number.
#include "../common/validation.h"
#include "link/model/rain-attenuation.h"

#include <cmath>
#include <gtest/gtest.h>
#include <stdexcept>

namespace sagin
{
namespace
{

TEST(RainAttenuation, P838Table5Values)
{
    // Rec. ITU-R P.838-3 Table 5 (k and alpha at selected frequencies), 4 significant digits.
    struct Row
    {
        double f, kH, aH, kV, aV;
    };
    const Row rows[] = {
        {10, 0.01217, 1.2571, 0.01129, 1.2156},
        {20, 0.09164, 1.0568, 0.09611, 0.9847},
        {30, 0.2403, 0.9485, 0.2291, 0.9129},
    };
    for (const auto& r : rows)
    {
        double kH;
        double aH;
        double kV;
        double aV;
        RainAttenuation::Coefficients(r.f, kH, aH, kV, aV);
        test::ValidationCheck("link.rain.p838-kh-" + std::to_string(static_cast<int>(r.f)),
                              "ITU-R P.838-3 Table 5",
                              "k_H at " + std::to_string(static_cast<int>(r.f)) + " GHz",
                              "-",
                              kH,
                              r.kH,
                              5e-4 * r.kH);
        EXPECT_NEAR(kV, r.kV, 5e-4 * r.kV) << r.f;
        EXPECT_NEAR(aH, r.aH, 1e-4) << r.f;
        EXPECT_NEAR(aV, r.aV, 1e-4) << r.f;
    }
}

TEST(RainAttenuation, RainHeightLatitudeModel)
{
    // P.839-1 latitude model of h_R (km).
    EXPECT_DOUBLE_EQ(RainAttenuation::RainHeightFromLatitudeKm(25.0), 4.85); // 5 - 0.075 * 2
    EXPECT_DOUBLE_EQ(RainAttenuation::RainHeightFromLatitudeKm(45.0), 3.35); // 5 - 0.075 * 22
    EXPECT_DOUBLE_EQ(RainAttenuation::RainHeightFromLatitudeKm(10.0), 5.0);
    EXPECT_DOUBLE_EQ(RainAttenuation::RainHeightFromLatitudeKm(-21.0), 5.0);
    EXPECT_DOUBLE_EQ(RainAttenuation::RainHeightFromLatitudeKm(-41.0), 3.0); // 5 + 0.1 * (-20)
    EXPECT_DOUBLE_EQ(RainAttenuation::RainHeightFromLatitudeKm(-80.0), 0.0);
}

// Example 1: f = 30 GHz, elevation 20 deg, latitude 25 N, h_s = 0.2 km, R_0.01 = 50 mm/h,
// circular polarisation (tau = 45 deg), availability 99.9 % (p = 0.1 %), h_R from latitude.
TEST(RainAttenuation, HandComputedExampleTropical)
{
    RainParameters p;
    p.rainRate001MmH = 50.0;
    p.latitudeDeg = 25.0;
    p.stationHeightKm = 0.2;
    p.polarizationTiltDeg = 45.0;
    p.exceedancePercent = 0.1;
    RainTerms t = RainAttenuation::Compute(30.0, 20.0, p);
    // P.838-3 at log10 f = 1.4771213: kH = 0.24030819, aH = 0.94845732, kV = 0.22909032,
    // aV = 0.91292323. tau = 45 deg -> cos(2 tau) = 0, so
    // k = (kH + kV) / 2 = (0.24030819 + 0.22909032) / 2 = 0.23469925
    // alpha = (kH aH + kV aV) / (2 k) = (0.22791964 + 0.20914050) / 0.46939851 = 0.93111488
    EXPECT_NEAR(t.k, 0.234699254, 1e-8);
    EXPECT_NEAR(t.alpha, 0.9311148758, 1e-8);
    // gamma_R = k R^alpha = 0.23469925 * 50^0.93111488 = 0.23469925 * 38.18884 = 8.96288767
    EXPECT_NEAR(t.gammaDbPerKm, 8.962887673, 1e-6);
    // h_R = 5 - 0.075 (25 - 23) = 4.85 km
    EXPECT_NEAR(t.rainHeightKm, 4.85, 1e-12);
    // L_s = (h_R - h_s) / sin 20 = 4.65 / 0.34202014 = 13.59569046 km
    EXPECT_NEAR(t.slantLengthKm, 13.59569046, 1e-7);
    // L_G = L_s cos 20 = 13.59569046 * 0.93969262 = 12.77577000 km
    EXPECT_NEAR(t.horizontalLengthKm, 12.77577, 1e-7);
    // r_0.01 = 1 / (1 + 0.78 sqrt(L_G gamma / f) - 0.38 (1 - e^(-2 L_G)))
    //        = 1 / (1 + 0.78 sqrt(12.77577 * 8.962888 / 30) - 0.38 (1 - e^-25.55))
    //        = 1 / (1 + 0.78 * 1.953713 - 0.38) = 1 / 2.1438961 = 0.46644346
    EXPECT_NEAR(t.r001, 0.4664434637, 1e-8);
    // zeta = atan(4.65 / (12.77577 * 0.46644346)) = atan(0.780317) = 37.96525 deg > 20 deg, so
    // L_R = L_G r_0.01 / cos 20 = 5.95917 / 0.93969262 = 6.34162095 km
    EXPECT_NEAR(t.zetaDeg, 37.96525207, 1e-6);
    EXPECT_NEAR(t.rainPathLengthKm, 6.34162095, 1e-7);
    // |lat| = 25 < 36: chi = 36 - 25 = 11 deg
    EXPECT_NEAR(t.chiDeg, 11.0, 1e-12);
    // v_0.01 = 1 / (1 + sqrt(sin 20) (31 (1 - e^(-20 / 12)) sqrt(L_R gamma) / f^2 - 0.45))
    //        = 1 / (1 + 0.584825 (31 * 0.811124 * 7.539301 / 900 - 0.45))
    //        = 1 / (1 + 0.584825 * (0.210632 - 0.45)) = 1 / 0.860012 = 1.16277250
    EXPECT_NEAR(t.v001, 1.162772503, 1e-8);
    // L_E = L_R v_0.01 = 6.34162095 * 1.16277250 = 7.37386247 km
    EXPECT_NEAR(t.effectiveLengthKm, 7.373862467, 1e-7);
    // A_0.01 = gamma L_E = 8.96288767 * 7.37386247 = 66.0911010 dB
    EXPECT_NEAR(t.a001Db, 66.091101, 1e-5);
    // p = 0.1 % < 1 %, |lat| < 36, elevation < 25 deg:
    // beta = -0.005 (25 - 36) + 1.8 - 4.25 sin 20 = 0.055 + 1.8 - 1.45358561 = 0.40141439
    EXPECT_NEAR(t.beta, 0.4014143909, 1e-9);
    // A_p = A_0.01 (p / 0.01)^-(0.655 + 0.033 ln p - 0.045 ln A_0.01 - beta (1 - p) sin 20)
    //     = 66.0911 * 10^-(0.655 - 0.0759853 - 0.1885965 - 0.1235626) = 66.0911 * 10^-0.2668555
    //     = 35.7509393 dB
    test::ValidationCheck("link.rain.p618-example-1",
                          "P.618-13 section 2.2.1.1 by hand (P.838-3, P.839)",
                          "A_0.1, 30 GHz, 20 deg, 25 N, 50 mm/h, circular",
                          "dB",
                          t.attenuationDb,
                          35.75093928,
                          1e-5);
}

// Example 2: f = 20 GHz, elevation 40 deg, latitude 45 N, h_s = 0.1 km, R_0.01 = 30 mm/h,
// horizontal polarisation (tau = 0), p = 0.1 %, with the P.839-4 isotherm height h_0 = 3.0 km.
TEST(RainAttenuation, HandComputedExampleWithIsothermHeight)
{
    RainParameters p;
    p.rainRate001MmH = 30.0;
    p.latitudeDeg = 45.0;
    p.stationHeightKm = 0.1;
    p.polarizationTiltDeg = 0.0;
    p.exceedancePercent = 0.1;
    p.isothermHeightKm = 3.0;
    RainTerms t = RainAttenuation::Compute(20.0, 40.0, p);
    // kH = 0.09164267, aH = 1.05678110, kV = 0.09611121, aV = 0.98468993;
    // w = cos^2 40 cos 0 = 0.58682409
    // k = (kH + kV + (kH - kV) w) / 2 = (0.18775388 - 0.00262221) / 2 = 0.09256582
    // alpha = (kH aH + kV aV + (kH aH - kV aV) w) / (2 k) = 1.04131751
    EXPECT_NEAR(t.k, 0.09256581507, 1e-9);
    EXPECT_NEAR(t.alpha, 1.041317506, 1e-8);
    // gamma = 0.09256582 * 30^1.04131751 = 3.19597116 dB/km
    EXPECT_NEAR(t.gammaDbPerKm, 3.195971157, 1e-7);
    // h_R = h_0 + 0.36 = 3.36 km (P.839-4)
    EXPECT_NEAR(t.rainHeightKm, 3.36, 1e-12);
    // L_s = 3.26 / sin 40 = 5.07165968; L_G = L_s cos 40 = 3.88511671
    EXPECT_NEAR(t.slantLengthKm, 5.071659676, 1e-8);
    EXPECT_NEAR(t.horizontalLengthKm, 3.885116712, 1e-8);
    // r = 1 / (1 + 0.78 sqrt(3.885117 * 3.195971 / 20) - 0.38 (1 - e^-7.770233)) = 0.80988253
    EXPECT_NEAR(t.r001, 0.809882528, 1e-8);
    // zeta = atan(3.26 / (3.885117 * 0.809883)) = 46.0150756 deg > 40 ->
    // L_R = 3.885117 * 0.809883 / cos 40 = 4.10744856 km
    EXPECT_NEAR(t.zetaDeg, 46.0150756, 1e-6);
    EXPECT_NEAR(t.rainPathLengthKm, 4.107448559, 1e-8);
    // |lat| >= 36: chi = 0; v = 1 / (1 + sqrt(sin 40)(31 (1 - e^-40) sqrt(4.107449 * 3.195971)
    //                         / 400 - 0.45)) = 1.15695021
    EXPECT_NEAR(t.chiDeg, 0.0, 1e-12);
    EXPECT_NEAR(t.v001, 1.15695021, 1e-8);
    // L_E = 4.107449 * 1.156950 = 4.75211347 km; A_0.01 = 3.195971 * 4.752113 = 15.1876176 dB
    EXPECT_NEAR(t.effectiveLengthKm, 4.752113473, 1e-8);
    EXPECT_NEAR(t.a001Db, 15.1876176, 1e-6);
    // |lat| >= 36 -> beta = 0; A_0.1 = 15.18762 * 10^-(0.655 - 0.0759853 - 0.1224216)
    //                               = 15.18762 * 10^-0.4565931 = 5.30758041 dB
    EXPECT_NEAR(t.beta, 0.0, 1e-12);
    EXPECT_NEAR(t.attenuationDb, 5.307580411, 1e-6);
}

// Example 3 (the other branch of step 7): f = 12 GHz, elevation 70 deg, latitude 45 N,
// h_s = 0.1 km, h_0 = 3.0 km, R_0.01 = 10 mm/h, vertical polarisation (tau = 90), p = 1 %.
TEST(RainAttenuation, HandComputedExampleSteepPath)
{
    RainParameters p;
    p.rainRate001MmH = 10.0;
    p.latitudeDeg = 45.0;
    p.stationHeightKm = 0.1;
    p.polarizationTiltDeg = 90.0;
    p.exceedancePercent = 1.0;
    p.isothermHeightKm = 3.0;
    RainTerms t = RainAttenuation::Compute(12.0, 70.0, p);
    // k = 0.02424345, alpha = 1.14804515, gamma = 0.02424345 * 10^1.14804515 = 0.34090987
    EXPECT_NEAR(t.k, 0.0242434499, 1e-9);
    EXPECT_NEAR(t.alpha, 1.14804515, 1e-8);
    EXPECT_NEAR(t.gammaDbPerKm, 0.3409098665, 1e-8);
    // L_s = 3.26 / sin 70 = 3.46921954, L_G = 1.18654296
    // r = 1 / (1 + 0.78 sqrt(1.186543 * 0.340910 / 12) - 0.38 (1 - e^-2.373086)) = 1.25215898
    EXPECT_NEAR(t.r001, 1.252158977, 1e-8);
    // zeta = atan(3.26 / (1.186543 * 1.252159)) = 65.4989 deg <= 70 -> L_R = 3.26 / sin 70
    EXPECT_NEAR(t.zetaDeg, 65.49894012, 1e-6);
    EXPECT_NEAR(t.rainPathLengthKm, 3.469219538, 1e-8);
    // v = 1.26465594, L_E = 4.38736911, A_0.01 = 1.49569742 dB
    EXPECT_NEAR(t.v001, 1.264655943, 1e-8);
    EXPECT_NEAR(t.a001Db, 1.495697416, 1e-7);
    // p = 1 %: beta = 0; A_1 = 1.495697 * 100^-(0.655 + 0 - 0.045 ln 1.495697) = 0.07963007 dB
    EXPECT_NEAR(t.attenuationDb, 0.07963006627, 1e-8);
}

TEST(RainAttenuation, LowElevationSlantLength)
{
    // Elevation 4 deg < 5 deg: L_s = 2 (h_R - h_s) / (sqrt(sin^2 4 + 2 (h_R - h_s) / 8500) + sin 4)
    // = 9.3 / (sqrt(0.00486597 + 0.00109412) + 0.06975647) = 63.2833658 km (h_R 4.85, h_s 0.2)
    RainParameters p;
    p.rainRate001MmH = 20.0;
    p.latitudeDeg = 25.0;
    p.stationHeightKm = 0.2;
    RainTerms t = RainAttenuation::Compute(20.0, 4.0, p);
    EXPECT_NEAR(t.slantLengthKm, 63.28336584, 1e-6);
}

TEST(RainAttenuation, ClearSkyAndLimits)
{
    RainParameters p;
    p.latitudeDeg = 45.0;
    EXPECT_DOUBLE_EQ(RainAttenuation::Compute(20.0, 30.0, p).attenuationDb, 0.0); // R = 0
    p.rainRate001MmH = 30.0;
    p.stationHeightKm = 4.0; // above the rain height 3.35 km
    EXPECT_DOUBLE_EQ(RainAttenuation::Compute(20.0, 30.0, p).attenuationDb, 0.0);
    p.stationHeightKm = 0.0;
    p.exceedancePercent = 6.0;
    EXPECT_THROW(RainAttenuation::Compute(20.0, 30.0, p), std::invalid_argument);
    p.exceedancePercent = 0.0005;
    EXPECT_THROW(RainAttenuation::Compute(20.0, 30.0, p), std::invalid_argument);
    p.exceedancePercent = 0.01;
    EXPECT_THROW(RainAttenuation::Compute(0.5, 30.0, p), std::invalid_argument);
    // At p = 0.01 % the scaling is the identity.
    RainTerms t = RainAttenuation::Compute(20.0, 30.0, p);
    EXPECT_NEAR(t.attenuationDb, t.a001Db, 1e-12);
}

} // namespace
} // namespace sagin
