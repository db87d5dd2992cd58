// The places coverage is measured at: cells of an equal-area grid over the globe or a region,
// and the user terminals of a world. Used by `sagin coverage` and by the coverage of `sagin run`.
#ifndef SAGIN_COVERAGE_COVERAGE_POINT_H
#define SAGIN_COVERAGE_COVERAGE_POINT_H

#include "sagin/v1/scenario.pb.h"
#include "scenario/model/world.h"

#include <string>
#include <vector>

namespace sagin
{

/// One grid cell (isCell) or one site. Positions are WGS84 geodetic; a cell's position is its
/// centre (the middle of its latitude band and of its longitude range).
struct CoveragePoint
{
    std::string name;
    double lat_deg = 0.0;
    double lon_deg = 0.0;    ///< in [-180, 180)
    double alt_m = 0.0;      ///< above the ellipsoid
    double areaWeight = 0.0; ///< cells: area / the grid's total area (they sum to 1); sites: 0
    double population = 0.0; ///< sites: the node's population (0 when unknown); cells: 0
    bool isCell = false;
    int node = -1; ///< the world node of a site, or -1
    // Cells only (0 for sites):
    double area_km2 = 0.0;   ///< on the WGS84 ellipsoid
    double height_deg = 0.0; ///< latitude extent
    double width_deg = 0.0;  ///< longitude extent
};

/// Default cell height of a grid whose resolution_deg is 0 (scenario.proto: "0 means 5").
constexpr double kDefaultGridResolutionDeg = 5.0;

/// Cells of an equal-area grid: the region (or the globe when it has none) is cut into bands of
/// latitude of equal height (the resolution, shrunk so that a whole number of bands fits), and
/// each band into n = max(1, round(lon span x cos(band centre) / band height)) cells of equal
/// area. Areas are exact on the WGS84 ellipsoid (through the authalic latitude). Cells lie at
/// `terminal_alt_m`. Band-major order, south to north, west to east; names "b<band>c<cell>".
std::vector<CoveragePoint> GridPoints(const v1::CoverageGrid& grid);

/// Every user terminal (UT) of the world, in node order, weighted by its population.
std::vector<CoveragePoint> TerminalPoints(const World& world);

/// One coverage sample: its time and the seconds it stands for.
struct CoverageSampleTime
{
    double t_s;
    double weight_s;
};

/// The samples of a span: t = start + k * step for k = 0 .. ceil(duration / step) - 1, each
/// standing for `step` seconds except the last, cut at the end of the span; a zero duration is
/// one snapshot counted as 1 s. `sagin coverage`, `sagin run` and studies all sample this way.
std::vector<CoverageSampleTime> CoverageSampleTimes(double start, double duration, double step);

/// Most samples a run's coverage takes when the scenario gives no coverage.step_s.
constexpr double kDefaultCoverageSamples = 1440.0;

/// The one definition of coverage.step_s (scenario.proto), for `sagin run`, `sagin coverage` and
/// studies: the scenario's step when it gives one, else the standard's topology update interval,
/// lengthened to duration / 1440 when that is longer (at most 1440 samples: 60 s over a day).
/// `updateInterval_s` is the longest update interval among the standards sampled together.
double CoverageStep(const v1::CoverageGrid& grid, double updateInterval_s, double duration_s);

/// Area (km^2) of the part of the WGS84 ellipsoid between two geodetic latitudes and spanning
/// `lonSpan_deg` of longitude.
double EllipsoidAreaKm2(double latLow_deg, double latHigh_deg, double lonSpan_deg);

} // namespace sagin

#endif
