#include "scenario/model/ephemeris.h"

#include "core/model/constants.h"
#include "core/model/diagnostics.h"
#include "core/model/geodesy.h"
#include "core/model/json-writer.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace sagin
{

namespace
{

/// Colours of links in CZML by kind (LinkKindName): the viewer's (web/viewer/src/colors.js).
std::array<int, 4>
LinkColour(const std::string& kind)
{
    if (kind == "isl")
    {
        return {92, 157, 255, 190};
    }
    if (kind == "feeder")
    {
        return {255, 82, 82, 190};
    }
    if (kind == "service")
    {
        return {255, 238, 88, 190};
    }
    if (kind == "air_space")
    {
        return {38, 198, 218, 190};
    }
    if (kind == "air_ground")
    {
        return {102, 187, 106, 190};
    }
    return {189, 189, 189, 190}; // terrestrial
}

/// A node name as one segment of a CZML reference (`id#property`): `\`, `#` and `.` escaped.
std::string
ReferenceId(const std::string& name)
{
    std::string out;
    for (char c : name)
    {
        if (c == '\\' || c == '#' || c == '.')
        {
            out += '\\';
        }
        out += c;
    }
    return out;
}

} // namespace

Vec3
InterpolateLagrange(const std::vector<double>& times,
                    const std::vector<Vec3>& values,
                    double t,
                    int degree)
{
    const int n = static_cast<int>(times.size());
    if (n == 0 || values.size() != times.size())
    {
        throw std::invalid_argument("InterpolateLagrange: times and values differ or are empty");
    }
    if (n == 1)
    {
        return values.front();
    }
    degree = std::min(degree, n - 1);
    // The first sample after t (Cesium: the binary search's insertion point), then the window
    // [index - degree/2 - 1, + degree], shifted inside [0, n - 1].
    const int index
        = static_cast<int>(std::upper_bound(times.begin(), times.end(), t) - times.begin());
    int first = std::max(0, index - degree / 2 - 1);
    int last = first + degree;
    if (last > n - 1)
    {
        last = n - 1;
        first = std::max(0, last - degree);
    }
    Vec3 sum;
    for (int i = first; i <= last; ++i)
    {
        double w = 1.0;
        for (int j = first; j <= last; ++j)
        {
            if (j != i)
            {
                w *= (t - times[j]) / (times[i] - times[j]);
            }
        }
        sum += values[i] * w;
    }
    return sum;
}

std::vector<double>
CzmlSampleTimes(const Trajectory& trajectory, const std::vector<double>& times, double tolerance_m)
{
    if (times.size() < 2)
    {
        return times;
    }
    const double t0 = times.front();
    const double step = times[1] - times[0];
    const long intervals = static_cast<long>(times.size()) - 1;
    std::vector<double> grid = times;
    for (int refinement = 0;; ++refinement)
    {
        std::vector<Vec3> p(grid.size());
        bool finite = true;
        for (size_t k = 0; k < grid.size(); ++k)
        {
            p[k] = trajectory.PositionAt(grid[k]);
            finite = finite && std::isfinite(p[k].x);
        }
        if (!finite)
        {
            return grid; // a propagation error: the samples that exist are written as they are
        }
        double worst = 0.0;
        for (size_t k = 0; k + 1 < grid.size() && worst <= tolerance_m; ++k)
        {
            for (double f : {0.25, 0.5, 0.75})
            {
                const double t = grid[k] + f * (grid[k + 1] - grid[k]);
                worst = std::max(
                    worst, Distance(InterpolateLagrange(grid, p, t), trajectory.PositionAt(t)));
            }
        }
        const long parts = 2L << refinement; // the step of the next grid: step / parts
        if (worst <= tolerance_m || refinement == kCzmlMaxRefinements
            || step / static_cast<double>(parts) < kEphemerisMinStep_s)
        {
            return grid;
        }
        grid.clear();
        for (long k = 0; k <= intervals * parts; ++k)
        {
            grid.push_back(t0 + static_cast<double>(k) * step / static_cast<double>(parts));
        }
        grid.back() = times.back();
    }
}

double
OrbitPeriod(const Trajectory& trajectory, double t_s)
{
    const StateVector s = trajectory.StateAt(t_s);
    const double r = Norm(s.position);
    const Vec3 v = s.velocity + Cross(Vec3{0.0, 0.0, kEarthRotationRate}, s.position);
    const double inverseA = 2.0 / r - Dot(v, v) / kEarthMu; // vis-viva: 1/a = 2/r - v^2/mu
    if (!(inverseA > 0.0) || !std::isfinite(inverseA))
    {
        return 0.0;
    }
    const double a = 1.0 / inverseA;
    return 2.0 * kPi * std::sqrt(a * a * a / kEarthMu);
}

std::vector<double>
EphemerisTimes(double start, double duration, double step)
{
    std::vector<std::string> errors;
    if (!std::isfinite(start))
    {
        errors.push_back("start: must be a number of seconds");
    }
    if (!(duration >= 0.0) || !std::isfinite(duration))
    {
        errors.push_back("duration: must be >= 0, got " + Exact(duration));
    }
    if (!(step >= kEphemerisMinStep_s) || !std::isfinite(step))
    {
        errors.push_back("step: must be at least " + Exact(kEphemerisMinStep_s) + " s, got "
                         + Exact(step));
    }
    if (errors.empty() && duration / step + 1.0 > static_cast<double>(kEphemerisMaxSamples))
    {
        errors.push_back("step: " + Exact(step) + " s over " + Exact(duration)
                         + " s gives more than " + std::to_string(kEphemerisMaxSamples)
                         + " samples; raise the step");
    }
    if (!errors.empty())
    {
        throw InputError(errors);
    }
    const long steps = static_cast<long>(std::floor(duration / step + 1e-9));
    std::vector<double> times;
    times.reserve(static_cast<size_t>(steps) + 1);
    for (long k = 0; k <= steps; ++k)
    {
        times.push_back(start + static_cast<double>(k) * step);
    }
    return times;
}

void
WriteEphemerisCsv(std::ostream& os,
                  const std::vector<EphemerisNode>& nodes,
                  const std::vector<double>& times,
                  const SunEphemeris& sun,
                  bool progress)
{
    os << "t_s,node,role,x_m,y_m,z_m,lat_deg,lon_deg,alt_m,sunlit\n";
    Progress bar("ephemeris", progress ? times.size() : 0);
    std::vector<bool> warned(nodes.size(), false);
    for (size_t k = 0; k < times.size(); ++k)
    {
        const double t = times[k];
        const std::string ts = Fixed(t, 3);
        const Vec3 sunAt = sun.PositionAt(t);
        for (size_t i = 0; i < nodes.size(); ++i)
        {
            const auto& n = nodes[i];
            Vec3 p = n.trajectory->PositionAt(t);
            os << ts << ',' << n.name << ',' << n.role << ',';
            if (!std::isfinite(p.x))
            {
                if (!warned[i])
                {
                    Warn("ephemeris",
                         n.name + ": no position from t = " + ts
                             + " s (propagation error); its fields are left empty");
                    warned[i] = true;
                }
                os << ",,,,,,\n";
                continue;
            }
            Geodetic g = EcefToGeodetic(p);
            os << Fixed(p.x, 3) << ',' << Fixed(p.y, 3) << ',' << Fixed(p.z, 3) << ','
               << Fixed(g.lat_deg, 7) << ',' << Fixed(g.lon_deg, 7) << ',' << Fixed(g.alt_m, 3)
               << ',' << Fixed(IlluminatedFraction(p, sunAt), 4) << '\n';
        }
        if (progress)
        {
            bar.Update(k + 1);
        }
    }
    if (progress)
    {
        bar.Finish();
    }
}

std::vector<EclipseSummary>
WriteEclipsesCsv(std::ostream& os,
                 const std::vector<EphemerisNode>& nodes,
                 double t0_s,
                 double t1_s,
                 double step_s,
                 const SunEphemeris& sun,
                 bool progress)
{
    os << "node,role,shadow,begin_s,end_s,duration_s\n";
    Progress bar("eclipses", progress ? nodes.size() : 0);
    std::vector<EclipseSummary> summary;
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& n = nodes[i];
        const auto penumbra
            = ShadowIntervals(*n.trajectory, sun, t0_s, t1_s, ShadowBoundary::kPenumbra, step_s);
        const auto umbra
            = ShadowIntervals(*n.trajectory, sun, t0_s, t1_s, ShadowBoundary::kUmbra, step_s);
        // Merge by start time; a penumbra interval starts before the umbra interval it holds.
        size_t p = 0;
        size_t u = 0;
        while (p < penumbra.size() || u < umbra.size())
        {
            const bool takePenumbra
                = u == umbra.size()
                  || (p < penumbra.size() && penumbra[p].begin_s <= umbra[u].begin_s);
            const ShadowInterval& v = takePenumbra ? penumbra[p++] : umbra[u++];
            os << n.name << ',' << n.role << ',' << (takePenumbra ? "penumbra" : "umbra") << ','
               << Fixed(v.begin_s, 3) << ',' << Fixed(v.end_s, 3) << ',' << Fixed(v.Duration(), 3)
               << '\n';
        }
        summary.push_back(
            {n.name, ShadowFraction(penumbra, t0_s, t1_s), ShadowFraction(umbra, t0_s, t1_s)});
        if (progress)
        {
            bar.Update(i + 1);
        }
    }
    if (progress)
    {
        bar.Finish();
    }
    return summary;
}

