#include "coverage/model/coastlines.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace sagin
{

std::string_view CoverageDataLand(const std::string& fileName); // embedded (CMakeLists.txt)

namespace
{

std::vector<std::vector<LonLat>>
ParseRings(std::string_view text)
{
    std::vector<std::vector<LonLat>> rings;
    std::vector<LonLat> ring;
    size_t lineNo = 0;
    while (!text.empty())
    {
        const size_t end = text.find('\n');
        const std::string line(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++lineNo;
        if (!line.empty() && line[0] == '#')
        {
            continue;
        }
        if (line.empty())
        {
            if (!ring.empty())
            {
                rings.push_back(std::move(ring));
                ring.clear();
            }
            continue;
        }
        LonLat p{};
        if (std::sscanf(line.c_str(), "%lf %lf", &p.lon_deg, &p.lat_deg) != 2
            || !(std::fabs(p.lon_deg) <= 180.0) || !(std::fabs(p.lat_deg) <= 90.0))
        {
            throw std::logic_error("ne-50m-land.txt:" + std::to_string(lineNo)
                                   + ": not a longitude and a latitude");
        }
        ring.push_back(p);
    }
    if (!ring.empty())
    {
        rings.push_back(std::move(ring));
    }
    return rings;
}

} // namespace

const std::vector<std::vector<LonLat>>&
LandRings()
{
    static const std::vector<std::vector<LonLat>> rings
        = ParseRings(CoverageDataLand("ne-50m-land.txt"));
    return rings;
}

std::string
CoastlineGnuplotData(double lonMin_deg)
{
    auto unwrap = [&](double lon)
    {
        return lonMin_deg + std::fmod(std::fmod(lon - lonMin_deg, 360.0) + 360.0, 360.0);
    };
    std::string out;
    out.reserve(1 << 20);
    char buf[48];
    for (const auto& ring : LandRings())
    {
        bool drawing = false;
        double last = 0.0;
        for (size_t k = 0; k < ring.size(); ++k)
        {
            if (ring[k].lat_deg < -89.9)
            {
                // Antarctica's ring closes along the pole's parallel: not a coastline.
                out += drawing ? "\n" : "";
                drawing = false;
                continue;
            }
            const double lon = unwrap(ring[k].lon_deg);
            if (drawing && std::fabs(lon - last) > 180.0)
            {
                out += '\n'; // a blank line: gnuplot starts a new polyline
            }
            drawing = true;
            std::snprintf(buf, sizeof buf, "%.2f %.2f\n", lon, ring[k].lat_deg);
            out += buf;
            last = lon;
        }
        out += '\n';
    }
    return out;
}

} // namespace sagin
