// The equal-area grid, the terminal points and the spatial index, against references written
// here: the WGS84 surface area, spherical trigonometry, and brute-force searches.
#include "core/model/point-index.h"
#include "coverage-test-util.h"
#include "coverage/model/coverage-point.h"

#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>

namespace sagin::test
{
namespace
{

// Total area of the WGS84 ellipsoid (km^2): 4 pi R_q^2 with the authalic radius
// R_q = 6371.0072 km; GeographicLib's Ellipsoid::Area() gives 510,065,621.724 km^2.
constexpr double kWgs84AreaKm2 = 510065621.724;

TEST(CoverageGrid, GlobalGridCoversTheEllipsoidWithNearlyEqualCells)
{
    v1::CoverageGrid grid;
    grid.set_resolution_deg(1.0);
    const auto cells = GridPoints(grid);
    // 180 bands of 1 deg centred at -89.5, ..., 89.5; band k holds
    // n_k = max(1, round(360 cos(lat_k) / 1)) cells. Summed by hand (python3:
    // sum(max(1, floor(360 * cos(radians(-89.5 + k)) + 0.5)) for k in range(180))):
    // 3 + 9 + 16 + ... + 360 + 360 + ... + 16 + 9 + 3 = 41,252 (the README's figure;
    // 4 pi sr is 41,253 square degrees).
    EXPECT_EQ(cells.size(), 41252u);
    double area = 0.0;
    double weight = 0.0;
    std::map<double, std::set<double>> areasByBand;
    for (const auto& c : cells)
    {
        EXPECT_TRUE(c.isCell);
        EXPECT_EQ(c.node, -1);
        EXPECT_GE(c.lon_deg, -180.0);
        EXPECT_LT(c.lon_deg, 180.0);
        area += c.area_km2;
        weight += c.areaWeight;
        areasByBand[c.lat_deg].insert(c.area_km2);
    }
    // The README quotes 510,065,621.7 km^2; measured 510,065,621.72406, 5.6e-5 km^2 from
    // GeographicLib.
    EXPECT_NEAR(area, kWgs84AreaKm2, 1e-3);
    EXPECT_NEAR(weight, 1.0, 1e-9);
    EXPECT_EQ(areasByBand.size(), 180u);
    // Equal areas inside a band; across bands within the rounding of the cell count (the polar
    // bands hold 3 cells where 3.14 would be exact).
    const double mean = area / cells.size();
    for (const auto& [lat, areas] : areasByBand)
    {
        EXPECT_LE(*areas.rbegin() - *areas.begin(), 1e-9 * *areas.begin()) << "band " << lat;
        EXPECT_NEAR(*areas.begin(), mean, 0.06 * mean) << "band " << lat;
    }
}

TEST(CoverageGrid, RegionAcrossTheAntimeridian)
{
    v1::CoverageGrid grid;
    grid.set_resolution_deg(0.7); // 20 / 0.7 is not whole: 29 bands of 20/29 deg
    grid.set_terminal_alt_m(12.0);
    auto* r = grid.mutable_region();
    r->set_lat_min_deg(-10.0);
    r->set_lat_max_deg(10.0);
    r->set_lon_min_deg(170.0);
    r->set_lon_max_deg(-170.0);
    const auto cells = GridPoints(grid);
    std::set<double> lats;
    double area = 0.0;
    for (const auto& c : cells)
    {
        EXPECT_TRUE(c.lon_deg >= 170.0 || c.lon_deg <= -170.0) << c.lon_deg;
        EXPECT_GE(c.lat_deg, -10.0);
        EXPECT_LE(c.lat_deg, 10.0);
        EXPECT_EQ(c.alt_m, 12.0);
        EXPECT_NEAR(c.height_deg, 20.0 / 29.0, 1e-12);
        lats.insert(c.lat_deg);
        area += c.area_km2;
    }
    EXPECT_EQ(lats.size(), 29u);
    // Each band: n = round(20 deg x cos(lat) / (20/29 deg)) = round(29 cos(lat)); the band
    // nearest the equator gives 29 x cos(0.34 deg) = 28.9995 and the outermost
    // 29 x cos(9.66 deg) = 28.589: every band rounds to 29, 29 x 29 = 841 cells.
    EXPECT_EQ(cells.size(), 841u);
    // Spherical band of the authalic sphere (R_q = 6371.0072 km): within the ellipsoid's
    // departure from it at low latitudes (< 0.5 %).
    const double rq = 6371.0072;
    const double sphere = rq * rq * (20.0 * kPiT / 180.0) * 2.0 * std::sin(10.0 * kPiT / 180.0);
    EXPECT_NEAR(area, sphere, 0.005 * sphere);
}

TEST(CoverageGrid, TerminalPointsAreTheUserTerminals)
{
    auto setup = MakeSetup(R"(
        name: "t" epoch_utc: "2026-01-01T00:00:00Z" duration_s: 60
        shells { name: "geo" geo { longitudes_deg: [0] } }
        ground_sites { name: "u1" role: UT position { lat_deg: 10 lon_deg: 20 alt_m: 5 } population: 1000 }
        ground_sites { name: "gw" role: GW position { lat_deg: 0 lon_deg: 0 } }
        ground_sites { name: "u2" role: UT position { lat_deg: -5 lon_deg: 190 } }
    )",
                           R"(name: "s" payload: REGENERATIVE visibility { space_deg: 10 })");
    const auto pts = TerminalPoints(*setup.world);
    ASSERT_EQ(pts.size(), 2u);
    EXPECT_EQ(pts[0].name, "u1");
    EXPECT_EQ(pts[0].population, 1000.0);
    EXPECT_EQ(pts[0].alt_m, 5.0);
    EXPECT_FALSE(pts[0].isCell);
    EXPECT_EQ(pts[0].node, setup.world->Find("u1"));
    EXPECT_EQ(pts[1].name, "u2");
    EXPECT_NEAR(pts[1].lon_deg, -170.0, 1e-9);
    EXPECT_EQ(pts[1].areaWeight, 0.0);
}

/// Geocentric central angle (rad) between two ECEF points.
double
Angle(const Vec3& a, const Vec3& b)
{
    return std::atan2(Norm(Cross(a, b)), Dot(a, b));
}

TEST(PointIndex, VisitsEveryPointInsideACap)
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::uniform_real_distribution<double> lon(-180.0, 180.0);
    std::vector<Vec3> pts;
    for (int i = 0; i < 20000; ++i)
    {
        const double lat = std::asin(u(rng)) * 180.0 / kPiT;
        pts.push_back(Ecef(lat, lon(rng), 100.0 * (u(rng) + 1.0)));
    }
    // Points exactly at the poles and on the antimeridian.
    pts.push_back(Ecef(90.0, 0.0, 0.0));
    pts.push_back(Ecef(-90.0, 0.0, 0.0));
    pts.push_back(Ecef(0.0, 180.0, 0.0));
    pts.push_back(Ecef(0.0, -180.0, 0.0));
    PointIndex index(pts);
    std::vector<Vec3> centres = {Ecef(90.0, 0.0, 0.0),
                                 Ecef(-89.9, 10.0, 0.0),
                                 Ecef(0.0, 179.9, 0.0),
                                 Ecef(0.0, -179.95, 0.0),
                                 Ecef(60.0, 170.0, 0.0)};
    for (int i = 0; i < 60; ++i)
    {
        centres.push_back(Ecef(std::asin(u(rng)) * 180.0 / kPiT, lon(rng), 0.0));
    }
    const std::vector<double> angles = {0.001, 0.02, 0.15, 0.6, 1.4, 2.5, 3.2};
    for (const auto& c : centres)
    {
        for (double angle : angles)
        {
            const IndexCap cap = index.MakeCap(c, angle);
            std::vector<int> seen(pts.size(), 0);
            index.ForEachInCap(cap,
                               0,
                               index.Bins(),
                               [&](int k)
                               {
                                   ++seen[index.Order()[k]];
                               });
            for (size_t i = 0; i < pts.size(); ++i)
            {
                ASSERT_LE(seen[i], 1) << "visited twice";
                if (Angle(c, pts[i]) <= angle)
                {
                    ASSERT_EQ(seen[i], 1) << "missed point " << i << " angle " << Angle(c, pts[i])
                                          << " cap " << angle;
                }
            }
        }
    }
}

