#include "net/model/sagin-net-device.h"

#include "core/model/constants.h"
#include "net/model/latency-tag.h"
#include "net/model/next-hop-tag.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <ns3/drop-tail-queue.h>
#include <ns3/ipv4-l3-protocol.h>
#include <ns3/log.h>
#include <ns3/pointer.h>
#include <ns3/simulator.h>
#include <ns3/trace-source-accessor.h>
#include <ns3/uinteger.h>
#include <tuple>

namespace sagin
{

NS_LOG_COMPONENT_DEFINE("SaginNetDevice");
NS_OBJECT_ENSURE_REGISTERED(SaginNetDevice);

ns3::TypeId
SaginNetDevice::GetTypeId()
{
    static ns3::TypeId tid
        = ns3::TypeId("sagin::SaginNetDevice")
              .SetParent<ns3::NetDevice>()
              .SetGroupName("Sagin")
              .AddConstructor<SaginNetDevice>()
              .AddAttribute("Queue",
                            "The transmit queue (drop-tail).",
                            ns3::PointerValue(),
                            ns3::MakePointerAccessor(&SaginNetDevice::m_queue),
                            ns3::MakePointerChecker<ns3::Queue<ns3::Packet>>())
              .AddTraceSource("MacTx",
                              "A packet from IP accepted for transmission (enqueued).",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_macTxTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("MacTxDrop",
                              "A packet from IP refused because the queue is full (also a Drop).",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_macTxDropTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("MacRx",
                              "A packet received and passed up to IP.",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_macRxTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PhyTxBegin",
                              "A packet starts its transmission on the link to the next hop.",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_phyTxBeginTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("LinkTxBegin",
                              "As PhyTxBegin, with the kind of the link (sagin::LinkKind as int).",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_linkTxBeginTrace),
                              "sagin::SaginNetDevice::LinkTxTracedCallback")
              .AddTraceSource("PhyRxEnd",
                              "A packet has arrived over the link.",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_phyRxEndTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("Sniffer",
                              "Every packet sent or received (IPv4, no link header): pcap.",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_snifferTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PromiscSniffer",
                              "Every packet sent or received (IPv4, no link header): pcap.",
                              ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_promiscSnifferTrace),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource(
                  "Drop",
                  "A packet dropped by the network, with the reason (queue_full, link_down, "
                  "no_next_hop, harq_failure, handover, failed_element).",
                  ns3::MakeTraceSourceAccessor(&SaginNetDevice::m_dropTrace),
                  "sagin::SaginNetDevice::DropTracedCallback");
    return tid;
}

SaginNetDevice::SaginNetDevice() = default;
SaginNetDevice::~SaginNetDevice() = default;

void
SaginNetDevice::Setup(int worldNode, Face face, std::shared_ptr<NetworkState> state)
{
    m_worldNode = worldNode;
    m_face = face;
    m_state = std::move(state);
    if (!m_queue)
    {
        m_queue = ns3::CreateObject<ns3::DropTailQueue<ns3::Packet>>();
    }
    m_address = ns3::Mac48Address::Allocate();
}

void
SaginNetDevice::SetChannel(ns3::Ptr<SaginChannel> channel)
{
    m_channel = channel;
}

void
SaginNetDevice::DoDispose()
{
    m_channel = nullptr;
    m_node = nullptr;
    m_queue = nullptr;
    for (ns3::Ptr<BeamQueue>* q : {&m_beamQueue, &m_returnQueue})
    {
        if (*q)
        {
            (*q)->Dispose();
            *q = nullptr;
        }
    }
    m_harqWaiting.clear();
    m_harqReady.clear();
    m_state.reset();
    m_rxCallback.Nullify();
    m_promiscCallback.Nullify();
    ns3::NetDevice::DoDispose();
}

bool
SaginNetDevice::Send(ns3::Ptr<ns3::Packet> packet, const ns3::Address&, uint16_t protocolNumber)
{
    if (protocolNumber != ns3::Ipv4L3Protocol::PROT_NUMBER)
    {
        return false;
    }
    // Drop-tail per link kind: the limit of the kind of the link to the next hop (queue_packets);
    // a packet without a current link waits under the default limit (it is re-resolved or
    // dropped as link_down when its turn comes).
    NextHopTag hop;
    const int linkIndex = NextHop(packet, hop).second;
    if (hop.holdNs > 0)
    {
        // The origin is the gNB of the first link: its access stack runs before the packet
        // reaches this device's queue (SaginRouting::RouteOutput set the hold).
        const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
        packet->RemovePacketTag(hop);
        const ns3::Time hold = ns3::NanoSeconds(hop.holdNs);
        hop.holdNs = 0;
        packet->AddPacketTag(hop);
        LatencyTag lat;
        if (packet->RemovePacketTag(lat))
        {
            lat.Attribute(LatencyCategory::Queueing, now);
            lat.Attribute(LatencyCategory::Processing, now + hold.GetNanoSeconds());
            packet->AddPacketTag(lat);
        }
        ns3::Simulator::Schedule(hold,
                                 [this, packet, protocolNumber]()
                                 {
                                     Send(packet, ns3::Address(), protocolNumber);
                                 });
        return true;
    }
    int bucket = kLinkKindCount;
    std::uint32_t limit = kDefaultQueuePackets;
    if (linkIndex >= 0)
    {
        const SnapshotLink& link = m_state->Controller().Snapshot().links[linkIndex];
        if (m_beamQueue && IsServiceLink(link.kind) && link.a == m_worldNode)
        {
            return SendShared(packet, link, link.b, false, 0);
        }
        if (IsServiceLink(link.kind) && link.b == m_worldNode)
        {
            // The terminal's return packet waits at its serving satellite's (or HAPS's) return
            // beam scheduler, if that node shares its return capacity.
            const auto& nodes = m_state->GetWorld().Nodes();
            ns3::Ptr<SaginNetDevice> sat
                = m_channel->Peer(this, link.a, FaceOf(nodes[link.a].role, link.kind));
            if (sat && sat->GetReturnBeamQueue())
            {
                return sat->SendShared(packet, link, m_worldNode, true, hop.accessRttNs);
            }
        }
        bucket = static_cast<int>(link.kind);
        limit = link.queuePackets;
    }
    if (m_queued[bucket] >= limit || !m_queue->Enqueue(packet))
    {
        m_macTxDropTrace(packet);
        DropPacket(packet, DropReason::QueueFull);
        return false;
    }
    ++m_queued[bucket];
    m_queuedBucket.push_back(static_cast<std::uint8_t>(bucket));
    m_macTxTrace(packet);
    if (!m_busy)
    {
        StartTransmission();
    }
    return true;
}

SaginNetDevice::AccessOutcome
SaginNetDevice::AccessTiming(const SnapshotLink& link,
                             bool uplink,
                             std::int64_t accessRttNs,
                             std::int64_t earliestNs,
                             ns3::Time& extra)
{
    const StandardPolicy& p = m_state->Policy();
    const std::int64_t now = ns3::Simulator::Now().GetNanoSeconds();
    std::int64_t start = std::max(now, earliestNs); // after a handover interruption
    if (uplink && p.grantBasedUplink)
    {
        start += accessRttNs; // scheduling request and grant: one access round trip
    }
    const std::int64_t slot = static_cast<std::int64_t>(std::llround(p.slot_s * 1e9));
    auto align = [slot](std::int64_t t)
    {
        return slot > 0 ? ((t + slot - 1) / slot) * slot : t;
    };
    start = align(start);
    const std::int64_t harqRtt = p.harqRtt_s > 0.0
                                     ? static_cast<std::int64_t>(std::llround(p.harqRtt_s * 1e9))
                                     : accessRttNs;
    // Bounded HARQ processes (with feedback): the block needs a process free at its first
    // transmission; else the transmitter waits for the earliest feedback.
    std::vector<std::int64_t>* busy = nullptr;
    if (p.harqProcesses > 0 && !p.harqFeedbackDisabled)
    {
        busy = &m_harqBusyUntil[link.b];
        if (busy->size() >= p.harqProcesses)
        {
            const std::int64_t freeAt = busy->front();
            if (freeAt > start)
            {
                extra = ns3::NanoSeconds(freeAt - start);
                return AccessOutcome::Wait;
            }
            std::pop_heap(busy->begin(), busy->end(), std::greater<>());
            busy->pop_back();
        }
    }
    bool lost = false;
    if (p.harqBler > 0.0)
    {
        // Without feedback a block error is not retransmitted.
        const unsigned maxRetransmissions = p.harqFeedbackDisabled ? 0u : p.harqMaxRetransmissions;
        unsigned attempt = 0;
        while (m_state->Uniform() < p.harqBler)
        {
            if (attempt == maxRetransmissions)
            {
                lost = true;
                break;
            }
            ++attempt;
            start = align(start + harqRtt);
        }
    }
    if (busy)
    {
        // The process is busy until the feedback of the block's last transmission.
        busy->push_back(start + harqRtt);
        std::push_heap(busy->begin(), busy->end(), std::greater<>());
    }
    extra = ns3::NanoSeconds(start - now);
    return lost ? AccessOutcome::Lost : AccessOutcome::Send;
}

std::pair<int, int>
SaginNetDevice::NextHop(ns3::Ptr<const ns3::Packet> p, NextHopTag& hop) const
{
    const bool hasHop = p->PeekPacketTag(hop);
    int peerNode = -1;
    if (m_channel->IsPointToPoint())
    {
        auto other = m_channel->Peer(this, -1, m_face);
        peerNode = other ? other->WorldNode() : -1;
    }
    else if (hasHop)
    {
        peerNode = hop.node;
    }
    if (peerNode < 0)
    {
        return {-1, -1};
    }
    int linkIndex = (hasHop && hop.generation == m_state->Generation() && hop.node == peerNode)
                        ? hop.link
                        : -1;
    if (linkIndex < 0)
    {
        linkIndex = m_state->LinkBetween(m_worldNode, peerNode);
    }
    return {peerNode, linkIndex};
}

void
SaginNetDevice::StartTransmission()
{
    const auto& snapshot = m_state->Controller().Snapshot();
    const auto& nodes = m_state->GetWorld().Nodes();
    while (true)
    {
        // First the terminals whose HARQ feedback arrived (their oldest waiting packet), then
        // the queue.
        ns3::Ptr<ns3::Packet> p;
        std::uint8_t bucket = 0;
        int waitedFor = -1; // the packet comes from this terminal's HARQ wait
        if (!m_harqReady.empty())
        {
            waitedFor = m_harqReady.front();
            m_harqReady.pop_front();
            auto& waiting = m_harqWaiting[waitedFor].packets;
            if (waiting.empty())
            {
                continue;
            }
            std::tie(p, bucket) = waiting.front();
            waiting.pop_front();
            if (!waiting.empty())
            {
                m_harqReady.push_back(waitedFor); // its next packet may have a process too
            }
        }
        else if (!m_queue->IsEmpty())
        {
            p = m_queue->Dequeue();
            bucket = m_queuedBucket.front();
            m_queuedBucket.pop_front();
        }
        else
        {
            break;
        }
        --m_queued[bucket];
        NextHopTag hop;
        const auto [peerNode, linkIndex] = NextHop(p, hop);
        if (peerNode < 0)
        {
            DropPacket(p, DropReason::NoNextHop);
            continue;
        }
        if (linkIndex < 0)
        {
            DropPacket(p, DropReason::LinkDown);
            continue;
        }
        const SnapshotLink& link = snapshot.links[linkIndex];
        if (LostToFailure(peerNode, link))
        {
            DropPacket(p, DropReason::FailedElement);
            continue;
        }
        const bool forward = link.a == m_worldNode;
        const double rate = forward ? link.forwardRate_bps : link.reverseRate_bps;
        if (!(rate > 0.0))
        {
            DropPacket(p, DropReason::LinkDown);
            continue;
        }
        const Face peerFace = FaceOf(nodes[peerNode].role, link.kind);
        ns3::Ptr<SaginNetDevice> peer = m_channel->Peer(this, peerNode, peerFace);
        if (!peer)
        {
            DropPacket(p, DropReason::LinkDown);
            continue;
        }
        ns3::Time extra = ns3::Seconds(0);
        if (IsServiceLink(link.kind))
        {
            const bool uplink = link.b == m_worldNode; // the terminal transmits
            // A handover procedure in progress (link.b is the terminal): the packet is lost, or
            // with data forwarding waits for the end of the interruption.
            std::int64_t earliest = m_state->AccessInterruptedUntilNs(link.b);
            if (earliest > ns3::Simulator::Now().GetNanoSeconds()
                && !m_state->Policy().handoverDataForwarding)
            {
                DropPacket(p, DropReason::Handover);
                continue;
            }
            // An idle terminal's packet waits for its random access (access.initial_access).
            if (m_state->Policy().initialAccess.kind != v1::InitialAccess::NONE)
            {
                const std::int64_t ready = m_state->InitialAccess().ReadyNs(
                    link.b, link.a, hop.accessRttNs / 2, ns3::Simulator::Now().GetNanoSeconds());
                if (ready < 0)
                {
                    DropPacket(p, DropReason::RachFailure);
                    continue;
                }
                earliest = std::max(earliest, ready);
            }
            const StandardPolicy& policy = m_state->Policy();
            HarqWaiting* harq = policy.harqProcesses > 0 && !policy.harqFeedbackDisabled
                                    ? &m_harqWaiting[link.b]
                                    : nullptr;
            if (harq && waitedFor < 0 && !harq->packets.empty())
            {
                // Behind the terminal's packets that wait for a HARQ process, in order.
                harq->packets.emplace_back(p, bucket);
                ++m_queued[bucket];
                continue;
            }
            const AccessOutcome outcome
                = AccessTiming(link, uplink, hop.accessRttNs, earliest, extra);
            if (outcome == AccessOutcome::Lost)
            {
                DropPacket(p, DropReason::HarqFailure);
                continue;
            }
            if (outcome == AccessOutcome::Wait)
            {
                // Every HARQ process of the terminal is busy: the packet waits (still counted in
                // its queue limit; the wait counts as queueing) for the terminal's earliest
                // feedback, then it is resolved again; the transmitter goes on with the others.
                if (waitedFor >= 0)
                {
                    harq->packets.emplace_front(p, bucket);
                    // Still no process: nothing of this terminal goes until its feedback.
                    m_harqReady.erase(std::remove(m_harqReady.begin(), m_harqReady.end(), link.b),
                                      m_harqReady.end());
                }
                else
                {
                    harq->packets.emplace_back(p, bucket);
                }
                ++m_queued[bucket];
                if (!harq->wakePending)
                {
                    harq->wakePending = true;
                    ns3::Simulator::Schedule(extra, &SaginNetDevice::HarqFeedback, this, link.b);
                }
                continue;
            }
        }
        const ns3::Time start = ns3::Simulator::Now() + extra;
        const ns3::Time tx = ns3::Seconds(p->GetSize() * 8.0 / rate);
        // Propagation: distance between the two ends at the start of the transmission / c.
        const double ts = start.GetSeconds();
        const double distance = Distance(nodes[m_worldNode].trajectory->PositionAt(ts),
                                         nodes[peerNode].trajectory->PositionAt(ts));
        const ns3::Time prop = ns3::Seconds(distance / kSpeedOfLight);

        LatencyTag lat;
        if (p->RemovePacketTag(lat))
        {
            lat.Attribute(LatencyCategory::Queueing, ns3::Simulator::Now().GetNanoSeconds());
            lat.Attribute(LatencyCategory::Access, start.GetNanoSeconds());
            lat.Attribute(CategoryOf(link.kind), (start + tx + prop).GetNanoSeconds());
            p->AddPacketTag(lat);
        }
        // Access-protocol waits (slot alignment, grant, HARQ rounds) delay this packet but do not
        // hold the transmitter: the next packet may be sent meanwhile (its own waits apply).
        m_busy = true;
        m_phyTxBeginTrace(p);
        m_linkTxBeginTrace(p, static_cast<int>(link.kind));
        m_snifferTrace(p);
        m_promiscSnifferTrace(p);
        ns3::Simulator::Schedule(tx, &SaginNetDevice::TransmitComplete, this);
        m_channel->Deliver(peer, p, extra + tx + prop);
        return;
    }
    m_busy = false;
}

bool
SaginNetDevice::LostToFailure(int peerNode, const SnapshotLink& link) const
{
    const auto& snapshot = m_state->Controller().Snapshot();
    const double now = ns3::Simulator::Now().GetSeconds();
    return m_state->Controller().Builder().FailedUnnoticed(
               peerNode, link.kind == LinkKind::Isl ? m_worldNode : -1, now, snapshot.time_s)
           || m_state->Controller().Builder().FailedUnnoticed(
               m_worldNode, -1, now, snapshot.time_s);
}

void
SaginNetDevice::SetSharedBeams(const ShellBeams* beams)
{
    m_sharedBeams = beams;
    m_beamQueue = nullptr;
    m_returnQueue = nullptr;
    if (beams == nullptr)
    {
        return;
    }
    if (beams->shared)
    {
        m_beamQueue = ns3::CreateObject<BeamQueue>();
        m_beamQueue->Configure(*beams->shared,
                               static_cast<int>(beams->payload->NumBeams()),
                               beams->sharedQueuePackets);
        m_beamQueue->SetDoneCallback(
            [this](ns3::Ptr<ns3::Packet> p, int terminal, ns3::Time firstBit, ns3::Time done)
            {
                SharedDone(p, terminal, firstBit, done, false);
            });
        if (beams->forwardActivityWeighted)
        {
            m_state->RegisterForwardBeams(m_worldNode, m_beamQueue);
        }
    }
    if (beams->returnShared)
    {
        m_returnQueue = ns3::CreateObject<BeamQueue>();
        m_returnQueue->Configure(*beams->returnShared,
                                 static_cast<int>(beams->payload->NumBeams()),
                                 beams->returnQueuePackets);
        m_returnQueue->SetDoneCallback(
            [this](ns3::Ptr<ns3::Packet> p, int terminal, ns3::Time firstBit, ns3::Time done)
            {
                SharedDone(p, terminal, firstBit, done, true);
            });
        m_state->RegisterReturnBeams(m_worldNode, m_returnQueue);
    }
}

void
SaginNetDevice::FireTransmitTraces(ns3::Ptr<const ns3::Packet> p, LinkKind kind)
{
    m_phyTxBeginTrace(p);
    m_linkTxBeginTrace(p, static_cast<int>(kind));
    m_snifferTrace(p);
    m_promiscSnifferTrace(p);
}

bool
SaginNetDevice::SendShared(ns3::Ptr<ns3::Packet> packet,
                           const SnapshotLink& link,
                           int terminal,
                           bool returnLink,
                           std::int64_t accessRttNs)
{
    const std::int64_t nowNs = ns3::Simulator::Now().GetNanoSeconds();
    // A handover procedure in progress: lost, or with data forwarding queued at the beam (it is
    // served when the scheduler reaches it; the interruption does not hold it further).
    if (m_state->AccessInterruptedUntilNs(terminal) > nowNs
        && !m_state->Policy().handoverDataForwarding)
    {
        DropPacket(packet, DropReason::Handover);
        return false;
    }
    if (LostToFailure(terminal, link))
    {
        DropPacket(packet, DropReason::FailedElement);
        return false;
    }
    if (returnLink && m_state->Policy().grantBasedUplink && accessRttNs > 0)
    {
        // Scheduling request and grant: one access round trip before the data may be scheduled.
        ns3::Simulator::Schedule(ns3::NanoSeconds(accessRttNs),
                                 [this, packet, terminal]()
                                 {
                                     LatencyTag lat;
                                     if (packet->RemovePacketTag(lat))
                                     {
                                         lat.Attribute(LatencyCategory::Access,
                                                       ns3::Simulator::Now().GetNanoSeconds());
                                         packet->AddPacketTag(lat);
                                     }
                                     EnqueueAtBeam(packet, terminal, true);
                                 });
        return true;
    }
    return EnqueueAtBeam(packet, terminal, returnLink);
}

bool
SaginNetDevice::EnqueueAtBeam(ns3::Ptr<ns3::Packet> packet, int terminal, bool returnLink)
{
    // The serving beam: the one whose pattern gives the terminal the strongest signal, and its
    // SINR (BeamField: the downlink against the co-channel beams of every satellite, or the
    // uplink against the other beams' terminals), once per topology generation, at the
    // snapshot's positions.
    ns3::Ptr<BeamQueue> queue = returnLink ? m_returnQueue : m_beamQueue;
    auto& cache = returnLink ? m_servingReturnBeam : m_servingBeam;
    const std::uint32_t generation = m_state->Generation();
    auto it = cache.find(terminal);
    if (it == cache.end() || it->second.generation != generation)
    {
        const Vec3& position = m_state->Controller().Snapshot().positions[terminal];
        const BeamField* field = m_state->BeamsNow();
        const BeamSinr sinr = returnLink ? field->UplinkSinr(m_worldNode, position)
                                         : field->Sinr(m_worldNode, position);
        const ModulationTable& table
            = returnLink ? *m_sharedBeams->returnModulation : *m_sharedBeams->modulation;
        const double eff = sinr.servingBeam >= 0 ? table.Efficiency(sinr.sinrDb) : 0.0;
        if (sinr.servingBeam >= 0)
        {
            queue->NoteServingBeam(terminal, sinr);
        }
        it = cache.insert_or_assign(terminal, ServingBeam{generation, sinr.servingBeam, eff}).first;
    }
    if (it->second.beam < 0 || !(it->second.efficiency > 0.0))
    {
        DropPacket(packet, DropReason::LinkDown); // below the horizon or under every MODCOD
        return false;
    }
    if (!queue->Enqueue(packet, terminal, it->second.beam, it->second.efficiency))
    {
        if (!returnLink)
        {
            m_macTxDropTrace(packet);
        }
        DropPacket(packet, DropReason::QueueFull);
        return false;
    }
    if (!returnLink)
    {
        m_macTxTrace(packet);
    }
    return true;
}

void
SaginNetDevice::SharedDone(
    ns3::Ptr<ns3::Packet> p, int terminal, ns3::Time firstBit, ns3::Time done, bool returnLink)
{
    // The link may have gone while the packet waited (the terminal moved to another node).
    const int linkIndex = m_state->LinkBetween(m_worldNode, terminal);
    const auto& nodes = m_state->GetWorld().Nodes();
    const LinkKind kind = ServiceKindOf(nodes[m_worldNode].role); // service_space or service_air
    ns3::Ptr<SaginNetDevice> ut
        = linkIndex < 0 ? nullptr
                        : m_channel->Peer(this, terminal, FaceOf(nodes[terminal].role, kind));
    if (!ut)
    {
        DropPacket(p, DropReason::LinkDown);
        return;
    }
    // Propagation: distance at the start of the slot carrying the last bit (now) / c.
    const double ts = ns3::Simulator::Now().GetSeconds();
    const double distance = Distance(nodes[m_worldNode].trajectory->PositionAt(ts),
                                     nodes[terminal].trajectory->PositionAt(ts));
    const ns3::Time prop = ns3::Seconds(distance / kSpeedOfLight);
    LatencyTag lat;
    if (p->RemovePacketTag(lat))
    {
        lat.Attribute(LatencyCategory::Queueing, firstBit.GetNanoSeconds());
        lat.Attribute(LatencyCategory::Access, (done + prop).GetNanoSeconds());
        p->AddPacketTag(lat);
    }
    // The transmitter fires its traces; the receiver gets the packet.
    (returnLink ? ut : ns3::Ptr<SaginNetDevice>(this))->FireTransmitTraces(p, kind);
    m_channel->Deliver(
        returnLink ? ns3::Ptr<SaginNetDevice>(this) : ut, p, done - ns3::Simulator::Now() + prop);
}

void
SaginNetDevice::HarqFeedback(int terminal)
{
    m_harqWaiting[terminal].wakePending = false;
    m_harqReady.push_back(terminal);
    if (!m_busy)
    {
        StartTransmission();
    }
}

void
SaginNetDevice::TransmitComplete()
{
    m_busy = false;
    StartTransmission();
}

void
SaginNetDevice::DropPacket(ns3::Ptr<const ns3::Packet> packet, DropReason reason)
{
    m_dropTrace(packet, reason);
}

void
SaginNetDevice::Receive(ns3::Ptr<ns3::Packet> packet)
{
    // A packet that arrives at a node that failed while it was on its way is lost, unless the
    // routing already knows (then the node has no links and its routing drops it).
    if (m_state->Controller().Builder().FailedUnnoticed(m_worldNode,
                                                        -1,
                                                        ns3::Simulator::Now().GetSeconds(),
                                                        m_state->Controller().Snapshot().time_s))
    {
        DropPacket(packet, DropReason::FailedElement);
        return;
    }
    m_phyRxEndTrace(packet);
    m_snifferTrace(packet);
    m_promiscSnifferTrace(packet);
    if (!m_promiscCallback.IsNull())
    {
        m_promiscCallback(
            this, packet, ns3::Ipv4L3Protocol::PROT_NUMBER, m_address, m_address, PACKET_HOST);
    }
    m_macRxTrace(packet);
    m_rxCallback(this, packet, ns3::Ipv4L3Protocol::PROT_NUMBER, m_address);
}

void
SaginNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
SaginNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

ns3::Ptr<ns3::Channel>
SaginNetDevice::GetChannel() const
{
    return m_channel;
}

void
SaginNetDevice::SetAddress(ns3::Address address)
{
    m_address = ns3::Mac48Address::ConvertFrom(address);
}

ns3::Address
SaginNetDevice::GetAddress() const
{
    return m_address;
}

bool
SaginNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
SaginNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
SaginNetDevice::IsLinkUp() const
{
    return true;
}

void
SaginNetDevice::AddLinkChangeCallback(ns3::Callback<void>)
{
}

bool
SaginNetDevice::IsBroadcast() const
{
    return true;
}

ns3::Address
SaginNetDevice::GetBroadcast() const
{
    return ns3::Mac48Address("ff:ff:ff:ff:ff:ff");
}

bool
SaginNetDevice::IsMulticast() const
{
    return false;
}

ns3::Address
SaginNetDevice::GetMulticast(ns3::Ipv4Address) const
{
    return ns3::Mac48Address("01:00:5e:00:00:00");
}

ns3::Address
SaginNetDevice::GetMulticast(ns3::Ipv6Address) const
{
    return ns3::Mac48Address("33:33:00:00:00:00");
}

bool
SaginNetDevice::IsBridge() const
{
    return false;
}

bool
SaginNetDevice::IsPointToPoint() const
{
    return m_channel && m_channel->IsPointToPoint();
}

bool
SaginNetDevice::SendFrom(ns3::Ptr<ns3::Packet> packet,
                         const ns3::Address&,
                         const ns3::Address& dest,
                         uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

ns3::Ptr<ns3::Node>
SaginNetDevice::GetNode() const
{
    return m_node;
}

void
SaginNetDevice::SetNode(ns3::Ptr<ns3::Node> node)
{
    m_node = node;
}

bool
SaginNetDevice::NeedsArp() const
{
    return false;
}

void
SaginNetDevice::SetReceiveCallback(ns3::NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
SaginNetDevice::SetPromiscReceiveCallback(ns3::NetDevice::PromiscReceiveCallback cb)
{
    m_promiscCallback = cb;
}

bool
SaginNetDevice::SupportsSendFrom() const
{
    return true;
}

} // namespace sagin
