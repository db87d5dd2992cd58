// The model knowledge behind `sagin linkbudget` (link-budget-query.h), without the binary: the
// geometries it derives (slant range, aerial geometry from a base-station antenna, ISL chord),
// the terms it reports, and its refusals. Expected values are closed forms worked out here.
#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "link/model/channel-model.h"
#include "link/model/link-budget-query.h"
#include "link/model/link-geometry.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

namespace sagin
{
namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kR = 6371e3;

const ChannelModelInfo&
Model(const std::string& name)
{
    const ChannelModelInfo* info = ChannelModelRegistry::Instance().FindByName(name);
    EXPECT_NE(info, nullptr) << name;
    return *info;
}

/// The message of the InputError `f` throws ("" when it throws none).
template <typename F>
std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        return e.Lines().front();
    }
    return "";
}

TEST(LinkBudgetQuery, SlantRangeIsTheLawOfCosines)
{
    // Zenith: the slant range is the altitude, 600 km.
    EXPECT_NEAR(ElevationDistanceGeometry(90.0, 600e3, kNaN, kR).distanceM, 600e3, 1e-6);
    // Horizon: a tangent, d = sqrt((R + h)^2 - R^2) = sqrt(6971^2 - 6371^2) km
    // = sqrt(48,594,841 - 40,589,641) km = sqrt(8,005,200) km = 2829.3462 km.
    EXPECT_NEAR(ElevationDistanceGeometry(0.0, 600e3, kNaN, kR).distanceM, 2829346.2, 0.1);
    // 30 deg, by the triangle Earth centre O, ground G, satellite S: the angle at G is 90 + e,
    // the law of sines gives the angle at S, asin(R sin(90 + e) / (R + h)); the central angle
    // is gamma = 180 - (90 + e) - S and the law of cosines d^2 = R^2 + (R + h)^2 - 2 R (R + h)
    // cos(gamma). Worked out: S = asin(6371 cos 30 / 6971) = 52.3246 deg, gamma = 7.6754 deg,
    // d = 1075.088 km.
    const double e = 30.0 * kDegToRad;
    const double rs = kR + 600e3;
    const double s = std::asin(kR * std::sin(kPi / 2 + e) / rs);
    const double gamma = kPi - (kPi / 2 + e) - s;
    const double d = std::sqrt(kR * kR + rs * rs - 2 * kR * rs * std::cos(gamma));
    EXPECT_NEAR(d, 1075088.0, 1.0);
    EXPECT_NEAR(ElevationDistanceGeometry(30.0, 600e3, kNaN, kR).distanceM, d, 1e-6);
    // A given distance is kept as it is.
    LinkGeometry g = ElevationDistanceGeometry(30.0, kNaN, 1234.5, kR);
    EXPECT_EQ(g.distanceM, 1234.5);
    EXPECT_EQ(g.elevationDeg, 30.0);
}

TEST(LinkBudgetQuery, AerialGeometryFromTheBaseStationAntenna)
{
    // UMa-AV: the base-station antenna is 25 m high by default (TR 36.777 Table B-1). A UAV at
    // 100 m, 1000 m away horizontally: 3D distance hypot(1000, 75) = sqrt(1,005,625)
    // = 1002.8086 m, elevation atan(75 / 1000) = 4.2892 deg.
    LinkGeometry g = HeightGroundGeometry(Model("uma-av"), 100.0, 1000.0, kNaN, kNaN, kNaN);
    EXPECT_NEAR(g.distanceM, 1002.8086, 1e-4);
    EXPECT_NEAR(g.elevationDeg, 4.2892, 1e-4);
    // The same from elevation and 3D distance: e = 30 deg, d = 200 m puts the UAV at
    // 25 + 200 sin 30 = 125 m, 200 cos 30 = 173.2051 m away.
    g = HeightGroundGeometry(Model("uma-av"), kNaN, kNaN, 30.0, 200.0, kNaN);
    EXPECT_NEAR(g.aerialHeightM, 125.0, 1e-9);
    EXPECT_NEAR(g.groundDistanceM, 173.2051, 1e-4);
    EXPECT_NEAR(g.distanceM, 200.0, 1e-9);
    // A 10 m antenna (--bs-height-m) instead: hypot(1000, 90) = 1004.0418 m.
    g = HeightGroundGeometry(Model("uma-av"), 100.0, 1000.0, kNaN, kNaN, 10.0);
    EXPECT_NEAR(g.distanceM, 1004.0418, 1e-4);
    // Al-Hourani has no base station: heights from the ground. 100 m at 45 deg is 100 m away
    // horizontally and 100 sqrt(2) = 141.4214 m in 3D.
    g = HeightGroundGeometry(Model("a2g-al-hourani"), 100.0, kNaN, 45.0, kNaN, kNaN);
    EXPECT_NEAR(g.groundDistanceM, 100.0, 1e-9);
    EXPECT_NEAR(g.distanceM, 141.4214, 1e-4);
    EXPECT_NEAR(g.elevationDeg, 45.0, 1e-9);
}

