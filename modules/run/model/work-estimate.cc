#include "run/model/work-estimate.h"

#include "core/model/constants.h"
#include "coverage/model/coverage-point.h"
#include "orbit/model/sun-eclipse.h"
#include "scenario/model/compute-plan.h"
#include "scenario/model/site-sets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sagin
{

namespace
{

std::string
Sci(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

} // namespace

std::string
WorkEstimate::Message() const
{
    return what + ": about " + Sci(amount) + " (" + how + "), above the limit of " + Sci(limit)
           + "; pass --force to run anyway";
}

WorkEstimate
EstimateWorldNodes(const World& world)
{
    WorkEstimate e;
    e.what = "nodes";
    e.amount = static_cast<double>(world.Nodes().size());
    e.limit = kMaxWorldNodes;
    e.how = "satellites, platforms and sites of the scenario";
    return e;
}

namespace
{

/// The area of a latitude/longitude region on the unit sphere (steradians).
double
RegionSteradians(const v1::Region& r)
{
    double lonSpan = r.lon_max_deg() - r.lon_min_deg();
    if (lonSpan <= 0.0)
    {
        lonSpan += 360.0; // crosses the antimeridian
    }
    return std::max(0.0,
                    std::sin(r.lat_max_deg() * kDegToRad) - std::sin(r.lat_min_deg() * kDegToRad))
           * std::min(lonSpan, 360.0) * kDegToRad;
}

double
RegionOrGlobe(const v1::Region& r, bool given)
{
    return given ? RegionSteradians(r) : 4.0 * kPi;
}

} // namespace

WorkEstimate
EstimateScenarioNodes(const v1::Scenario& s)
{
    double n = 0.0;
    for (const auto& sh : s.shells())
    {
        if (sh.has_walker())
        {
            n += sh.walker().total_satellites();
        }
        else if (sh.has_geo())
        {
            n += sh.geo().longitudes_deg_size();
        }
        else if (sh.has_tle() && sh.tle().max_satellites() > 0)
        {
            n += sh.tle().max_satellites();
        }
        else if (sh.has_tle() && sh.tle().source_case() == v1::TleShell::kText)
        {
            n += std::count(sh.tle().text().begin(), sh.tle().text().end(), '\n') / 2.0;
        }
    }
    n += s.aerial_platforms_size() + s.ground_sites_size();
    for (const auto& f : s.aerial_fleets())
    {
        n += f.count();
    }
    for (const auto& set : s.site_sets())
    {
        n += SiteSetSize(set); // the generator's own count
    }
    WorkEstimate e;
    e.what = "nodes";
    e.amount = n;
    e.limit = kMaxWorldNodes;
    e.how = "satellites, platforms and sites the scenario would create";
    return e;
}

double
EstimateGridCells(const v1::CoverageGrid& grid)
{
    const double res
        = grid.resolution_deg() > 0.0 ? grid.resolution_deg() : kDefaultGridResolutionDeg;
    // Cells are about res x res degrees (equal area): the region's area over one cell's at the
    // equator, (res in radians)^2 steradians.
    return std::max(1.0,
                    RegionOrGlobe(grid.region(), grid.has_region()) / std::pow(res * kDegToRad, 2));
}

WorkEstimate
EstimateSamples(const std::string& what, double rows, double steps, const std::string& how)
{
    WorkEstimate e;
    e.what = what;
    e.amount = rows * steps;
    e.limit = kMaxSamples;
    e.how = how;
    return e;
}

std::vector<WorkEstimate>
EstimateCoverage(double points, double steps, double satellites, double standards)
{
    WorkEstimate work;
    work.what = "coverage evaluations";
    work.amount = points * steps * std::max(1.0, satellites) * std::max(1.0, standards);
    work.limit = kMaxCoverageEvaluations;
    work.how = Sci(points) + " points x " + Sci(steps) + " time steps x " + Sci(satellites)
               + " satellites x " + Sci(standards) + " standards";
    WorkEstimate memory;
    memory.what = "memory";
    memory.amount
        = points * (kCoverageBytesPerPoint + kCoverageBytesPerPointAndStandard * standards);
    memory.limit = kMaxMemoryBytes;
    memory.how = "bytes for " + Sci(points) + " grid cells and terminals under " + Sci(standards)
                 + " standards";
    return {work, memory};
}

std::vector<std::string>
Refusals(const std::vector<WorkEstimate>& estimates, const std::string& where, bool force)
{
    std::vector<std::string> lines;
    for (const auto& e : estimates)
    {
        if (!force && e.Exceeds())
        {
            lines.push_back(where + e.Message());
        }
    }
    return lines;
}

WorkEstimate
EstimateRunEvents(const World& world,
                  const v1::Standard& standard,
                  const std::vector<PlannedFlow>& flows,
                  double duration_s)
{
    const auto& scenario = world.Scenario();
    const double drain_s
        = scenario.measurement().drain_s() > 0.0 ? scenario.measurement().drain_s() : 2.0;
    const double simulated_s = duration_s + drain_s;
    // Topology updates: every node once per update interval (the routing policy's default 100 ms).
    const double update_s = standard.routing().update_interval_ms() > 0.0
                                ? standard.routing().update_interval_ms() / 1000.0
                                : 0.1;
    double events = static_cast<double>(world.Nodes().size()) * simulated_s / update_s;
    double packets = 0.0;
    for (const auto& f : flows)
    {
        const auto& g = scenario.traffic().flows(f.groupIndex);
        const double active_s = std::max(0.0, std::min(f.stop_s, duration_s) - f.start_s);
        if (g.has_cbr())
        {
            const double bytes = g.cbr().packet_bytes() > 0 ? g.cbr().packet_bytes() : 1000.0;
            packets += g.cbr().rate_kbps() * 1e3 / (8.0 * bytes) * active_s;
        }
        else if (g.has_ftp3())
        {
            const double bytes = g.ftp3().packet_bytes() > 0 ? g.ftp3().packet_bytes() : 1472.0;
            const double file
                = g.ftp3().file_bytes() > 0 ? static_cast<double>(g.ftp3().file_bytes()) : 512000.0;
            packets += g.ftp3().files_per_s() * std::ceil(file / bytes) * active_s;
        }
        else if (g.has_ping())
        {
            const double interval_s
                = g.ping().interval_ms() > 0.0 ? g.ping().interval_ms() / 1000.0 : 1.0;
            packets += 2.0 * active_s / interval_s; // request and reply
        }
    }
    events += packets;
    // Compute tasks: the request and response datagrams, each sent twice when relayed by a
    // ground user-plane anchor, plus the arrival and the service.
    double datagrams = 0.0;
    double shadowSamples = 0.0;
    {
        ErrorList ignored; // the validation pass reports them
        const ComputePlan compute = PlanCompute(world, duration_s, ignored);
        // A powered host's eclipse search before the run samples its shadow function every
        // kShadowSearchStep_s over duration + drain, and usually an hour more at either end to
        // follow an eclipse under way there (counted as events: about as costly).
        for (const auto& h : compute.hosts)
        {
            shadowSamples += h.hasPower ? (simulated_s + 2 * 3600.0) / kShadowSearchStep_s : 0.0;
        }
        for (const auto& sp : compute.services)
        {
            double tasks = sp.clients.size() * sp.rate_per_s
                           * std::max(0.0, std::min(sp.stop_s, duration_s) - sp.start_s);
            if (sp.earthObservation)
            {
                // Captures only over the region: a satellite's share of time there taken as the
                // region's share of the sphere (ground tracks spread evenly; a region at the
                // latitude where an inclined shell turns sees more), plus the arrival events of
                // the whole Poisson process, checked and mostly discarded.
                const v1::Region& r = sp.region;
                double dlon = r.lon_max_deg() - r.lon_min_deg();
                dlon = dlon > 0.0 ? dlon : dlon + 360.0;
                const double share = std::clamp(dlon * M_PI / 180.0
                                                    * (std::sin(r.lat_max_deg() * M_PI / 180.0)
                                                       - std::sin(r.lat_min_deg() * M_PI / 180.0))
                                                    / (4.0 * M_PI),
                                                0.0,
                                                1.0);
                datagrams += tasks; // arrival checks
                tasks *= share;
            }
            const double segments
                = std::ceil(static_cast<double>(sp.request_bytes) / kComputeSegment_bytes)
                  + std::ceil(static_cast<double>(sp.response_bytes) / kComputeSegment_bytes);
            datagrams += tasks * (2.0 * segments + 2.0);
        }
    }
    events += datagrams + shadowSamples;
    WorkEstimate e;
    e.what = "simulated events";
    e.amount = events;
    e.limit = kMaxRunEvents;
    e.how = Sci(simulated_s) + " simulated s (duration + drain): "
            + std::to_string(world.Nodes().size()) + " nodes updated every " + Sci(update_s)
            + " s, " + Sci(packets) + " packets of ping and CBR flows";
    if (datagrams > 0.0)
    {
        e.how += ", " + Sci(datagrams) + " events of compute tasks";
    }
    if (shadowSamples > 0.0)
    {
        e.how += ", " + Sci(shadowSamples) + " shadow samples of powered compute hosts";
    }
    return e;
}

WorkEstimate
EstimateStudyRuns(double runs, const std::string& how)
{
    WorkEstimate e;
    e.what = "runs";
    e.amount = runs;
    e.limit = kMaxStudyRuns;
    e.how = how;
    return e;
}

} // namespace sagin
