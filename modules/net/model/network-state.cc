#include "net/model/network-state.h"

#include <algorithm>
#include <cmath>
#include <ns3/simulator.h>

namespace sagin
{

const char*
DropReasonName(DropReason r)
{
    switch (r)
    {
    case DropReason::QueueFull:
        return "queue_full";
    case DropReason::LinkDown:
        return "link_down";
    case DropReason::NoRoute:
        return "no_route";
    case DropReason::NoNextHop:
        return "no_next_hop";
    case DropReason::HarqFailure:
        return "harq_failure";
    case DropReason::TtlExpired:
        return "ttl_expired";
    case DropReason::Handover:
        return "handover";
    case DropReason::FailedElement:
        return "failed_element";
    case DropReason::RachFailure:
        return "rach_failure";
    }
    return "unknown";
}

const BeamField*
NetworkState::BeamsNow()
{
    if (m_policy.beamGroups == 0)
    {
        return nullptr;
    }
    if (!m_beamField)
    {
        m_beamField = std::make_unique<BeamField>(m_world, m_policy);
        m_beamField->SetReturnActivity(
            [this](int node)
            {
                auto it = m_returnBeams.find(node);
                return it == m_returnBeams.end() ? std::vector<double>{}
                                                 : it->second->TakeActivities();
            });
        m_beamField->SetForwardActivity(
            [this](int node)
            {
                auto it = m_forwardBeams.find(node);
                return it == m_forwardBeams.end() ? std::vector<double>{}
                                                  : it->second->TakeActivities();
            });
    }
    if (m_beamFieldGeneration != m_generation)
    {
        m_beamField->Place(m_controller.Snapshot());
        m_beamFieldGeneration = m_generation;
    }
    return m_beamField.get();
}

void
NetworkState::RegisterReturnBeams(int node, ns3::Ptr<BeamQueue> queue)
{
    m_returnBeams[node] = queue;
}

void
NetworkState::RegisterForwardBeams(int node, ns3::Ptr<BeamQueue> queue)
{
    m_forwardBeams[node] = queue;
}

static std::uint64_t
PairKey(int a, int b)
{
    auto lo = static_cast<std::uint64_t>(std::min(a, b));
    auto hi = static_cast<std::uint64_t>(std::max(a, b));
    return (lo << 32) | hi;
}

NetworkState::NetworkState(const World& world,
                           const StandardPolicy& policy,
                           std::vector<int> destinations)
    : m_world(world)
    , m_policy(policy)
    , m_controller(world, policy, std::move(destinations))
    , m_nsNodes(world.Nodes().size())
    , m_mobility(world.Nodes().size())
    , m_uniform(ns3::CreateObject<ns3::UniformRandomVariable>())
    , m_randomAccess(policy.initialAccess,
                     [this]()
                     {
                         return Uniform();
                     })
{
}

void
NetworkState::Update(double t)
{
    m_controller.Update(t);
    ++m_generation;
    m_linkByPair.clear();
    const auto& links = m_controller.Snapshot().links;
    m_linkByPair.reserve(links.size() * 2);
    for (size_t i = 0; i < links.size(); ++i)
    {
        m_linkByPair.emplace(PairKey(links[i].a, links[i].b), static_cast<int>(i));
    }
    // Handover procedures: each terminal that changed serving node is cut off from now until
    // its procedure ends.
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    for (const HandoverEvent& e : m_controller.Handovers())
    {
        m_interruptedUntil[e.terminal] = now + std::llround(e.interruption_s * 1e9);
        m_handoverHistory.push_back(e);
    }
    for (const FeederChange& c : m_controller.FeederChanges())
    {
        ++m_feederSwitches;
        m_unplannedFeederSwitches
            += m_policy.feederSwitch == v1::HandoverProcedure::FeederSwitch::SOFT && !c.soft;
    }
}

int
NetworkState::LinkBetween(int a, int b) const
{
    auto it = m_linkByPair.find(PairKey(a, b));
    return it == m_linkByPair.end() ? -1 : it->second;
}

ns3::Ipv4Address
NetworkState::InterfaceAddress(int node, int interface)
{
    return ns3::Ipv4Address(0x01000000u + static_cast<uint32_t>(node) * 256u
                            + static_cast<uint32_t>(interface));
}

int
NetworkState::NodeOfAddress(ns3::Ipv4Address address)
{
    uint32_t a = address.Get();
    if (a < 0x01000000u || a >= 0x7f000000u)
    {
        return -1;
    }
    return static_cast<int>((a - 0x01000000u) >> 8);
}

void
NetworkState::SetNsNode(int node, ns3::Ptr<ns3::Node> ns)
{
    m_nsNodes[node] = ns;
    m_mobility[node] = ns->GetObject<ns3::MobilityModel>();
}

ns3::Ptr<ns3::Node>
NetworkState::NsNode(int node) const
{
    return m_nsNodes[node];
}

ns3::Ptr<ns3::MobilityModel>
NetworkState::Mobility(int node) const
{
    return m_mobility[node];
}

double
NetworkState::Uniform()
{
    return m_uniform->GetValue();
}

int64_t
NetworkState::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    return 1;
}

} // namespace sagin