/// `count` geodetic points (lat, lon in deg) on the ellipsoid whose geocentric directions are
/// uniform in the cap of central angle `angle` around `centre`.
std::vector<std::pair<double, double>>
PointsAround(const Vec3& centre, double angle, int count, std::mt19937& rng)
{
    const Vec3 z = Normalized(centre);
    const Vec3 x = Normalized(Cross(std::fabs(z.z) < 0.9 ? Vec3{0, 0, 1} : Vec3{1, 0, 0}, z));
    const Vec3 y = Cross(z, x);
    std::uniform_real_distribution<double> cosT(std::cos(angle), 1.0);
    std::uniform_real_distribution<double> az(0.0, 2.0 * kPiT);
    const double e2 = kF * (2.0 - kF);
    std::vector<std::pair<double, double>> out;
    for (int i = 0; i < count; ++i)
    {
        const double c = cosT(rng);
        const double s = std::sqrt(1.0 - c * c);
        const double a = az(rng);
        const Vec3 d = z * c + x * (s * std::cos(a)) + y * (s * std::sin(a));
        // Geocentric latitude -> geodetic latitude of the surface point: tan(phi) = tan(psi) / (1 -
        // e2).
        const double psi = std::atan2(d.z, std::hypot(d.x, d.y));
        const double phi = std::atan(std::tan(psi) / (1.0 - e2));
        out.emplace_back(phi * 180.0 / kPiT, std::atan2(d.y, d.x) * 180.0 / kPiT);
    }
    return out;
}

