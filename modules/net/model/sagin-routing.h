// IPv4 routing from the topology controller's forwarding state. A lookup is O(1): the
// destination address gives the destination's world node (addresses encode it), the node and
// the face the packet arrived on give the routing-graph vertex, and the forwarding table gives
// the next vertex and link. Forwarding changes only when the controller updates. Forwarding
// nodes hold a packet for their processing delay.
#ifndef SAGIN_NET_SAGIN_ROUTING_H
#define SAGIN_NET_SAGIN_ROUTING_H

#include "net/model/network-state.h"

#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv4.h>
#include <ns3/traced-callback.h>

#include <memory>
#include <unordered_map>
#include <vector>

namespace sagin
{

class SaginRouting : public ns3::Ipv4RoutingProtocol
{
  public:
    static ns3::TypeId GetTypeId();
    SaginRouting();

    void Setup(int worldNode, std::shared_ptr<NetworkState> state);
    /// Declares what an interface is: a radio face, an ISL to `peer`, or a fiber to `peer`.
    void SetInterfaceFace(uint32_t interface, Face face, int peer = -1);

    ns3::Ptr<ns3::Ipv4Route> RouteOutput(ns3::Ptr<ns3::Packet> p,
                                         const ns3::Ipv4Header& header,
                                         ns3::Ptr<ns3::NetDevice> oif,
                                         ns3::Socket::SocketErrno& sockerr) override;
    bool RouteInput(ns3::Ptr<const ns3::Packet> p,
                    const ns3::Ipv4Header& header,
                    ns3::Ptr<const ns3::NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, ns3::Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, ns3::Ipv4InterfaceAddress address) override;
    void SetIpv4(ns3::Ptr<ns3::Ipv4> ipv4) override;
    /// The forwarding table of this node at the current simulation time: for each destination
    /// the next hop, the link kind and the path metric from here, as the topology controller
    /// computed it at its last update (ns-3's Ipv4RoutingHelper::PrintRoutingTableAt works).
    void PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream,
                           ns3::Time::Unit unit = ns3::Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    struct Hop
    {
        int nextNode = -1;
        int link = -1;
        uint32_t interface = 0;
    };

    /// Next hop from `vertex` toward `destination` in the current forwarding state.
    bool Lookup(int vertex, int destination, Hop& hop) const;
    ns3::Ptr<ns3::Ipv4Route> MakeRoute(const Hop& hop, ns3::Ipv4Address destination) const;
    /// Access round trip (ns) for a hop onto a service link; `arrivedLink` is the link the
    /// packet came in on (-1 when it starts here).
    std::int64_t AccessRttNs(int vertex, int destination, const Hop& hop, int arrivedLink) const;

    /// Counts a drop and fires the Drop trace source.
    void DropPacket(ns3::Ptr<const ns3::Packet> packet, DropReason reason) const;

    int m_worldNode = -1;
    std::shared_ptr<NetworkState> m_state;
    /// Drop trace source: packets with no forwarding entry (no_route).
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>, DropReason> m_dropTrace;
    ns3::Ptr<ns3::Ipv4> m_ipv4;
    std::vector<int> m_faceOfInterface; ///< -1: loopback or unknown
    uint32_t m_faceInterface[4] = {0, 0, 0, 0};
    std::unordered_map<int, uint32_t> m_islInterface;   ///< peer node -> interface
    std::unordered_map<int, uint32_t> m_fiberInterface; ///< peer node -> interface
};

} // namespace sagin

#endif
