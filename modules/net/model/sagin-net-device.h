// The network device of satellites, HAPS, UAVs, terminals, gateways and base stations on radio
// and optical links. It queues frames (drop-tail, with the standard's limit per link kind), sends
// one at a time at the current link rate to the next hop the router chose, with propagation delay =
// distance between the two ends at the start of the transmission / c, and drops (and counts) what
// the current topology cannot carry. On access (service) links it applies the standard's
// access-protocol timing. Fiber uses ns-3's own point-to-point device.
#ifndef SAGIN_NET_SAGIN_NET_DEVICE_H
#define SAGIN_NET_SAGIN_NET_DEVICE_H

#include "net/model/beam-queue.h"
#include "net/model/network-state.h"
#include "net/model/next-hop-tag.h"
#include "net/model/sagin-channel.h"
#include "routing/model/link-kind.h"

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <ns3/data-rate.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device.h>
#include <ns3/queue.h>
#include <ns3/traced-callback.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sagin
{

class SaginNetDevice : public ns3::NetDevice
{
  public:
    static ns3::TypeId GetTypeId();
    SaginNetDevice();
    ~SaginNetDevice() override;

    /// World node index, face, and the shared network state.
    void Setup(int worldNode, Face face, std::shared_ptr<NetworkState> state);
    void SetChannel(ns3::Ptr<SaginChannel> channel);

    int WorldNode() const
    {
        return m_worldNode;
    }

    Face GetFace() const
    {
        return m_face;
    }

    /// Spot beams with shared capacity on this satellite device: with ShellBeams::shared its
    /// forward service-link packets go through a BeamQueue instead of the device queue; with
    /// ShellBeams::returnShared its terminals' return packets go through a second one (the
    /// terminal's device hands them over: SendShared with returnLink).
    void SetSharedBeams(const ShellBeams* beams);

    /// The spot beams set by SetSharedBeams (null: none).
    const ShellBeams* GetSharedBeams() const
    {
        return m_sharedBeams;
    }
    /// The forward beam scheduler of SetSharedBeams, or null.
    ns3::Ptr<BeamQueue> GetBeamQueue() const
    {
        return m_beamQueue;
    }
    /// The return beam scheduler of SetSharedBeams, or null.
    ns3::Ptr<BeamQueue> GetReturnBeamQueue() const
    {
        return m_returnQueue;
    }

    /// A service-link packet of `terminal` into this satellite's forward (or return) beam
    /// scheduler: lost to a handover or an unnoticed failure, else queued at the terminal's
    /// beam (a grant-based uplink's return packet after `accessRttNs`). False when dropped.
    bool SendShared(ns3::Ptr<ns3::Packet> packet,
                    const SnapshotLink& link,
                    int terminal,
                    bool returnLink,
                    std::int64_t accessRttNs);

    /// Called by the channel when a frame arrives.
    void Receive(ns3::Ptr<ns3::Packet> packet);

    /// Signature of the Drop trace source: the packet and why the network dropped it.
    typedef void (*DropTracedCallback)(ns3::Ptr<const ns3::Packet> packet, DropReason reason);
    /// Signature of the LinkTxBegin trace source: the packet and its link's kind (LinkKind).
    typedef void (*LinkTxTracedCallback)(ns3::Ptr<const ns3::Packet> packet, int linkKind);

    // ns3::NetDevice
    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    ns3::Ptr<ns3::Channel> GetChannel() const override;
    void SetAddress(ns3::Address address) override;
    ns3::Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(ns3::Callback<void> callback) override;
    bool IsBroadcast() const override;
    ns3::Address GetBroadcast() const override;
    bool IsMulticast() const override;
    ns3::Address GetMulticast(ns3::Ipv4Address multicastGroup) const override;
    ns3::Address GetMulticast(ns3::Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(ns3::Ptr<ns3::Packet> packet,
              const ns3::Address& dest,
              uint16_t protocolNumber) override;
    bool SendFrom(ns3::Ptr<ns3::Packet> packet,
                  const ns3::Address& source,
                  const ns3::Address& dest,
                  uint16_t protocolNumber) override;
    ns3::Ptr<ns3::Node> GetNode() const override;
    void SetNode(ns3::Ptr<ns3::Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(ns3::NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(ns3::NetDevice::PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    /// The next hop of a packet (-1: none) and the index of the current link to it (-1: none).
    std::pair<int, int> NextHop(ns3::Ptr<const ns3::Packet> p, NextHopTag& hop) const;
    void StartTransmission();
    void TransmitComplete();
    /// The earliest HARQ feedback of a terminal arrived: its waiting packets may go.
    void HarqFeedback(int terminal);
    /// What the access protocol does with a packet about to be sent on a service link.
    enum class AccessOutcome
    {
        Send, ///< send after `extra`
        Lost, ///< HARQ gave up (or a block error without HARQ feedback)
        Wait, ///< every HARQ process of the terminal is busy: try again after `extra`
    };

    /// Extra access-protocol delay before a transmission on a service link that may not start
    /// before `earliestNs` (the end of a handover interruption).
    AccessOutcome AccessTiming(const SnapshotLink& link,
                               bool uplink,
                               std::int64_t accessRttNs,
                               std::int64_t earliestNs,
                               ns3::Time& extra);
    /// The forward (or return) beam scheduler sent the last bit of `packet` for `terminal` in
    /// the slot ending at `done`: it reaches the terminal (or this satellite) after propagation.
    void SharedDone(ns3::Ptr<ns3::Packet> packet,
                    int terminal,
                    ns3::Time firstBit,
                    ns3::Time done,
                    bool returnLink);
    /// Queues a service-link packet of `terminal` at its serving beam of the forward (or return)
    /// scheduler, at the efficiency of its SINR; false when it is dropped.
    bool EnqueueAtBeam(ns3::Ptr<ns3::Packet> packet, int terminal, bool returnLink);
    /// Fires the transmit trace sources for a packet this device sends on a link of `kind`.
    void FireTransmitTraces(ns3::Ptr<const ns3::Packet> packet, LinkKind kind);
    /// True when the packet is lost to a failed element the routing has not noticed yet.
    bool LostToFailure(int peerNode, const SnapshotLink& link) const;
    /// Counts a drop and fires the Drop trace source.
    void DropPacket(ns3::Ptr<const ns3::Packet> packet, DropReason reason);

    // Trace sources, named as ns-3's own devices name them (PointToPointNetDevice).
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_macTxTrace;     ///< accepted from IP
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_macTxDropTrace; ///< refused: queue full
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_macRxTrace;     ///< passed up to IP
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_phyTxBeginTrace;
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>, int> m_linkTxBeginTrace;
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_phyRxEndTrace;
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_snifferTrace;        ///< pcap
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>> m_promiscSnifferTrace; ///< pcap
    ns3::TracedCallback<ns3::Ptr<const ns3::Packet>, DropReason> m_dropTrace;

    int m_worldNode = -1;
    Face m_face = Face::Down;
    std::shared_ptr<NetworkState> m_state;
    ns3::Ptr<ns3::Node> m_node;
    ns3::Ptr<SaginChannel> m_channel;
    ns3::Ptr<ns3::Queue<ns3::Packet>> m_queue;
    ns3::Mac48Address m_address;
    uint32_t m_ifIndex = 0;
    uint16_t m_mtu = 1500;
    bool m_busy = false;
    /// access_timing.harq: per terminal, the packets that wait for one of its HARQ processes
    /// (with their queue bucket; counted in m_queued), in order, and whether its earliest
    /// feedback is scheduled; the terminals whose feedback arrived, in arrival order.
    struct HarqWaiting
    {
        std::deque<std::pair<ns3::Ptr<ns3::Packet>, std::uint8_t>> packets;
        bool wakePending = false;
    };

    std::map<int, HarqWaiting> m_harqWaiting;
    std::deque<int> m_harqReady;
    /// access_timing.harq: per terminal, when each busy HARQ process of this device's direction
    /// gets its feedback (ns; a min-heap of at most `processes` entries).
    std::unordered_map<int, std::vector<std::int64_t>> m_harqBusyUntil;
    /// Packets waiting in m_queue per link kind (last: no current link), and each one's kind in
    /// queue order.
    std::array<std::uint32_t, kLinkKindCount + 1> m_queued{};
    std::deque<std::uint8_t> m_queuedBucket;
    // Shared capacity: the satellite's beams and each terminal's serving beam and efficiency
    // (bit/s/Hz) at a topology generation.
    const ShellBeams* m_sharedBeams = nullptr;
    ns3::Ptr<BeamQueue> m_beamQueue;
    struct ServingBeam
    {
        std::uint32_t generation;
        int beam;
        double efficiency;
    };
    std::map<int, ServingBeam> m_servingBeam;
    ns3::Ptr<BeamQueue> m_returnQueue;
    std::map<int, ServingBeam> m_servingReturnBeam;
    ns3::NetDevice::ReceiveCallback m_rxCallback;
    ns3::NetDevice::PromiscReceiveCallback m_promiscCallback;
};

} // namespace sagin

#endif