TEST(LinkBudgetQuery, AerialGeometryOutsideTheModelIsRefused)
{
    // UMa-AV covers UAVs up to 300 m (TR 36.777 Annex B).
    EXPECT_EQ(ErrorOf(
                  []
                  {
                      HeightGroundGeometry(Model("uma-av"), 500, 1000, kNaN, kNaN, kNaN);
                  }),
              "UAV / UT height must be in [1.5, 300] m for --model uma-av, got 500");
    // TR 38.901 UMa: 2D distance at most 5 km.
    EXPECT_EQ(ErrorOf(
                  []
                  {
                      HeightGroundGeometry(Model("uma"), 1.5, 6000, kNaN, kNaN, kNaN);
                  }),
              "2D distance 6000 m is outside [10, 5000] m of --model uma");
    EXPECT_EQ(ErrorOf(
                  []
                  {
                      HeightGroundGeometry(Model("uma-av"), 100, kNaN, 0.0, kNaN, kNaN);
                  }),
              "--elevation-deg must be > 0 with --uav-height-m");
    EXPECT_NE(ErrorOf(
                  []
                  {
                      HeightGroundGeometry(Model("uma-av"), 100, kNaN, kNaN, kNaN, kNaN);
                  }),
              "");
}

TEST(LinkBudgetQuery, IslChordGrazingAltitude)
{
    // Two satellites at 550 km, 5000 km apart, over a 6371 km sphere: the chord's midpoint is
    // sqrt(6921^2 - 2500^2) km = sqrt(47,900,241 - 6,250,000) km = sqrt(41,650,241) km
    // = 6453.6998 km from the centre, 82.6998 km above the sphere.
    EXPECT_NEAR(ChordGrazingAltitudeM(5000e3, 550e3, kR), 82699.8, 0.1);
    // Neighbours: the chord barely dips. 0 km apart: the orbit's altitude.
    EXPECT_NEAR(ChordGrazingAltitudeM(0.0, 550e3, kR), 550e3, 1e-6);
    // Longer than the diameter 2 x 6921 km: no such chord.
    EXPECT_TRUE(std::isnan(ChordGrazingAltitudeM(13843e3, 550e3, kR)));
}

TEST(LinkBudgetQuery, FreeSpaceTermsAreTheClosedForms)
{
    LinkBudgetQuery q;
    q.model = "free-space";
    q.freqGhz = 2.0;
    q.elevationDeg = 45.0;
    q.distanceM = 1000e3;
    const LinkBudgetReport r = EvaluateLinkBudgetQuery(q);
    // TR 38.811 eq. 6.6-2: FSPL = 32.45 + 20 log10(f / GHz) + 20 log10(d / m)
    // = 32.45 + 6.020600 + 120 = 158.470600 dB.
    EXPECT_NEAR(r.Number("fspl_db"), 158.470600, 1e-6);
    // Free space has no other term.
    EXPECT_NEAR(r.Number("path_loss_db"), 158.470600, 1e-6);
    // 1000 km / c = 1e6 / 299,792,458 s = 3.3356410 ms.
    EXPECT_NEAR(r.Number("one_way_delay_ms"), 3.3356410, 1e-7);
    // No budget given: no C/N; terms that do not apply are absent, not 0.
    EXPECT_EQ(r.Find("cn_db"), nullptr);
    EXPECT_EQ(r.Find("uav_height_m"), nullptr);
    ASSERT_NE(r.Find("model"), nullptr);
    EXPECT_EQ(r.Find("model")->text, "free-space");
    // Report order: model first, the delay last.
    EXPECT_EQ(r.Terms().front().key, "model");
    EXPECT_EQ(r.Terms().back().key, "one_way_delay_ms");
}

TEST(LinkBudgetQuery, SlantRangeReachesTheReport)
{
    // NTN at 600 km seen at 30 deg: distance_m is the law-of-cosines slant range (first test,
    // 1075.088 km) and FSPL follows at 2 GHz: 32.45 + 20 log10(2) + 20 log10(d / m).
    LinkBudgetQuery q;
    q.model = "ntn";
    q.environment = "rural";
    q.freqGhz = 2.0;
    q.elevationDeg = 30.0;
    q.altitudeKm = 600.0;
    const LinkBudgetReport r = EvaluateLinkBudgetQuery(q);
    const double d = SlantRangeM(30.0 * kDegToRad, 600e3, kR);
    EXPECT_NEAR(r.Number("distance_m"), d, 1e-6);
    EXPECT_NEAR(r.Number("fspl_db"), 32.45 + 20 * std::log10(2.0) + 20 * std::log10(d), 1e-9);
}

TEST(LinkBudgetQuery, BadInputNamesTheFlag)
{
    LinkBudgetQuery q;
    EXPECT_EQ(ErrorOf(
                  [&]
                  {
                      EvaluateLinkBudgetQuery(q);
                  })
                  .rfind("--model is required (", 0),
              0u);
    q.model = "free-space";
    q.elevationDeg = 45.0;
    q.distanceM = 1000e3;
    EXPECT_EQ(ErrorOf(
                  [&]
                  {
                      EvaluateLinkBudgetQuery(q);
                  }),
              "--freq-ghz is required");
    // The registry's validity: Al-Hourani is fitted for 0.5-6 GHz.
    q.model = "a2g-al-hourani";
    q.environment = "urban";
    q.freqGhz = 20.0;
    EXPECT_EQ(ErrorOf(
                  [&]
                  {
                      EvaluateLinkBudgetQuery(q);
                  })
                  .rfind("--freq-ghz: ", 0),
              0u);
    q.model = "uma";
    q.freqGhz = 2.0;
    EXPECT_EQ(ErrorOf(
                  [&]
                  {
                      EvaluateLinkBudgetQuery(q);
                  }),
              "--model uma takes no --environment (its scenario is the environment)");
    q.model = "ntn";
    q.environment.clear();
    EXPECT_EQ(ErrorOf(
                  [&]
                  {
                      EvaluateLinkBudgetQuery(q);
                  }),
              "--environment is required for --model ntn (dense-urban, urban, suburban, rural)");
}

} // namespace
} // namespace sagin
