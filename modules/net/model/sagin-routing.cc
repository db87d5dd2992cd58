#include "net/model/sagin-routing.h"
#include <sstream>
#include <cstdio>
#include <ns3/trace-source-accessor.h>

#include "net/model/latency-tag.h"
#include "net/model/next-hop-tag.h"

#include <ns3/ipv4-route.h>
#include <ns3/log.h>
#include <ns3/output-stream-wrapper.h>
#include <ns3/point-to-point-channel.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/simulator.h>

namespace sagin
{

NS_LOG_COMPONENT_DEFINE("SaginRouting");

namespace
{

/// Sets a packet tag, replacing one of the same type.
void
SetTag(ns3::Ptr<ns3::Packet> p, ns3::Tag& tag)
{
    if (!p->ReplacePacketTag(tag))
    {
        p->AddPacketTag(tag);
    }
}

} // namespace
NS_OBJECT_ENSURE_REGISTERED(SaginRouting);

ns3::TypeId
SaginRouting::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::SaginRouting")
                                 .SetParent<ns3::Ipv4RoutingProtocol>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<SaginRouting>()
                                 .AddTraceSource("Drop",
                                                 "A packet dropped for want of a forwarding entry (no_route).",
                                                 ns3::MakeTraceSourceAccessor(&SaginRouting::m_dropTrace),
                                                 "sagin::SaginNetDevice::DropTracedCallback");
    return tid;
}

SaginRouting::SaginRouting() = default;

void
SaginRouting::Setup(int worldNode, std::shared_ptr<NetworkState> state)
{
    m_worldNode = worldNode;
    m_state = std::move(state);
}

void
SaginRouting::SetInterfaceFace(uint32_t interface, Face face, int peer)
{
    if (m_faceOfInterface.size() <= interface)
    {
        m_faceOfInterface.resize(interface + 1, -1);
    }
    m_faceOfInterface[interface] = static_cast<int>(face);
    if (face == Face::Isl)
    {
        m_islInterface[peer] = interface;
    }
    else if (face == Face::Fiber)
    {
        m_fiberInterface[peer] = interface;
    }
    else
    {
        m_faceInterface[static_cast<int>(face)] = interface;
    }
}

void
SaginRouting::DoDispose()
{
    m_ipv4 = nullptr;
    m_state.reset();
    ns3::Ipv4RoutingProtocol::DoDispose();
}

bool
SaginRouting::Lookup(int vertex, int destination, Hop& hop) const
{
    const auto& ctl = m_state->Controller();
    const int d = ctl.Table().DestinationIndex(destination);
    if (d < 0)
    {
        return false;
    }
    const int next = ctl.Table().NextVertex(d, vertex);
    const int link = ctl.Table().NextLink(d, vertex);
    if (next < 0 || link < 0)
    {
        return false;
    }
    hop.nextNode = ctl.Graph().NodeOfVertex(next);
    hop.link = link;
    const auto& l = ctl.Snapshot().links[link];
    const Face face = FaceOf(m_state->GetWorld().Nodes()[m_worldNode].role, l.kind);
    if (face == Face::Isl)
    {
        auto it = m_islInterface.find(hop.nextNode);
        if (it == m_islInterface.end())
        {
            return false;
        }
        hop.interface = it->second;
    }
    else if (face == Face::Fiber)
    {
        auto it = m_fiberInterface.find(hop.nextNode);
        if (it == m_fiberInterface.end())
        {
            return false;
        }
        hop.interface = it->second;
    }
    else
    {
        hop.interface = m_faceInterface[static_cast<int>(face)];
        if (hop.interface == 0)
        {
            return false;
        }
    }
    return true;
}

ns3::Ptr<ns3::Ipv4Route>
SaginRouting::MakeRoute(const Hop& hop, ns3::Ipv4Address destination) const
{
    auto route = ns3::Create<ns3::Ipv4Route>();
    route->SetDestination(destination);
    route->SetSource(m_ipv4->GetAddress(hop.interface, 0).GetLocal());
    route->SetGateway(NetworkState::InterfaceAddress(hop.nextNode, 1));
    route->SetOutputDevice(m_ipv4->GetNetDevice(hop.interface));
    return route;
}

std::int64_t
SaginRouting::AccessRttNs(int vertex, int destination, const Hop& hop, int arrivedLink) const
{
    const auto& ctl = m_state->Controller();
    const auto& links = ctl.Snapshot().links;
    const auto& l = links[hop.link];
    if (!IsServiceLink(l.kind))
    {
        return 0;
    }
    double oneWay = l.delay_s;
    const int relay = l.a; // the serving node
    if (m_state->Policy().IsTransparentRelay(m_state->GetWorld().Nodes()[relay].role))
    {
        // The scheduler sits behind the transparent relay (at the gateway): add its backhaul.
        int backhaul = -1;
        if (relay == m_worldNode)
        {
            backhaul = arrivedLink; // downlink: the packet came over the backhaul
        }
        else
        {
            const int d = ctl.Table().DestinationIndex(destination);
            const int relayVertex = ctl.Graph().InVertex(relay, Face::Down);
            backhaul = d >= 0 ? ctl.Table().NextLink(d, relayVertex) : -1;
        }
        if (backhaul >= 0)
        {
            oneWay += links[backhaul].delay_s;
        }
    }
    (void)vertex;
    return static_cast<std::int64_t>(2.0 * oneWay * 1e9 + 0.5);
}

