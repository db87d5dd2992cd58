// Packets the network dropped, by reason, counted from trace sources: the `Drop` trace of every
// sagin device (queue_full, link_down, no_next_hop, harq_failure, handover) and routing protocol
// (no_route), and ns-3's Ipv4L3Protocol `Drop` trace for TTL expiry. The same trace sources are
// there for a user's own collectors (Config paths in modules/net/README.md).
#ifndef SAGIN_METRICS_DROP_COLLECTOR_H
#define SAGIN_METRICS_DROP_COLLECTOR_H

#include "net/model/network-state.h"
#include "sagin/v1/result.pb.h"

#include <ns3/ipv4-l3-protocol.h>
#include <ns3/node-container.h>

#include <array>
#include <cstdint>

namespace sagin
{

class DropCollector
{
  public:
    /// Connects to the trace sources of every node's devices, routing protocol and IPv4 stack.
    void Attach(const ns3::NodeContainer& nodes);

    std::uint64_t Count(DropReason reason) const
    {
        return m_counts[static_cast<size_t>(reason)];
    }

    /// Fills the drops of a RunResult.
    void Fill(v1::Drops& out) const;

  private:
    void OnDrop(ns3::Ptr<const ns3::Packet> packet, DropReason reason);
    void OnIpv4Drop(const ns3::Ipv4Header& header,
                    ns3::Ptr<const ns3::Packet> packet,
                    ns3::Ipv4L3Protocol::DropReason reason,
                    ns3::Ptr<ns3::Ipv4> ipv4,
                    uint32_t interface);

    std::array<std::uint64_t, kDropReasonCount> m_counts{};
};

} // namespace sagin

#endif
