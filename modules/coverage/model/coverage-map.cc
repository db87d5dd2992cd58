#include "coverage/model/coverage-map.h"

#include "core/model/geodesy.h"
#include "core/model/gnuplot.h"
#include "coverage/model/coastlines.h"
#include "scenario/model/world.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace sagin
{

namespace
{

std::string
Number(double x)
{
    std::ostringstream os;
    os.precision(10);
    os << x;
    return os.str();
}

/// A round tic spacing (deg) giving at most 8 intervals over `span`.
double
TicStep(double span)
{
    for (double step : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0})
    {
        if (span / step <= 8.0)
        {
            return step;
        }
    }
    return 60.0;
}

/// The longitude tics, labelled in [-180, 180) also where the map runs past the antimeridian.
std::string
XTics(double lonMin, double span)
{
    const double step = TicStep(span);
    std::ostringstream os;
    os << "set xtics (";
    bool first = true;
    for (double x = std::ceil(lonMin / step - 1e-9) * step; x <= lonMin + span + 1e-9; x += step)
    {
        double label = std::fmod(x + 180.0, 360.0);
        label = (label < 0.0 ? label + 360.0 : label) - 180.0;
        if (std::fabs(label + 180.0) < 1e-9 && x > lonMin + 1e-9)
        {
            label = 180.0; // the antimeridian reached from the west
        }
        os << (first ? "" : ", ") << "'" << Number(label) << "' " << Number(x);
        first = false;
    }
    os << ")\n";
    return os.str();
}

/// How the maps mark each kind of infrastructure node.
struct InfrastructureMarker
{
    v1::Node::Role role;
    const char* label;
    int pointType; ///< gnuplot pt
    const char* colour;
};

const std::vector<InfrastructureMarker> kInfrastructure = {
    {v1::Node::GW, "gateway", 9, "#d62728"},
    {v1::Node::BS, "base station", 5, "#ff7f0e"},
    {v1::Node::CORE, "core site", 3, "#000000"},
    {v1::Node::HAPS, "HAPS", 13, "#e377c2"},
    {v1::Node::UAV, "UAV", 11, "#17becf"},
};

struct MapLayer
{
    std::string stem;
    std::string label;
    double cbMax;
    std::vector<float> raster;
    std::vector<double> siteValues;
};

constexpr double kMapDeg = M_PI / 180.0;

} // namespace

const std::vector<std::string>&
MapProjectionNames()
{
    static const std::vector<std::string> names = {"plate-carree", "equirectangular", "mercator"};
    return names;
}

MapProjection
MapProjectionNamed(const std::string& name)
{
    const auto& names = MapProjectionNames();
    for (size_t i = 0; i < names.size(); ++i)
    {
        if (names[i] == name)
        {
            return static_cast<MapProjection>(i);
        }
    }
    throw std::invalid_argument("no map projection named '" + name + "'");
}

double
MapY(MapProjection projection, double lat_deg)
{
    if (projection != MapProjection::Mercator)
    {
        return lat_deg;
    }
    // ln tan(pi/4 + phi/2), written as asinh(tan phi).
    return std::asinh(std::tan(lat_deg * kMapDeg)) / kMapDeg;
}