TEST(PointIndex, CapBoundsHoldOnTheEllipsoid)
{
    // Any point that sees the node at the mask (geodetic elevation) lies within MaskCapAngle, and
    // any point within the range lies within RangeCapAngle. Brute force over points spread
    // uniformly around the node, a little beyond the bound, so that many lie near the edge.
    std::mt19937 rng(11);
    const double rMin = kA * (1.0 - kF); // points on the ellipsoid: the polar radius is the least
    const double rMax = kA;
    int nearEdge = 0;
    for (double alt : {20e3, 550e3, 1200e3, 35786e3})
    {
        for (double nodeLat : {0.0, 30.0, 45.0, 70.0, 89.0})
        {
            const Vec3 node = Ecef(nodeLat, 33.0, alt);
            const double r = Norm(node);
            for (double mask : {-2.0, 0.0, 10.0, 25.0, 60.0})
            {
                const double bound = MaskCapAngle(r, rMin, mask * kPiT / 180.0);
                for (const auto& [lat, lo] :
                     PointsAround(node, std::min(kPiT, 1.05 * bound), 3000, rng))
                {
                    if (ElevationDeg(lat, lo, 0.0, node) >= mask)
                    {
                        const double angle = Angle(node, Ecef(lat, lo, 0.0));
                        ASSERT_LE(angle, bound)
                            << "alt " << alt << " lat " << nodeLat << " mask " << mask;
                        nearEdge += angle > 0.98 * bound;
                    }
                }
            }
            for (double range : {10e3, 300e3, 1500e3, 5000e3})
            {
                const double bound = RangeCapAngle(r, rMin, rMax, range);
                for (const auto& [lat, lo] :
                     PointsAround(node, std::min(kPiT, 1.05 * bound), 3000, rng))
                {
                    const Vec3 p = Ecef(lat, lo, 0.0);
                    if (Distance(p, node) <= range)
                    {
                        ASSERT_LE(Angle(node, p), bound) << "alt " << alt << " range " << range;
                    }
                }
            }
        }
    }
    // The bounds are tight: many visible points lie within 2 % of them.
    EXPECT_GT(nearEdge, 1000);
}

// coverage.step_s has one definition for runs, `sagin coverage` and studies.
TEST(CoverageStep, ScenarioStepElseUpdateIntervalCappedAt1440Samples)
{
    v1::CoverageGrid grid;
    // No step given: the update interval when it gives at most 1440 samples...
    EXPECT_DOUBLE_EQ(CoverageStep(grid, 0.1, 60.0), 0.1);  // 600 samples
    EXPECT_DOUBLE_EQ(CoverageStep(grid, 0.1, 144.0), 0.1); // exactly 1440
    // ... else duration / 1440: 86400 / 1440 = 60 s, 3600 / 1440 = 2.5 s.
    EXPECT_DOUBLE_EQ(CoverageStep(grid, 0.1, 86400.0), 60.0);
    EXPECT_DOUBLE_EQ(CoverageStep(grid, 1.0, 3600.0), 2.5);
    // A zero-length run is one snapshot: the update interval.
    EXPECT_DOUBLE_EQ(CoverageStep(grid, 0.5, 0.0), 0.5);
    // The scenario's step wins.
    grid.set_step_s(5.0);
    EXPECT_DOUBLE_EQ(CoverageStep(grid, 0.1, 86400.0), 5.0);
}

} // namespace
} // namespace sagin::test