ns3::Ptr<ns3::Ipv4Route>
SaginRouting::RouteOutput(ns3::Ptr<ns3::Packet> p,
                          const ns3::Ipv4Header& header,
                          ns3::Ptr<ns3::NetDevice>,
                          ns3::Socket::SocketErrno& sockerr)
{
    const ns3::Ipv4Address dst = header.GetDestination();
    const int destination = NetworkState::NodeOfAddress(dst);
    if (destination == m_worldNode)
    {
        auto route = ns3::Create<ns3::Ipv4Route>();
        route->SetDestination(dst);
        route->SetSource(dst);
        route->SetGateway(ns3::Ipv4Address::GetZero());
        route->SetOutputDevice(m_ipv4->GetNetDevice(0));
        sockerr = ns3::Socket::ERROR_NOTERROR;
        return route;
    }
    const int vertex = m_state->Controller().Graph().EndVertex(m_worldNode);
    Hop hop;
    if (destination < 0 || !Lookup(vertex, destination, hop))
    {
        if (p)
        {
            DropPacket(p, DropReason::NoRoute);
        }
        sockerr = ns3::Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    if (p)
    {
        NextHopTag tag;
        tag.node = hop.nextNode;
        tag.link = hop.link;
        tag.generation = m_state->Generation();
        tag.accessRttNs = AccessRttNs(vertex, destination, hop, -1);
        tag.anchor = m_state->Controller().Graph().AccessAnchor(hop.link);
        tag.descended = m_state->Controller().Graph().ArrivesDescended(vertex, hop.link);
        // A packet that starts at the gNB of its first link (a server on that gNB) goes down
        // its access stack first: the same end delay as TopologyController::Walk.
        tag.holdNs = std::llround(m_state->Controller().Graph().EndpointDelay(m_worldNode, hop.link) * 1e9);
        SetTag(p, tag);
        LatencyTag lat;
        if (!p->PeekPacketTag(lat))
        {
            lat.createdNs = ns3::Simulator::Now().GetNanoSeconds();
            lat.accountedNs = lat.createdNs;
            p->AddPacketTag(lat);
        }
    }
    sockerr = ns3::Socket::ERROR_NOTERROR;
    return MakeRoute(hop, dst);
}

bool
SaginRouting::RouteInput(ns3::Ptr<const ns3::Packet> p,
                         const ns3::Ipv4Header& header,
                         ns3::Ptr<const ns3::NetDevice> idev,
                         UnicastForwardCallback ucb,
                         MulticastForwardCallback,
                         LocalDeliverCallback lcb,
                         ErrorCallback ecb)
{
    const ns3::Ipv4Address dst = header.GetDestination();
    const int destination = NetworkState::NodeOfAddress(dst);
    const uint32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    ns3::Ptr<ns3::Packet> packet = ns3::ConstCast<ns3::Packet>(p);

    // A fiber hop (ns-3's point-to-point device) does not write the latency tag: attribute its
    // transmission and propagation to terrestrial and the rest since the last account to queueing.
    LatencyTag lat;
    const bool hasLat = packet->PeekPacketTag(lat);
    if (hasLat && iif < m_faceOfInterface.size() && m_faceOfInterface[iif] == static_cast<int>(Face::Fiber))
    {
        auto dev = ns3::DynamicCast<const ns3::PointToPointNetDevice>(idev);
        const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
        std::int64_t txProp = 0;
        if (dev)
        {
            auto ch = ns3::DynamicCast<ns3::PointToPointChannel>(dev->GetChannel());
            ns3::DataRateValue rate;
            dev->GetAttribute("DataRate", rate);
            txProp = rate.Get().CalculateBytesTxTime(p->GetSize() + 2).GetNanoSeconds();
            if (ch)
            {
                ns3::TimeValue delay;
                ch->GetAttribute("Delay", delay);
                txProp += delay.Get().GetNanoSeconds();
            }
        }
        lat.Attribute(LatencyCategory::Queueing, now - txProp);
        lat.Attribute(LatencyCategory::Terrestrial, now);
        SetTag(packet, lat);
    }

    if (destination == m_worldNode)
    {
        // Arrived over an access link this node is the gNB of: up its access stack before the
        // application gets it (the same end delay as TopologyController::Walk).
        NextHopTag in;
        const double stack = packet->PeekPacketTag(in) && in.anchor == m_worldNode
                                 ? m_state->Controller().Graph().AccessStackDelay(m_worldNode)
                                 : 0.0;
        if (stack > 0.0)
        {
            const ns3::Time delay = ns3::Seconds(stack);
            if (hasLat)
            {
                lat.Attribute(LatencyCategory::Queueing, ns3::Simulator::Now().GetNanoSeconds());
                lat.Attribute(LatencyCategory::Processing, (ns3::Simulator::Now() + delay).GetNanoSeconds());
                SetTag(packet, lat);
            }
            ns3::Simulator::Schedule(delay, [lcb, p, header, iif]() { lcb(p, header, iif); });
        }
        else
        {
            lcb(p, header, iif);
        }
        return true;
    }
    if (destination < 0 || iif >= m_faceOfInterface.size() || m_faceOfInterface[iif] < 0)
    {
        return false;
    }
    const auto& ctl = m_state->Controller();
    int vertex = ctl.Graph().InVertex(m_worldNode, static_cast<Face>(m_faceOfInterface[iif]));
    NextHopTag tag;
    const bool hasTag = packet->PeekPacketTag(tag);
    if (hasTag && tag.descended && ctl.Graph().SecondEndVertex(m_worldNode) >= 0)
    {
        vertex = ctl.Graph().SecondEndVertex(m_worldNode); // came down from a routing satellite
    }
    Hop hop;
    if (!Lookup(vertex, destination, hop))
    {
        DropPacket(p, DropReason::NoRoute);
        ecb(p, header, ns3::Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    int arrived = -1;
    bool anchoredArrival = false; // arrived over an access link this node runs the stack of
    if (hasTag)
    {
        anchoredArrival = tag.anchor == m_worldNode;
        if (tag.generation == m_state->Generation())
        {
            arrived = tag.link;
        }
    }
    tag.node = hop.nextNode;
    tag.link = hop.link;
    tag.generation = m_state->Generation();
    tag.accessRttNs = AccessRttNs(vertex, destination, hop, arrived);
    tag.anchor = ctl.Graph().AccessAnchor(hop.link);
    tag.descended = ctl.Graph().ArrivesDescended(vertex, hop.link);
    SetTag(packet, tag);

    // Forwarding delay, plus the access stack for each access link this node anchors (the one
    // the packet arrived on, the one it leaves on): the same sum as TopologyController::Path.
    const auto& graph = ctl.Graph();
    const double processing = graph.ProcessingDelay(m_worldNode) +
                              (anchoredArrival ? graph.AccessStackDelay(m_worldNode) : 0.0) +
                              (tag.anchor == m_worldNode ? graph.AccessStackDelay(m_worldNode) : 0.0);
    auto route = MakeRoute(hop, dst);
    if (processing > 0.0)
    {
        const ns3::Time delay = ns3::Seconds(processing);
        if (hasLat || packet->PeekPacketTag(lat))
        {
            lat.Attribute(LatencyCategory::Queueing, ns3::Simulator::Now().GetNanoSeconds());
            lat.Attribute(LatencyCategory::Processing, (ns3::Simulator::Now() + delay).GetNanoSeconds());
            SetTag(packet, lat);
        }
        ns3::Simulator::Schedule(delay, [ucb, route, p, header]() { ucb(route, p, header); });
    }
    else
    {
        ucb(route, p, header);
    }
    return true;
}

void
SaginRouting::NotifyInterfaceUp(uint32_t)
{
}

void
SaginRouting::NotifyInterfaceDown(uint32_t)
{
}

void
SaginRouting::NotifyAddAddress(uint32_t, ns3::Ipv4InterfaceAddress)
{
}

void
SaginRouting::NotifyRemoveAddress(uint32_t, ns3::Ipv4InterfaceAddress)
{
}

void
SaginRouting::SetIpv4(ns3::Ptr<ns3::Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
SaginRouting::DropPacket(ns3::Ptr<const ns3::Packet> packet, DropReason reason) const
{
    m_dropTrace(packet, reason);
}

void
SaginRouting::PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream, ns3::Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    os << "SaginRouting";
    if (!m_state)
    {
        os << ": not set up\n";
        return;
    }
    const auto& nodes = m_state->GetWorld().Nodes();
    const auto& ctl = m_state->Controller();
    os << " of " << nodes[m_worldNode].name << ", time " << ns3::Simulator::Now().As(unit)
       << ", forwarding generation " << m_state->Generation() << " (the topology controller's last update)\n";
    os << "Destination           Address          Next hop              Link          Interface  Metric\n";
    const int vertex = ctl.Graph().EndVertex(m_worldNode);
    for (int destination : ctl.Table().Destinations())
    {
        if (destination == m_worldNode)
        {
            continue;
        }
        char line[256];
        Hop hop;
        std::ostringstream address;
        address << NetworkState::InterfaceAddress(destination, 1);
        if (!Lookup(vertex, destination, hop))
        {
            std::snprintf(line, sizeof line, "%-21s %-16s %s\n", nodes[destination].name.c_str(),
                          address.str().c_str(), "(no route)");
            os << line;
            continue;
        }
        const auto& link = ctl.Snapshot().links[hop.link];
        const int d = ctl.Table().DestinationIndex(destination);
        std::snprintf(line, sizeof line, "%-21s %-16s %-21s %-13s %9u  %g\n", nodes[destination].name.c_str(),
                      address.str().c_str(), nodes[hop.nextNode].name.c_str(), LinkKindName(link.kind),
                      hop.interface, ctl.Table().Metric(d, vertex));
        os << line;
    }
}

} // namespace sagin