std::vector<std::string>
WriteCoverageMaps(const CoverageEngine& engine,
                  const std::string& directory,
                  double lonMin_deg,
                  const std::string& title,
                  double platformsAt_s,
                  MapProjection projection)
{
    const auto& points = engine.Points();
    std::vector<size_t> cells;
    std::vector<size_t> sites;
    for (size_t i = 0; i < points.size(); ++i)
    {
        (points[i].isCell ? cells : sites).push_back(i);
    }
    if (cells.empty())
    {
        return {};
    }
    // Extent, with longitudes unwrapped eastward from the western edge.
    auto unwrap = [&](double lon)
    {
        return lonMin_deg + std::fmod(std::fmod(lon - lonMin_deg, 360.0) + 360.0, 360.0);
    };
    double latLow = 90.0;
    double latHigh = -90.0;
    double lonHigh = lonMin_deg;
    double minHeight = 180.0;
    for (size_t i : cells)
    {
        const auto& p = points[i];
        latLow = std::min(latLow, p.lat_deg - 0.5 * p.height_deg);
        latHigh = std::max(latHigh, p.lat_deg + 0.5 * p.height_deg);
        lonHigh = std::max(lonHigh, unwrap(p.lon_deg) + 0.5 * p.width_deg);
        minHeight = std::min(minHeight, p.height_deg);
    }
    if (projection == MapProjection::Mercator)
    {
        latLow = std::max(latLow, -kMercatorLimit_deg);
        latHigh = std::min(latHigh, kMercatorLimit_deg);
    }
    const double lonSpan = std::max(lonHigh - lonMin_deg, 1e-6);
    const double latSpan = std::max(latHigh - latLow, 1e-6);
    // The raster's rows are evenly spaced in the map's y (latitude, or Mercator's y).
    const double yLow = MapY(projection, latLow);
    const double ySpan = std::max(MapY(projection, latHigh) - yLow, 1e-6);
    // Pixels of half a cell height, at most about 4 million of them.
    double px = 0.5 * minHeight;
    px = std::max(px, std::sqrt(lonSpan * ySpan / 4e6));
    const int width = std::max(1, static_cast<int>(std::ceil(lonSpan / px - 1e-9)));
    const int height = std::max(1, static_cast<int>(std::ceil(ySpan / px - 1e-9)));
    // The pixels fill the map exactly: a pixel's width and height, in x and y units.
    const double pxX = lonSpan / width;
    const double pxY = ySpan / height;
    // Mercator's y back to a latitude: atan(sinh y).
    auto rowLat = [&](double y)
    {
        return projection == MapProjection::Mercator ? std::atan(std::sinh(y * kMapDeg)) / kMapDeg
                                                     : y;
    };

    std::vector<PointCoverage> results(points.size());
    double maxServing = 0.0;
    for (size_t i = 0; i < points.size(); ++i)
    {
        results[i] = engine.Result(i);
        maxServing = std::max(maxServing, results[i].meanServing);
    }
    std::vector<MapLayer> layers = {
        {"availability", "combined time availability", 1.0, {}, {}},
        {"serving", "mean number of serving nodes", std::max(1.0, std::ceil(maxServing)), {}, {}},
    };
    // Cells by latitude band (same centre latitude and height), west to east: each pixel takes
    // the cell of its band whose western edge is the last at or before the pixel's centre, so
    // rounding at shared edges leaves no holes.
    struct BandCells
    {
        double bottom;
        double top;
        std::vector<std::pair<double, size_t>> west; // western edge (unwrapped), point index
        std::vector<double> east;
    };
    std::vector<BandCells> bands;
    {
        std::vector<size_t> byBand = cells;
        std::stable_sort(byBand.begin(),
                         byBand.end(),
                         [&](size_t a, size_t b)
                         {
                             return points[a].lat_deg != points[b].lat_deg
                                        ? points[a].lat_deg < points[b].lat_deg
                                        : unwrap(points[a].lon_deg) < unwrap(points[b].lon_deg);
                         });
        for (size_t i : byBand)
        {
            const auto& p = points[i];
            const double bottom = p.lat_deg - 0.5 * p.height_deg;
            if (bands.empty() || std::fabs(bands.back().bottom - bottom) > 1e-9)
            {
                bands.push_back({bottom, p.lat_deg + 0.5 * p.height_deg, {}, {}});
            }
            const double west = unwrap(p.lon_deg) - 0.5 * p.width_deg;
            bands.back().west.emplace_back(west, i);
            bands.back().east.push_back(west + p.width_deg);
        }
    }
    std::vector<size_t> pixelCell(static_cast<size_t>(width) * height, SIZE_MAX);
    for (int r = 0; r < height; ++r)
    {
        const double y = rowLat(yLow + (r + 0.5) * pxY);
        auto band = std::upper_bound(bands.begin(),
                                     bands.end(),
                                     y,
                                     [](double v, const BandCells& b)
                                     {
                                         return v < b.bottom;
                                     });
        if (band == bands.begin() || y > std::prev(band)->top + 1e-9)
        {
            continue;
        }
        const BandCells& b = *std::prev(band);
        for (int c = 0; c < width; ++c)
        {
            const double x = lonMin_deg + (c + 0.5) * pxX;
            auto cell = std::upper_bound(b.west.begin(),
                                         b.west.end(),
                                         x,
                                         [](double v, const std::pair<double, size_t>& w)
                                         {
                                             return v < w.first;
                                         });
            if (cell == b.west.begin())
            {
                continue;
            }
            const size_t j = static_cast<size_t>(std::prev(cell) - b.west.begin());
            if (x <= b.east[j] + 1e-9)
            {
                pixelCell[static_cast<size_t>(r) * width + c] = b.west[j].second;
            }
        }
    }
    for (int l = 0; l < 2; ++l)
    {
        auto& layer = layers[l];
        auto value = [&](size_t i)
        {
            return l == 0 ? results[i].availability[kCoverCombined] : results[i].meanServing;
        };
        layer.raster.resize(pixelCell.size());
        for (size_t q = 0; q < pixelCell.size(); ++q)
        {
            layer.raster[q] = pixelCell[q] == SIZE_MAX ? std::numeric_limits<float>::quiet_NaN()
                                                       : static_cast<float>(value(pixelCell[q]));
        }
        for (size_t i : sites)
        {
            layer.siteValues.push_back(value(i));
        }
    }

    std::vector<std::string> written;
    std::vector<std::string> scratch;
    std::ostringstream infraPlot;
    const std::string script = directory + "/maps.gp";
    const std::string log = directory + "/maps.log";
    scratch.push_back(script);
    scratch.push_back(log);
    {
        std::ofstream gp(script);
        // The map's y of a latitude, for the data files (coastlines, sites, infrastructure),
        // which hold latitudes.
        const double centre = 0.5 * (latLow + latHigh);
        std::ostringstream yTics;
        std::string heading = title;
        if (projection == MapProjection::Mercator)
        {
            const double step = TicStep(latSpan);
            yTics << "set ytics (";
            bool first = true;
            for (double lat = std::ceil(latLow / step - 1e-9) * step; lat <= latHigh + 1e-9;
                 lat += step)
            {
                yTics << (first ? "" : ", ") << "'" << Number(lat) << "' "
                      << Number(MapY(projection, lat));
                first = false;
            }
            yTics << ")\n";
            heading += "; Mercator";
        }
        else
        {
            yTics << "set ytics " << Number(TicStep(latSpan)) << "\n";
        }
        // Plate carree and Mercator: one unit of y (a degree of latitude, or Mercator's y in
        // degrees) as long as one of x; equirectangular: a degree of longitude cos(phi_c) of one
        // of latitude.
        std::string ratio = "-1";
        if (projection == MapProjection::Equirectangular)
        {
            ratio = Number(latSpan / (lonSpan * std::cos(centre * kMapDeg)));
            std::ostringstream h;
            h << heading << "; equirectangular, true scale at "
              << Number(std::round(centre * 10) / 10) << "\xC2\xB0";
            heading = h.str();
        }
        gp << "set encoding utf8\n"
           << "set title " << GnuplotString(heading) << " noenhanced\n"
           << "set xlabel 'longitude (deg)'\nset ylabel 'latitude (deg)'\n"
           << "set xrange [" << Number(lonMin_deg) << ":" << Number(lonMin_deg + lonSpan) << "]\n"
           << "set yrange [" << Number(yLow) << ":" << Number(yLow + ySpan) << "]\n"
           << "set size ratio " << ratio
           << "\nset tics out nomirror\nset grid front lc rgb '#808080' lw 0.5 dt 3\n"
           << XTics(lonMin_deg, lonSpan) << yTics.str()
           << (projection == MapProjection::Mercator
                   ? "Y(lat) = asinh(tan(lat * pi / 180)) * 180 / pi\n"
                   : "Y(lat) = lat\n")
           << "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 "
              "'#fde725')\n"
           << "set key below horizontal samplen 2 noenhanced\n";
        const std::string coast = directory + "/maps.coast";
        scratch.push_back(coast);
        std::ofstream(coast) << CoastlineGnuplotData(lonMin_deg);
        // The infrastructure, one data block per kind (gnuplot's `index`), in kInfrastructure's
        // order: ground sites where they stand, platforms where they are at platformsAt_s.
        const std::string infraFile = directory + "/maps.infra";
        scratch.push_back(infraFile);
        {
            std::vector<std::ostringstream> blocks(kInfrastructure.size());
            std::vector<size_t> counts(kInfrastructure.size(), 0);
            for (const auto& n : engine.Builder().GetWorld().Nodes())
            {
                for (size_t k = 0; k < kInfrastructure.size(); ++k)
                {
                    if (n.role != kInfrastructure[k].role)
                    {
                        continue;
                    }
                    Geodetic g = n.site;
                    if (n.layer == v1::Node::AIR)
                    {
                        if (!n.trajectory)
                        {
                            continue;
                        }
                        g = EcefToGeodetic(n.trajectory->PositionAt(platformsAt_s));
                    }
                    blocks[k] << Number(unwrap(g.lon_deg)) << ' ' << Number(g.lat_deg) << '\n';
                    ++counts[k];
                }
            }
            std::ofstream inf(infraFile);
            for (size_t k = 0; k < kInfrastructure.size(); ++k)
            {
                // An empty block still needs a point for `index` to count it: one far outside.
                inf << (counts[k] > 0 ? blocks[k].str() : std::string("1e9 1e9\n")) << "\n\n";
                if (counts[k] > 0)
                {
                    infraPlot << ", " << GnuplotString(infraFile) << " index " << k
                              << " using 1:(Y($2)) with points pt " << kInfrastructure[k].pointType
                              << " ps 1.6 lc rgb '" << kInfrastructure[k].colour << "' title '"
                              << kInfrastructure[k].label << " (" << counts[k] << ")'";
                }
            }
        }
        for (const auto& layer : layers)
        {
            const std::string raster = directory + "/" + layer.stem + ".raster";
            const std::string siteFile = directory + "/" + layer.stem + ".sites";
            scratch.push_back(raster);
            scratch.push_back(siteFile);
            std::ofstream(raster, std::ios::binary)
                .write(reinterpret_cast<const char*>(layer.raster.data()),
                       static_cast<std::streamsize>(layer.raster.size() * sizeof(float)));
            {
                std::ofstream sf(siteFile);
                for (size_t j = 0; j < sites.size(); ++j)
                {
                    const auto& p = points[sites[j]];
                    sf << Number(unwrap(p.lon_deg)) << ' ' << Number(p.lat_deg) << ' '
                       << Number(layer.siteValues[j]) << '\n';
                }
            }
            std::ostringstream plot;
            plot << "plot " << GnuplotString(raster) << " binary array=(" << width << "," << height
                 << ") format='%float32' dx=" << Number(pxX) << " dy=" << Number(pxY) << " origin=("
                 << Number(lonMin_deg + 0.5 * pxX) << "," << Number(yLow + 0.5 * pxY)
                 << ") with image notitle, " << GnuplotString(coast)
                 << " using 1:(Y($2)) with lines lw 2.2 lc rgb '#ffffff' notitle, "
                 << GnuplotString(coast)
                 << " using 1:(Y($2)) with lines lw 0.9 lc rgb '#202020' title 'coastline (Natural "
                    "Earth 1:50m)'";
            if (!sites.empty())
            {
                plot
                    << ", " << GnuplotString(siteFile)
                    << " using 1:(Y($2)) with points pt 7 ps 0.9 lc rgb 'black' notitle"
                    << ", " << GnuplotString(siteFile)
                    << " using 1:(Y($2)):3 with points pt 7 ps 0.6 lc palette title 'terminal (its "
                       "value)'";
            }
            plot << infraPlot.str();
            gp << "set cbrange [0:" << Number(layer.cbMax) << "]\n"
               << "set cblabel " << GnuplotString(layer.label) << "\n";
            const std::string png = directory + "/" + layer.stem + ".png";
            const std::string svg = directory + "/" + layer.stem + ".svg";
            gp << "set terminal pngcairo size 1600,900 font 'sans,12'\nset output "
               << GnuplotString(png) << "\n"
               << plot.str() << "\nset output\n"
               << "set terminal svg size 1600,900 dynamic font 'sans,12'\nset output "
               << GnuplotString(svg) << "\n"
               << plot.str() << "\nset output\n";
            written.push_back(png);
            written.push_back(svg);
        }
    }
    std::string message;
    try
    {
        RunGnuplot(script, log);
    }
    catch (const std::runtime_error& e)
    {
        message = e.what();
    }
    for (const auto& f : scratch)
    {
        std::remove(f.c_str());
    }
    if (!message.empty())
    {
        throw std::runtime_error(message);
    }
    return written;
}

} // namespace sagin
