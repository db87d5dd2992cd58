#include "run/model/work-estimate.h"

#include "scenario/model/site-sets.h"

#include <algorithm>
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
    return what + ": about " + Sci(amount) + " (" + how + "), above the limit of " + Sci(limit) +
           "; pass --force to run anyway";
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

WorkEstimate
EstimateScenarioNodes(const v1::Scenario& scenario)
{
    double n = scenario.aerial_platforms_size() + scenario.ground_sites_size();
    for (const auto& shell : scenario.shells())
    {
        n += shell.has_walker() ? static_cast<double>(shell.walker().total_satellites())
                                : static_cast<double>(shell.geo().longitudes_deg_size());
    }
    for (const auto& fleet : scenario.aerial_fleets())
    {
        n += fleet.count();
    }
    for (const auto& set : scenario.site_sets())
    {
        n += SiteSetSize(set);
    }
    WorkEstimate e;
    e.what = "nodes";
    e.amount = n;
    e.limit = kMaxWorldNodes;
    e.how = "satellites, platforms and sites the scenario asks for";
    return e;
}

WorkEstimate
EstimateRunEvents(const World& world,
                  const v1::Standard& standard,
                  const std::vector<PlannedFlow>& flows,
                  double duration_s)
{
    const auto& scenario = world.Scenario();
    const double drain_s = scenario.measurement().drain_s() > 0.0 ? scenario.measurement().drain_s() : 2.0;
    const double simulated_s = duration_s + drain_s;
    // Topology updates: every node once per update interval (the routing policy's default 100 ms).
    const double update_s =
        standard.routing().update_interval_ms() > 0.0 ? standard.routing().update_interval_ms() / 1000.0 : 0.1;
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
        else if (g.has_ping())
        {
            const double interval_s = g.ping().interval_ms() > 0.0 ? g.ping().interval_ms() / 1000.0 : 1.0;
            packets += 2.0 * active_s / interval_s; // request and reply
        }
    }
    events += packets;
    WorkEstimate e;
    e.what = "simulated events";
    e.amount = events;
    e.limit = kMaxRunEvents;
    e.how = Sci(simulated_s) + " simulated s (duration + drain): " + std::to_string(world.Nodes().size()) +
            " nodes updated every " + Sci(update_s) + " s, " + Sci(packets) + " packets of ping and CBR flows";
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
