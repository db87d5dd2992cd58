#include "coverage/model/coverage-point.h"

#include "core/model/constants.h"

#include <algorithm>
#include <cmath>

namespace sagin
{

namespace
{

/// q(phi) of the authalic latitude (Snyder, Map Projections: A Working Manual, eq. 3-12): the
/// area of the ellipsoid between the equator and geodetic latitude phi is pi a^2 q(phi).
double
AuthalicQ(double phi)
{
    const double e2 = kWgs84F * (2.0 - kWgs84F);
    const double e = std::sqrt(e2);
    const double s = std::sin(phi);
    return (1.0 - e2)
           * (s / (1.0 - e2 * s * s) - std::log((1.0 - e * s) / (1.0 + e * s)) / (2.0 * e));
}

double
WrapLon(double lon)
{
    return lon - 360.0 * std::floor((lon + 180.0) / 360.0);
}

} // namespace

double
EllipsoidAreaKm2(double latLow_deg, double latHigh_deg, double lonSpan_deg)
{
    const double a_km = kWgs84A / 1000.0;
    const double band = kPi * a_km * a_km
                        * (AuthalicQ(latHigh_deg * kDegToRad) - AuthalicQ(latLow_deg * kDegToRad));
    return band * lonSpan_deg / 360.0;
}

std::vector<CoveragePoint>
GridPoints(const v1::CoverageGrid& grid)
{
    const double res
        = grid.resolution_deg() > 0.0 ? grid.resolution_deg() : kDefaultGridResolutionDeg;
    double latMin = -90.0;
    double latMax = 90.0;
    double lonMin = -180.0;
    double span = 360.0;
    if (grid.has_region())
    {
        const auto& r = grid.region();
        latMin = std::max(-90.0, r.lat_min_deg());
        latMax = std::min(90.0, r.lat_max_deg());
        lonMin = r.lon_min_deg();
        span = r.lon_max_deg() - r.lon_min_deg();
        if (span < 0.0)
        {
            span += 360.0; // the region crosses the antimeridian
        }
        span = std::min(span, 360.0);
    }
    std::vector<CoveragePoint> cells;
    if (!(latMax > latMin) || !(span > 0.0))
    {
        return cells;
    }
    const int bands = std::max(1, static_cast<int>(std::ceil((latMax - latMin) / res - 1e-9)));
    const double height = (latMax - latMin) / bands;
    std::vector<int> perBand(bands);
    double total_km2 = 0.0;
    for (int b = 0; b < bands; ++b)
    {
        const double lo = latMin + b * height;
        const double centre = lo + 0.5 * height;
        perBand[b] = std::max(
            1, static_cast<int>(std::lround(span * std::cos(centre * kDegToRad) / height)));
        total_km2 += EllipsoidAreaKm2(lo, lo + height, span);
    }
    for (int b = 0; b < bands; ++b)
    {
        const double lo = latMin + b * height;
        const int n = perBand[b];
        const double width = span / n;
        const double area = EllipsoidAreaKm2(lo, lo + height, span) / n;
        for (int j = 0; j < n; ++j)
        {
            CoveragePoint p;
            p.name = "b" + std::to_string(b) + "c" + std::to_string(j);
            p.lat_deg = lo + 0.5 * height;
            p.lon_deg = WrapLon(lonMin + (j + 0.5) * width);
            p.alt_m = grid.terminal_alt_m();
            p.areaWeight = area / total_km2;
            p.isCell = true;
            p.area_km2 = area;
            p.height_deg = height;
            p.width_deg = width;
            cells.push_back(std::move(p));
        }
    }
    return cells;
}

std::vector<CoveragePoint>
TerminalPoints(const World& world)
{
    std::vector<CoveragePoint> points;
    const auto& nodes = world.Nodes();
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& n = nodes[i];
        if (n.role != v1::Node::UT)
        {
            continue;
        }
        CoveragePoint p;
        p.name = n.name;
        p.lat_deg = n.site.lat_deg;
        p.lon_deg = WrapLon(n.site.lon_deg);
        p.alt_m = n.site.alt_m;
        p.population = n.population;
        p.isCell = false;
        p.node = static_cast<int>(i);
        points.push_back(std::move(p));
    }
    return points;
}

std::vector<CoverageSampleTime>
CoverageSampleTimes(double start, double duration, double step)
{
    std::vector<CoverageSampleTime> out;
    if (!(duration > 0.0))
    {
        out.push_back({start, 1.0});
        return out;
    }
    const long samples = static_cast<long>(std::ceil(duration / step - 1e-9));
    out.reserve(static_cast<size_t>(samples));
    for (long k = 0; k < samples; ++k)
    {
        const double t = start + k * step;
        out.push_back({t, std::min(step, start + duration - t)});
    }
    return out;
}

double
CoverageStep(const v1::CoverageGrid& grid, double updateInterval_s, double duration_s)
{
    if (grid.step_s() > 0.0)
    {
        return grid.step_s();
    }
    return std::max(updateInterval_s, duration_s / kDefaultCoverageSamples);
}

} // namespace sagin
