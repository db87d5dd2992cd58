#include "scenario/model/site-sets.h"

#include "core/model/constants.h"
#include "core/model/csv-reader.h"
#include "core/model/deterministic-rng.h"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace sagin
{

std::string_view ScenarioData(const std::string& fileName);

std::string
SanitizeName(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || c == '-' || c == '_';
        out += ok ? c : '_';
    }
    return out;
}

const std::vector<City>&
WorldCities()
{
    static const std::vector<City> cities = []
    {
        std::vector<City> list;
        // rank,name,country,lat_deg,lon_deg,population (the header is the first record)
        const auto rows = ReadCsv(ScenarioData("world-cities.csv"), CsvOptions{/*comments=*/true});
        for (size_t r = 1; r < rows.size(); ++r)
        {
            std::vector<std::string> f = rows[r];
            f.resize(6);
            City c;
            c.rank = std::stoi(f[0]);
            c.name = f[1];
            c.country = f[2];
            c.lat_deg = std::stod(f[3]);
            c.lon_deg = std::stod(f[4]);
            c.population = std::stod(f[5]);
            list.push_back(c);
        }
        return list;
    }();
    return cities;
}

bool
InRegion(const v1::Region& r, double lat, double lon)
{
    if (lat < r.lat_min_deg() || lat > r.lat_max_deg())
    {
        return false;
    }
    auto wrap = [](double x)
    {
        return x - 360.0 * std::floor((x + 180.0) / 360.0);
    };
    double lo = wrap(r.lon_min_deg());
    double hi = wrap(r.lon_max_deg());
    double l = wrap(lon);
    if (r.lon_max_deg() - r.lon_min_deg() >= 360.0)
    {
        return true;
    }
    return lo <= hi ? (l >= lo && l <= hi) : (l >= lo || l <= hi);
}

static double
LonSpan(const v1::Region& r)
{
    double span = r.lon_max_deg() - r.lon_min_deg();
    return span < 0 ? span + 360.0 : span;
}

/// Rows and columns of a grid set (cell centres inside the region).
static double
GridRows(const v1::Grid& g)
{
    const auto& r = g.region();
    return std::floor((r.lat_max_deg() - r.lat_min_deg()) / g.spacing_deg() + 1e-9);
}

static double
GridColumns(const v1::Grid& g)
{
    return std::floor(LonSpan(g.region()) / g.spacing_deg() + 1e-9);
}

static double
WrapLon(double lon)
{
    return lon - 360.0 * std::floor((lon + 180.0) / 360.0);
}

double
SiteSetSize(const v1::SiteSet& set)
{
    switch (set.generator_case())
    {
    case v1::SiteSet::kCities:
    {
        const auto& c = set.cities();
        double n = 0.0;
        for (const auto& city : WorldCities())
        {
            if (n >= c.top())
            {
                break;
            }
            n += !c.has_region() || InRegion(c.region(), city.lat_deg, city.lon_deg) ? 1.0 : 0.0;
        }
        return n;
    }
    case v1::SiteSet::kGrid:
    {
        const auto& g = set.grid();
        if (!g.has_region() || !(g.spacing_deg() > 0.0))
        {
            return 0.0;
        }
        const double rows = GridRows(g);
        const double cols = GridColumns(g);
        return rows > 0.0 && cols > 0.0 ? rows * cols : 0.0;
    }
    case v1::SiteSet::kRandom:
        return set.random().count();
    default:
        return 0.0;
    }
}

std::vector<GeneratedSite>
GenerateSites(const v1::SiteSet& set, std::uint64_t scenarioSeed)
{
    std::vector<GeneratedSite> sites;
    const std::string prefix = set.name() + "-";
    switch (set.generator_case())
    {
    case v1::SiteSet::kCities:
    {
        const auto& c = set.cities();
        for (const auto& city : WorldCities())
        {
            if (sites.size() >= c.top())
            {
                break;
            }
            if (c.has_region() && !InRegion(c.region(), city.lat_deg, city.lon_deg))
            {
                continue;
            }
            sites.push_back(
                {prefix + SanitizeName(city.name), city.lat_deg, city.lon_deg, city.population});
        }
        break;
    }
    case v1::SiteSet::kGrid:
    {
        const auto& g = set.grid();
        const auto& r = g.region();
        const double step = g.spacing_deg();
        const int rows = static_cast<int>(GridRows(g));
        const int cols = static_cast<int>(GridColumns(g));
        int index = 0;
        for (int i = 0; i < rows; ++i)
        {
            for (int j = 0; j < cols; ++j)
            {
                sites.push_back({prefix + std::to_string(index++),
                                 r.lat_min_deg() + (i + 0.5) * step,
                                 WrapLon(r.lon_min_deg() + (j + 0.5) * step),
                                 0.0});
            }
        }
        break;
    }
    case v1::SiteSet::kRandom:
    {
        const auto& rp = set.random();
        const auto& r = rp.region();
        DeterministicRng rng(MixSeed(scenarioSeed, rp.seed_offset()));
        // Uniform in area on the sphere: sin(latitude) uniform, longitude uniform.
        const double s0 = std::sin(r.lat_min_deg() * kDegToRad);
        const double s1 = std::sin(r.lat_max_deg() * kDegToRad);
        for (std::uint32_t k = 0; k < rp.count(); ++k)
        {
            double lat = std::asin(s0 + (s1 - s0) * rng.NextUniform()) * kRadToDeg;
            double lon = WrapLon(r.lon_min_deg() + LonSpan(r) * rng.NextUniform());
            sites.push_back({prefix + std::to_string(k), lat, lon, 0.0});
        }
        break;
    }
    case v1::SiteSet::GENERATOR_NOT_SET:
        break;
    }
    return sites;
}

} // namespace sagin
