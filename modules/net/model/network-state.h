// What every device and router of one simulated network shares: the topology controller (the
// current snapshot and forwarding state), the generation counter that tells stale routing
// decisions apart, node addressing, access-protocol timing and the drop counters.
#ifndef SAGIN_NET_NETWORK_STATE_H
#define SAGIN_NET_NETWORK_STATE_H

#include "net/model/beam-queue.h"
#include "net/model/random-access.h"
#include "routing/model/beam-field.h"
#include "routing/model/topology-controller.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <ns3/ipv4-address.h>
#include <ns3/mobility-model.h>
#include <ns3/node.h>
#include <ns3/random-variable-stream.h>
#include <string>
#include <unordered_map>
#include <vector>

namespace sagin
{

enum class DropReason : std::uint8_t
{
    QueueFull,   ///< a device queue overflowed
    LinkDown,    ///< the link chosen is not available any more (changed topology)
    NoRoute,     ///< no forwarding entry toward the destination
    NoNextHop,   ///< a multipoint device got a packet without a next hop
    HarqFailure, ///< every HARQ transmission failed
    TtlExpired,
    Handover,      ///< reached a terminal's access link during its handover interruption
    FailedElement, ///< sent over, or arrived at, a failed element the routing has not noticed yet
    RachFailure,   ///< waited for a terminal's random access that failed (access.initial_access)
};

constexpr int kDropReasonCount = 9;
const char* DropReasonName(DropReason r);

class NetworkState
{
  public:
    NetworkState(const World& world, const StandardPolicy& policy, std::vector<int> destinations);

    /// Recomputes the topology for the current simulation time and bumps the generation.
    void Update(double t);

    const World& GetWorld() const
    {
        return m_world;
    }

    const StandardPolicy& Policy() const
    {
        return m_policy;
    }

    const TopologyController& Controller() const
    {
        return m_controller;
    }

    std::uint32_t Generation() const
    {
        return m_generation;
    }

    /// Until when (ns of simulation time) a terminal's access link carries nothing because of a
    /// handover procedure (access.handover); 0 when never.
    std::int64_t AccessInterruptedUntilNs(int terminal) const
    {
        auto it = m_interruptedUntil.find(terminal);
        return it == m_interruptedUntil.end() ? 0 : it->second;
    }

    /// Every handover procedure timed so far (TopologyController::Handovers of each update).
    const std::vector<HandoverEvent>& HandoverHistory() const
    {
        return m_handoverHistory;
    }

    /// Gateway changes of transparent satellites so far (TopologyController::FeederChanges of
    /// each update), and those of them a SOFT switch did not foresee.
    std::uint64_t FeederSwitches() const
    {
        return m_feederSwitches;
    }

    std::uint64_t UnplannedFeederSwitches() const
    {
        return m_unplannedFeederSwitches;
    }

    /// The terminals' initial access (access.initial_access; used when its kind is not NONE).
    RandomAccess& InitialAccess()
    {
        return m_randomAccess;
    }

    const RandomAccess& InitialAccess() const
    {
        return m_randomAccess;
    }

    /// The satellites' spot beams placed at the current snapshot (placed on first use after each
    /// update); null when no shell of the standard has beams.
    const BeamField* BeamsNow();

    /// A satellite device's return beam scheduler, whose beams' activity weighs their terminals'
    /// uplink interference (BeamField::SetReturnActivity).
    void RegisterReturnBeams(int node, ns3::Ptr<BeamQueue> queue);
    /// The forward beams' queue of satellite (or platform) `node`, whose activity weights its
    /// beams' interference when its shared_capacity says so (BeamField::SetForwardActivity).
    void RegisterForwardBeams(int node, ns3::Ptr<BeamQueue> queue);

    /// Index of the current snapshot's link between two nodes, or -1.
    int LinkBetween(int a, int b) const;

    /// Addresses: node n's interface i is 1.0.0.0 + n * 256 + i (i = 1..255).
    static ns3::Ipv4Address InterfaceAddress(int node, int interface);
    /// World node of an address, or -1.
    static int NodeOfAddress(ns3::Ipv4Address address);

    void SetNsNode(int node, ns3::Ptr<ns3::Node> ns);
    ns3::Ptr<ns3::Node> NsNode(int node) const;
    ns3::Ptr<ns3::MobilityModel> Mobility(int node) const;

    /// Uniform [0, 1) draws for access timing (HARQ); a seeded ns-3 stream.
    double Uniform();
    /// Assigns the random stream (returns the number of streams used).
    int64_t AssignStreams(int64_t stream);

  private:
    const World& m_world;
    const StandardPolicy& m_policy;
    TopologyController m_controller;
    std::uint32_t m_generation = 0;
    std::unordered_map<std::uint64_t, int> m_linkByPair;
    std::unordered_map<int, std::int64_t> m_interruptedUntil;
    std::vector<HandoverEvent> m_handoverHistory;
    std::uint64_t m_feederSwitches = 0;
    std::uint64_t m_unplannedFeederSwitches = 0;
    std::vector<ns3::Ptr<ns3::Node>> m_nsNodes;
    std::vector<ns3::Ptr<ns3::MobilityModel>> m_mobility;
    ns3::Ptr<ns3::UniformRandomVariable> m_uniform;
    RandomAccess m_randomAccess;
    std::unique_ptr<BeamField> m_beamField;
    std::map<int, ns3::Ptr<BeamQueue>> m_returnBeams;
    std::map<int, ns3::Ptr<BeamQueue>> m_forwardBeams;
    std::uint32_t m_beamFieldGeneration = ~std::uint32_t{0};
};

} // namespace sagin

#endif
