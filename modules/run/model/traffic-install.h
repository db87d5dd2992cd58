// The scenario's planned flows as ns-3 applications on the run's network: ping probes, CBR, and
// TCP bulk transfers with the flow's socket options, split at the gateways by the standard's TCP
// performance-enhancing proxy (tcp_pep) when the flow's path crosses a transparent satellite.
#ifndef SAGIN_RUN_TRAFFIC_INSTALL_H
#define SAGIN_RUN_TRAFFIC_INSTALL_H

#include "net/helper/sagin-network.h"
#include "routing/model/standard-policy.h"
#include "sagin/v1/scenario.pb.h"
#include "sagin/v1/standard.pb.h"
#include "scenario/model/traffic-plan.h"
#include "traffic/model/cbr-application.h"
#include "traffic/model/ping-application.h"
#include "traffic/model/tcp-bulk.h"
#include "traffic/model/tcp-pep-relay.h"

#include <vector>

namespace sagin
{

/// The applications of one planned flow.
struct FlowApps
{
    PlannedFlow plan;
    v1::FlowGroup::KindCase kind;
    ns3::Ptr<PingClient> ping;
    ns3::Ptr<CbrSource> cbrSource;
    ns3::Ptr<CbrSink> cbrSink;
    ns3::Ptr<TcpBulkSink> tcpSink;
    /// TCP flows split by the proxy: the gateways (world nodes) where it ends a connection.
    std::vector<int> pepGateways;
    std::vector<ns3::Ptr<TcpPepRelay>> pepRelays;
    unsigned pathChanges = 0;
    std::vector<int> lastPath;
};

/// The socket options of a tcp_bulk group, defaults resolved (scenario.proto TcpBulk).
TcpSocketOptions TcpOptionsFor(const v1::TcpBulk& tcp);

/// The socket options of the proxy's connections for a flow with `flow` options: the same
/// congestion control, segment size and initial window, the proxy's own buffers.
TcpSocketOptions PepOptionsFor(const TcpSocketOptions& flow, const v1::TcpPep& pep);

/// Where the proxy splits a flow whose path is `path` (world nodes, source first): every
/// gateway inside the path (not an end) next to a satellite on the path, when the standard's
/// payload is transparent; in path order. Empty: the flow is not split.
std::vector<int> PepSplitPoints(const World& world,
                                const StandardPolicy& policy,
                                const std::vector<int>& path);

/// The world nodes the network needs forwarding state toward: both ends of every flow, and
/// every gateway when the standard enables the proxy and some flow is TCP.
std::vector<int> TrafficDestinations(const World& world,
                                     const v1::Scenario& scenario,
                                     const v1::Standard& standard,
                                     const std::vector<PlannedFlow>& plan);

/// Installs every flow's applications on `net` (after Install()). Goodput of a TCP flow is
/// counted at its receiver from max(start_s, warmup_s) to its stop (min(stop_s, duration)).
std::vector<FlowApps> InstallTraffic(SaginNetwork& net,
                                     const World& world,
                                     const StandardPolicy& policy,
                                     const v1::Scenario& scenario,
                                     const std::vector<PlannedFlow>& plan,
                                     double duration,
                                     double warmup);

} // namespace sagin

#endif
