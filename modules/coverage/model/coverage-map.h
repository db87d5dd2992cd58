// Coverage maps for reports: heat maps of the grid cells' combined time availability and mean
// number of serving nodes, in a cylindrical projection (plate carree, equirectangular with the
// map's central parallel true to scale, or Mercator), with the coastlines (Natural Earth 1:50m,
// coastlines.h) and the terminals as dots coloured by their own value, drawn by gnuplot (Debian's
// gnuplot-nox) as PNG and SVG, with a legend below the map.
#ifndef SAGIN_COVERAGE_COVERAGE_MAP_H
#define SAGIN_COVERAGE_COVERAGE_MAP_H

#include "core/model/gnuplot.h" // GnuplotAvailable
#include "coverage/model/coverage-engine.h"

#include <string>
#include <vector>

namespace sagin
{

/// How a map lays the globe flat; every one keeps meridians vertical and longitude linear.
enum class MapProjection
{
    /// Longitude and latitude on the same scale (x = lon, y = lat): the globe's usual map.
    PlateCarree,
    /// Equirectangular with the map's central latitude phi_c as its standard parallel
    /// (x = lon cos phi_c, y = lat): distances true at phi_c, for regional maps.
    Equirectangular,
    /// Mercator (x = lon, y = asinh(tan lat) in degrees), conformal; cut at +-85 deg.
    Mercator
};

/// The names of `--map-projection`: plate-carree, equirectangular, mercator.
const std::vector<std::string>& MapProjectionNames();
/// The projection of a name of MapProjectionNames (std::invalid_argument otherwise).
MapProjection MapProjectionNamed(const std::string& name);
/// Latitude cut of the Mercator maps (deg).
constexpr double kMercatorLimit_deg = 85.0;
/// The map's y of a latitude (deg; Mercator: in degrees of the equator's scale).
double MapY(MapProjection projection, double lat_deg);

/// Writes availability.png, availability.svg, serving.png and serving.svg into `directory`.
/// `lonMin_deg` is the western edge of the map (the grid region's lon_min_deg, -180 for the
/// globe); `title` heads every map. Returns the files written; throws std::runtime_error when
/// gnuplot fails. Besides the terminals, the maps mark the infrastructure of the engine's world:
/// gateways, base stations and core sites where they stand, HAPS and UAVs where they are at
/// `platformsAt_s` (s after the epoch: the start of the sampled span). The map's projection is
/// `projection` (the title says which unless plate carree).
std::vector<std::string> WriteCoverageMaps(const CoverageEngine& engine,
                                           const std::string& directory,
                                           double lonMin_deg,
                                           const std::string& title,
                                           double platformsAt_s = 0.0,
                                           MapProjection projection = MapProjection::PlateCarree);

} // namespace sagin

#endif
