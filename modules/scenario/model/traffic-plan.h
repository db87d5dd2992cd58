// The scenario's traffic resolved into concrete flows between world nodes.
#ifndef SAGIN_SCENARIO_TRAFFIC_PLAN_H
#define SAGIN_SCENARIO_TRAFFIC_PLAN_H

#include "core/model/diagnostics.h"
#include "scenario/model/world.h"

#include <string>
#include <vector>

namespace sagin
{

struct PlannedFlow
{
    std::string group;        ///< FlowGroup name
    int groupIndex = 0;       ///< index into Scenario.traffic.flows
    int from = -1;            ///< world node
    int to = -1;              ///< world node
    double start_s = 0.0;
    double stop_s = 0.0;      ///< resolved: never 0
};

/// The highest constant bit rate a flow may ask for, in kbps (100 Gbit/s, above any link the
/// simulator models); a rate above it is an input error, not a run that never ends.
constexpr double kMaxCbrRate_kbps = 1e8;
/// The largest payload of one UDP datagram or ICMP echo over IPv4, in bytes: 65535 (IPv4 total
/// length) - 20 (IPv4 header) - 8 (UDP or ICMP header).
constexpr std::uint32_t kMaxDatagramPayload_bytes = 65507;

/// Resolves every flow group (endpoints, times; `duration` ends open flows). Errors carry their
/// field paths (`traffic.flows[2].endpoints.pair.to: no ground site named 'x'`).
std::vector<PlannedFlow> PlanTraffic(const World& world, double duration, ErrorList& errors);

/// Ground sites named by a site set's name or by node names joined by commas. Throws InputError
/// (prefixed by `what`) for an unknown name or a node that is not a ground site.
std::vector<int> ResolveSiteList(const World& world, const std::string& spec, const std::string& what);

/// The ground site called `name`. Throws InputError (prefixed by `what`).
int GroundSiteNamed(const World& world, const std::string& name, const std::string& what);

/// The nodes a selector picks (in world order), with errors under `path`.
std::vector<int> SelectSites(const World& world, const v1::SiteSelector& s, const std::string& path, ErrorList& errors);

} // namespace sagin

#endif
