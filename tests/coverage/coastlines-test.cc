// The embedded coastlines against published areas, and the gnuplot data against its contract.
#include "../common/validation.h"
#include "coverage/model/coastlines.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <sstream>

using namespace sagin;
using namespace sagin::test;

namespace
{

/// Area (km^2) on the WGS84 ellipsoid of the largest ring lying inside the box, by GeographicLib
/// (geodesic edges; the file's vertices are about 1-10 km apart, where a geodesic and a straight
/// line in longitude/latitude enclose the same area to far below the tolerances used here).
double
LargestRingAreaKm2(double lonMin, double lonMax, double latMin, double latMax)
{
    double best = 0.0;
    for (const auto& ring : LandRings())
    {
        const bool inside = std::all_of(ring.begin(),
                                        ring.end(),
                                        [&](const LonLat& p)
                                        {
                                            return p.lon_deg >= lonMin && p.lon_deg <= lonMax
                                                   && p.lat_deg >= latMin && p.lat_deg <= latMax;
                                        });
        if (!inside)
        {
            continue;
        }
        GeographicLib::PolygonArea polygon(GeographicLib::Geodesic::WGS84());
        for (const auto& p : ring)
        {
            polygon.AddPoint(p.lat_deg, p.lon_deg);
        }
        double perimeter = 0.0;
        double area = 0.0;
        polygon.Compute(false, true, perimeter, area); // signed, either orientation -> |area|
        best = std::max(best, std::fabs(area) / 1e6);
    }
    return best;
}

} // namespace

// Geoscience Australia, "Area of Australia - States and Territories": mainland 7,617,930 km^2
// (Tasmania and the islands apart). The 1:50m outline gives 7,602,135 km^2 (-0.21 %); other
// landmasses are within a few per cent at this scale (the outline is generalized: Great Britain
// +3.7 %, Iceland's main island +0.04 %), so the check is on the largest and smoothest one.
TEST(Coastlines, AustralianMainlandHasItsPublishedArea)
{
    const double area = LargestRingAreaKm2(110.0, 156.0, -40.0, -10.0);
    ValidationCheck("coverage.coastlines.australia",
                    "Geoscience Australia, Area of Australia (mainland)",
                    "Natural Earth 1:50m mainland outline, WGS84 area",
                    "km^2",
                    area,
                    7617930.0,
                    0.003 * 7617930.0);
}

// The gnuplot data keeps every vertex but the pole's, unwraps longitudes into the map's window, and
// never joins two vertices more than 180 deg apart (no line across the map), for the globe and for
// a map whose western edge cuts continents (30 deg E: Africa and Europe).
TEST(Coastlines, GnuplotDataStaysInsideTheMapWindow)
{
    size_t vertices = 0; // all but the pole's (Antarctica's closing edge, not a coastline)
    for (const auto& r : LandRings())
    {
        for (const auto& p : r)
        {
            vertices += p.lat_deg >= -89.9 ? 1 : 0;
        }
    }
    ASSERT_GT(LandRings().size(), 1000u);
    for (double lonMin : {-180.0, 30.0, 160.0})
    {
        std::istringstream in(CoastlineGnuplotData(lonMin));
        std::string line;
        size_t points = 0;
        size_t breaks = 0;
        bool havePrevious = false;
        double previous = 0.0;
        while (std::getline(in, line))
        {
            if (line.empty())
            {
                havePrevious = false;
                ++breaks;
                continue;
            }
            double lon = 0.0;
            double lat = 0.0;
            ASSERT_EQ(std::sscanf(line.c_str(), "%lf %lf", &lon, &lat), 2) << line;
            EXPECT_GE(lon, lonMin - 0.005) << line;
            EXPECT_LT(lon, lonMin + 360.0 + 0.005) << line;
            if (havePrevious)
            {
                EXPECT_LE(std::fabs(lon - previous), 180.0) << "lonMin " << lonMin << ": " << line;
            }
            havePrevious = true;
            previous = lon;
            ++points;
        }
        EXPECT_EQ(points, vertices) << "lonMin " << lonMin;
        // Every ring ends with a blank line; rings crossing the window's edge add one more each.
        EXPECT_GT(breaks, LandRings().size()) << "lonMin " << lonMin;
    }
}
