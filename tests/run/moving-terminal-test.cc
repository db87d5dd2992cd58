// A moving terminal (scenario ground_sites[].route): a "car" drives east along the equator at
// 10 km/s under a GEO bent pipe over 0 E, with its gateway at 10 W. Along the equator the WGS84
// geodesic is the equator itself (radius a), so the car is at longitude v t / a; its path's
// one-way delay (`sagin paths`) is the two slant ranges over c, and the satellite drops below the
// car's 10 deg mask, measured from where the car is, at a central angle solved here.
#include "run-test-util.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace sagin::test;

namespace
{

constexpr double kCarSpeed = 10000.0; // m/s
constexpr double kGeoR = 42164167.0;  // the GEO shell's radius, as `sagin ephemeris` prints it
constexpr double kDeg = M_PI / 180.0;

double
SlantOnEquator(double r, double lonDeg, double pointLonDeg)
{
    const double dl = (lonDeg - pointLonDeg) * kDeg;
    return std::sqrt(r * r + kA * kA - 2 * r * kA * std::cos(dl));
}

} // namespace

TEST(MovingTerminal, PathFollowsTheCarAndItsMaskMovesWithIt)
{
    TempDir dir;
    const auto sc = dir.Write("car.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "car"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 1000
seed: 1
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "car" role: UT position { lat_deg: 0 lon_deg: 0 }
  route { fly_to { point { lat_deg: 0 lon_deg: 90 } speed_m_s: 10000 } } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: -10 } }
coverage { resolution_deg: 30 step_s: 100 }
)");
    const auto st = dir.Write("geo.txtpb", R"(# proto-message: sagin.v1.Standard
name: "g"
access_layers: [SPACE]
space_orbits: [GEO]
payload: TRANSPARENT
isl { topology: NO_ISL }
access { rule: HIGHEST_ELEVATION }
routing { update_interval_ms: 1000 }
visibility { space_deg: 10 feeder_deg: 10 }
links { service_space { rate_mbps: 10 } feeder { rate_mbps: 100 } }
)");
    // The GEO satellite's position, the one input taken from the code.
    auto eph = RunSagin({"ephemeris", sc, "--duration", "0", "--step", "1"});
    ASSERT_EQ(eph.status, 0) << eph.err;
    ASSERT_NE(eph.out.find("0.000,geo-0,sat,42164167.000,0.000,0.000,"), std::string::npos)
        << eph.out;
    // Where the car sees the satellite at 10 deg: tan e = (r cos L - a) / (r sin L).
    double lo = 0.0;
    double hi = M_PI / 2;
    for (int i = 0; i < 200; ++i)
    {
        const double mid = 0.5 * (lo + hi);
        const double e = std::atan2(kGeoR * std::cos(mid) - kA, kGeoR * std::sin(mid));
        (e > 10.0 * kDeg ? lo : hi) = mid;
    }
    const double maskDeg = lo / kDeg;
    EXPECT_NEAR(maskDeg, 71.4327, 0.0001);
    const double tMask = maskDeg * kDeg * kA / kCarSpeed;
    EXPECT_NEAR(tMask, 795.19, 0.01);

    const std::string csv = dir.Path() + "/paths.csv";
    auto r = RunSagin({"paths",
                       sc,
                       "--standard",
                       st,
                       "--from",
                       "car",
                       "--to",
                       "gw",
                       "--step",
                       "5",
                       "--out",
                       csv});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto rows = ReadCsv(csv);
    ASSERT_GT(rows.size(), 1u);
    double worst = 0.0;
    int reachable = 0;
    int unreachable = 0;
    for (size_t i = 1; i < rows.size(); ++i)
    {
        const auto& f = rows[i];
        const double t = std::stod(f[0]);
        const bool up = f.size() > 4 && !f[4].empty();
        if (t < tMask - 1.0)
        {
            ASSERT_TRUE(up) << i;
            const double carLon = kCarSpeed * t / kA / kDeg;
            const double expected
                = (SlantOnEquator(kGeoR, 0.0, carLon) + SlantOnEquator(kGeoR, 0.0, -10.0)) / kC;
            worst = std::max(worst, std::abs(std::stod(f[4]) - expected * 1e3));
            ++reachable;
        }
        else if (t > tMask + 1.0)
        {
            EXPECT_FALSE(up) << i; // below the mask where the car is now
            ++unreachable;
        }
    }
    EXPECT_EQ(reachable, 159);  // 0, 5, ..., 790 s
    EXPECT_EQ(unreachable, 41); // 800, ..., 1000 s
    // paths prints microseconds: the worst difference is the rounding.
    EXPECT_LE(worst, 0.6e-6);
}

TEST(MovingTerminal, OnlyTerminalsMoveAndTheirLegsAreChecked)
{
    TempDir dir;
    const auto sc = dir.Write("bad.txtpb", R"(# proto-message: sagin.v1.Scenario
name: "bad"
epoch_utc: "2026-01-01T00:00:00Z"
duration_s: 10
shells { name: "geo" geo { longitudes_deg: [0] } }
ground_sites { name: "car" role: UT position { lat_deg: 0 lon_deg: 0 }
  route { fly_to { point { lat_deg: 0 lon_deg: 1 } speed_m_s: 0 } } route { } }
ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: -10 }
  route { hover { duration_s: 5 } } }
)");
    auto r = RunSagin({"validate", sc});
    EXPECT_EQ(r.status, 2);
    for (const char* what : {"ground_sites[0].route[0].fly_to.speed_m_s: must be > 0",
                             "ground_sites[0].route[1]: must set one of fly_to, hover, loiter",
                             "ground_sites[1].route: only a terminal (role UT) moves"})
    {
        EXPECT_NE(r.err.find(what), std::string::npos) << what << "\n" << r.err;
    }
}
