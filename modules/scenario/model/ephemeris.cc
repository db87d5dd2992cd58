#include "scenario/model/ephemeris.h"

#include "core/model/diagnostics.h"
#include "core/model/geodesy.h"
#include "core/model/json-writer.h"
#include "core/model/progress.h"
#include "core/model/text-format.h"

#include <array>
#include <cmath>
#include <stdexcept>

namespace sagin
{

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
                   bool progress)
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
        json.Key("availability").String(interval).Key("position").BeginObject();
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
            for (double t : times)
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
    json.EndArray();
    os << '\n';
    if (progress)
    {
        bar.Finish();
    }
}

} // namespace sagin
