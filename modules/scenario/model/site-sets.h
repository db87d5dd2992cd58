// Generated ground-site sets: the shipped list of the world's most populous cities, regular
// grids and uniform random points in a region.
#ifndef SAGIN_SCENARIO_SITE_SETS_H
#define SAGIN_SCENARIO_SITE_SETS_H

#include "sagin/v1/scenario.pb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sagin
{

struct GeneratedSite
{
    std::string name;
    double lat_deg = 0.0;
    double lon_deg = 0.0;
    double population = 0.0;
};

struct City
{
    int rank = 0;
    std::string name;
    std::string country;
    double lat_deg = 0.0;
    double lon_deg = 0.0;
    double population = 0.0;
};

/// The shipped city list (modules/scenario/data/world-cities.csv), most populous first.
const std::vector<City>& WorldCities();

/// True when the point lies in the region (a region with lon_min > lon_max crosses 180 deg).
bool InRegion(const v1::Region& region, double lat_deg, double lon_deg);

/// The sites a set generates. `scenarioSeed` seeds random sets. Names are "<set>-<suffix>".
std::vector<GeneratedSite> GenerateSites(const v1::SiteSet& set, std::uint64_t scenarioSeed);

/// How many sites GenerateSites makes of `set`, counted without making them (a double: a fine
/// grid over a large region may count more than any int), so that a command can refuse a huge
/// set before it is built. A set whose fields are invalid (no region, spacing <= 0) counts 0.
double SiteSetSize(const v1::SiteSet& set);

/// A node name made of the characters [A-Za-z0-9_-] (others become '_').
std::string SanitizeName(const std::string& s);

} // namespace sagin

#endif
