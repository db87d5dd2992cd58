// The network at one topology update: positions and the links that are available, with their
// delay, rates and C/N, after the standard's access policy has chosen serving nodes.
#ifndef SAGIN_ROUTING_TOPOLOGY_SNAPSHOT_H
#define SAGIN_ROUTING_TOPOLOGY_SNAPSHOT_H

#include "core/model/vec3.h"
#include "routing/model/link-kind.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace sagin
{

/// One available link. `a` transmits in the forward direction: the serving node of a service
/// link, the satellite of an air-space link, the gateway of a feeder link, the ground end of an
/// air-ground link; for ISLs and fiber the lower node index.
struct SnapshotLink
{
    int a = -1;
    int b = -1;
    LinkKind kind = LinkKind::Isl;
    /// Drop-tail limit of this link's kind at a transmitting device (queue_packets).
    std::uint32_t queuePackets = 0;
    double distance_m = 0.0;
    double delay_s = 0.0; ///< propagation: distance / c (fiber: length * n / c)
    double elevation_deg = std::numeric_limits<double>::quiet_NaN(); ///< at the lower end
    double forwardCn_db = std::numeric_limits<double>::quiet_NaN();  ///< a -> b (drawn or mean)
    /// A terminal-link of a RANDOM draws standard: its drawn LOS state (1 LOS, 0 NLOS) and the
    /// forward direction's shadow fading (dB); -1 and NaN in mean mode.
    signed char los = -1;
    double shadowFading_db = std::numeric_limits<double>::quiet_NaN();
    /// a -> b and b -> a (bit/s): the budget's, rate_mbps, else the kind's default_rate_mbps.
    double forwardRate_bps = std::numeric_limits<double>::infinity();
    double reverseRate_bps = std::numeric_limits<double>::infinity();
};

/// No serving node (out of coverage), and "every usable candidate" (ANY_VISIBLE).
constexpr int kNoServingNode = -1;
constexpr int kAnyServingNode = -2;

struct TopologySnapshot
{
    double time_s = 0.0;
    std::vector<Vec3> positions; ///< ECEF, by world node (NaN when a node has no position)
    std::vector<SnapshotLink> links;
    std::vector<int> serving; ///< user terminals: serving node, kNoServingNode or kAnyServingNode
};

} // namespace sagin

#endif
