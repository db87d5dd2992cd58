// Coverage maps for reports: plate carree (longitude/latitude) heat maps of the grid cells'
// combined time availability and mean number of serving nodes, with the coastlines (Natural Earth
// 1:50m, coastlines.h) and the terminals as dots coloured by their own value, drawn by gnuplot
// (Debian's gnuplot-nox) as PNG and SVG, with a legend below the map.
#ifndef SAGIN_COVERAGE_COVERAGE_MAP_H
#define SAGIN_COVERAGE_COVERAGE_MAP_H

#include "core/model/gnuplot.h" // GnuplotAvailable
#include "coverage/model/coverage-engine.h"

#include <string>
#include <vector>

namespace sagin
{

/// Writes availability.png, availability.svg, serving.png and serving.svg into `directory`.
/// `lonMin_deg` is the western edge of the map (the grid region's lon_min_deg, -180 for the
/// globe); `title` heads every map. Returns the files written; throws std::runtime_error when
/// gnuplot fails. Besides the terminals, the maps mark the infrastructure of the engine's world:
/// gateways, base stations and core sites where they stand, HAPS and UAVs where they are at
/// `platformsAt_s` (s after the epoch: the start of the sampled span).
std::vector<std::string> WriteCoverageMaps(const CoverageEngine& engine,
                                           const std::string& directory,
                                           double lonMin_deg,
                                           const std::string& title,
                                           double platformsAt_s = 0.0);

} // namespace sagin

#endif