void
WriteEphemerisCzml(std::ostream& os,
                   const std::vector<EphemerisNode>& nodes,
                   const std::vector<double>& times,
                   const UtcEpoch& epoch,
                   const std::string& documentName,
                   bool progress,
                   const std::vector<EphemerisLink>& links)
{
    if (times.empty())
    {
        throw std::invalid_argument("WriteEphemerisCzml: no sample times");
    }
    const std::string begin = epoch.Iso8601(times.front());
    const std::string end = epoch.Iso8601(times.back());
    const std::string interval = begin + "/" + end;
    using Layout = JsonWriter::Layout;
    JsonWriter json(os);
    json.BeginArray(Layout::Rows);
    json.BeginObject().Key("id").String("document").Key("name").String(documentName);
    json.Key("version").String("1.0");
    json.Key("clock").BeginObject().Key("interval").String(interval);
    json.Key("currentTime").String(begin).Key("multiplier").Integer(60);
    json.Key("range").String("LOOP_STOP").Key("step").String("SYSTEM_CLOCK_MULTIPLIER");
    json.EndObject().EndObject();
    Progress bar("ephemeris", progress ? nodes.size() : 0);
    for (size_t i = 0; i < nodes.size(); ++i)
    {
        const auto& n = nodes[i];
        // Colours by role: satellites white, HAPS orange, UAV yellow, ground sites green/blue.
        std::array<int, 4> rgba = {255, 255, 255, 255};
        if (n.role == "haps")
        {
            rgba = {255, 140, 0, 255};
        }
        else if (n.role == "uav")
        {
            rgba = {255, 230, 0, 255};
        }
        else if (n.role == "gw" || n.role == "core")
        {
            rgba = {0, 160, 255, 255};
        }
        else if (n.role == "ut" || n.role == "bs")
        {
            rgba = {0, 200, 80, 255};
        }
        json.BeginObject().Key("id").String(n.name).Key("name").String(n.name);
        json.Key("description").String("role: " + n.role);
        json.Key("availability").String(interval);
        json.Key("label").BeginObject().Key("text").String(n.name);
        json.Key("font").String("12px sans-serif").Key("pixelOffset").BeginObject();
        json.Key("cartesian2").BeginArray().Integer(10).Integer(0).EndArray().EndObject();
        json.Key("horizontalOrigin").String("LEFT");
        // Satellites' labels only when the camera is near (thousands would cover the globe).
        if (n.role == "sat")
        {
            json.Key("distanceDisplayCondition").BeginObject();
            json.Key("distanceDisplayCondition").BeginArray().Number(0).Number(3e6).EndArray();
            json.EndObject();
        }
        json.EndObject();
        if (n.role == "sat" && !n.trajectory->IsFixed())
        {
            const double period = OrbitPeriod(*n.trajectory, times.front());
            if (period > 0.0)
            {
                json.Key("path").BeginObject().Key("leadTime").Number(period, 1);
                json.Key("trailTime").Number(period, 1).Key("width").Integer(1);
                json.Key("resolution").Integer(60).Key("show").Bool(true);
                json.Key("material").BeginObject().Key("solidColor").BeginObject();
                json.Key("color").BeginObject().Key("rgba").BeginArray();
                for (int c : {255, 255, 255, 90})
                {
                    json.Integer(c);
                }
                json.EndArray().EndObject().EndObject().EndObject().EndObject();
            }
        }
        json.Key("position").BeginObject();
        if (n.trajectory->IsFixed())
        {
            const Vec3 p = n.trajectory->PositionAt(times.front());
            json.Key("cartesian").BeginArray().Number(p.x, 3).Number(p.y, 3).Number(p.z, 3);
            json.EndArray();
        }
        else
        {
            json.Key("epoch").String(begin).Key("referenceFrame").String("FIXED");
            json.Key("interpolationAlgorithm")
                .String("LAGRANGE")
                .Key("interpolationDegree")
                .Integer(5);
            json.Key("cartesian").BeginArray(); // t, x, y, z per sample
            for (double t : CzmlSampleTimes(*n.trajectory, times))
            {
                const Vec3 p = n.trajectory->PositionAt(t);
                if (!std::isfinite(p.x))
                {
                    continue;
                }
                json.Number(t - times.front(), 3).Number(p.x, 3).Number(p.y, 3).Number(p.z, 3);
            }
            json.EndArray();
        }
        json.EndObject();
        json.Key("point").BeginObject().Key("pixelSize").Integer(n.role == "sat" ? 4 : 7);
        json.Key("color").BeginObject().Key("rgba").BeginArray();
        for (int c : rgba)
        {
            json.Integer(c);
        }
        json.EndArray().EndObject().EndObject().EndObject();
        if (progress)
        {
            bar.Update(i + 1);
        }
    }
    for (const auto& l : links)
    {
        if (l.up.empty())
        {
            continue;
        }
        json.BeginObject().Key("id").String("link/" + l.kind + "/" + l.a + "/" + l.b);
        json.Key("name").String(l.a + " - " + l.b + " (" + l.kind + ")");
        json.Key("availability").BeginArray(Layout::Inline);
        for (const auto& [b, e] : l.up)
        {
            json.String(epoch.Iso8601(b) + "/" + epoch.Iso8601(e));
        }
        json.EndArray();
        json.Key("polyline").BeginObject().Key("positions").BeginObject();
        json.Key("references").BeginArray(Layout::Inline);
        json.String(ReferenceId(l.a) + "#position").String(ReferenceId(l.b) + "#position");
        json.EndArray().EndObject();
        json.Key("arcType").String("NONE").Key("width").Integer(1);
        json.Key("material").BeginObject().Key("solidColor").BeginObject();
        json.Key("color").BeginObject().Key("rgba").BeginArray(Layout::Inline);
        for (int c : LinkColour(l.kind))
        {
            json.Integer(c);
        }
        json.EndArray().EndObject().EndObject().EndObject().EndObject().EndObject();
    }
    json.EndArray();
    os << '\n';
    if (progress)
    {
        bar.Finish();
    }
}

} // namespace sagin
