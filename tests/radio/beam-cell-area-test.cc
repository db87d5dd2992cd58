// Ground cell areas of a nadir-pointing hexagonal beam layout (NadirBeamCellAreasM2) against two
// other computations written out here: the central cell as six isosceles spherical triangles by
// L'Huilier's theorem (sides from the off-nadir angle of the corners), and every cell by
// numerical integration over the sphere of the region whose nearest beam centre on the UV grid
// is that beam (the exact Voronoi cell, whose edges are not quite great circles).
#include "../common/spherical-triangle.h"
#include "../common/validation.h"
#include "radio/model/spot-beams.h"

#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace sagin
{
namespace
{

using test::NadirHexCellAreaM2;
using test::ValidationCheck;

constexpr double kPiCell = 3.14159265358979323846;
constexpr double kEarthCell = 6371e3;

/// Areas (m^2) of the UV-grid Voronoi cells of the first `n` beams, by the midpoint rule over the
/// polar grid (gamma, phi) around the nadir point up to the Earth-central angle `capRad`.
std::vector<double>
IntegratedCellAreas(int n, double spacingRad, double altitudeM, double capRad, int steps)
{
    // Beams of the next tier as well: a point nearest to one of them lies outside the layout.
    const std::vector<HexBeam> grid = HexBeamGrid(HexBeamCount(1 +
                                                               [&]
                                                               {
                                                                   int t = 0;
                                                                   IsHexBeamCount(n, &t);
                                                                   return t;
                                                               }()),
                                                  FrequencyReuse::kFr1);
    const double s = std::sin(spacingRad);
    const double rs = kEarthCell + altitudeM;
    std::vector<double> area(n, 0.0);
    const double dg = capRad / steps;
    const double dp = 2.0 * kPiCell / steps;
    for (int i = 0; i < steps; ++i)
    {
        const double g = (i + 0.5) * dg;
        const double dA = kEarthCell * kEarthCell * std::sin(g) * dg * dp;
        for (int j = 0; j < steps; ++j)
        {
            const double p = (j + 0.5) * dp;
            // Ground point and the unit direction to it from the satellite at (0, 0, rs); the
            // antenna's x, y axes are the frame's, its z axis points down.
            const double px = kEarthCell * std::sin(g) * std::cos(p);
            const double py = kEarthCell * std::sin(g) * std::sin(p);
            const double pz = kEarthCell * std::cos(g);
            const double dx = px;
            const double dy = py;
            const double dz = pz - rs;
            const double len = std::sqrt(dx * dx + dy * dy + dz * dz);
            const double u = dx / len;
            const double v = dy / len;
            int best = -1;
            double bestD = std::numeric_limits<double>::infinity();
            for (int b = 0; b < static_cast<int>(grid.size()); ++b)
            {
                const double d = std::hypot(u - grid[b].x * s, v - grid[b].y * s);
                if (d < bestD)
                {
                    bestD = d;
                    best = b;
                }
            }
            if (best < n)
            {
                area[best] += dA;
            }
        }
    }
    return area;
}

} // namespace

TEST(BeamCellArea, CentralCellIsSixLHuilierTriangles)
{
    for (const auto& [altitude, spacingDeg] : {std::pair{600e3, 1.53}, std::pair{1200e3, 4.0}})
    {
        const double spacing = spacingDeg * kPiCell / 180.0;
        const double reference = NadirHexCellAreaM2(spacing, altitude, kEarthCell);
        const auto areas = NadirBeamCellAreasM2(19, spacing, altitude, kEarthCell);
        ASSERT_EQ(areas.size(), 19u);
        ValidationCheck(altitude < 1e6 ? "radio.beam-cell.central-leo600"
                                       : "radio.beam-cell.central-leo1200",
                        "closed form: six spherical triangles by L'Huilier's theorem",
                        "ground area of the central beam's hexagonal cell",
                        "km^2",
                        areas[0] * 1e-6,
                        reference * 1e-6,
                        1e-9 * reference * 1e-6);
    }
}

TEST(BeamCellArea, EveryCellMatchesTheIntegratedVoronoiRegion)
{
    // LEO-600, 19 beams 4 deg apart: the outer tier sits 8 deg off nadir, where cells stretch.
    const double spacing = 4.0 * kPiCell / 180.0;
    const auto areas = NadirBeamCellAreasM2(19, spacing, 600e3, kEarthCell);
    const auto integrated = IntegratedCellAreas(19, spacing, 600e3, 0.04, 3000);
    double worst = 0.0;
    for (int b = 0; b < 19; ++b)
    {
        worst = std::max(worst, std::abs(areas[b] / integrated[b] - 1.0));
    }
    // Outer cells are larger than the central one (off-nadir stretch).
    EXPECT_GT(areas[18], 1.02 * areas[0]);
    std::printf("worst relative difference %.3g\n", worst);
    ValidationCheck("radio.beam-cell.integrated-voronoi",
                    "second method: midpoint integration of the UV-grid Voronoi cells",
                    "largest relative difference over 19 beam cells, LEO-600, 4 deg spacing",
                    "fraction",
                    worst,
                    0.0,
                    1e-3);
}

TEST(BeamCellArea, ACellReachingPastTheHorizonHasNoArea)
{
    // GEO, 7 beams 8 deg apart: the outer beams' corners look past the Earth's limb (8.7 deg).
    const auto areas = NadirBeamCellAreasM2(7, 8.0 * kPiCell / 180.0, 35786e3, kEarthCell);
    EXPECT_TRUE(std::isnan(areas[1]));
    EXPECT_FALSE(std::isnan(areas[0]));
}

} // namespace sagin
