// The channel of sagin devices. Point-to-point (an optical ISL: exactly two devices) or
// point-to-multipoint (radio: every device of the radio links; a frame goes to one peer, the
// next hop, found by its world node and face).
#ifndef SAGIN_NET_SAGIN_CHANNEL_H
#define SAGIN_NET_SAGIN_CHANNEL_H

#include "routing/model/link-kind.h"

#include <ns3/channel.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>

#include <unordered_map>
#include <vector>

namespace sagin
{

class SaginNetDevice;

class SaginChannel : public ns3::Channel
{
  public:
    static ns3::TypeId GetTypeId();
    SaginChannel();

    void Attach(ns3::Ptr<SaginNetDevice> device);
    std::size_t GetNDevices() const override;
    ns3::Ptr<ns3::NetDevice> GetDevice(std::size_t i) const override;

    bool IsPointToPoint() const
    {
        return m_pointToPoint;
    }

    void SetPointToPoint(bool p2p)
    {
        m_pointToPoint = p2p;
    }

    /// The device of world node `node` on face `face` (radio), or the other end (point-to-point).
    ns3::Ptr<SaginNetDevice> Peer(const SaginNetDevice* from, int node, Face face) const;

    /// Delivers `packet` to `to` after `delay` (transmission plus propagation).
    void Deliver(ns3::Ptr<SaginNetDevice> to, ns3::Ptr<ns3::Packet> packet, ns3::Time delay);

  private:
    bool m_pointToPoint = false;
    std::vector<ns3::Ptr<SaginNetDevice>> m_devices;
    std::unordered_map<std::uint64_t, std::size_t> m_byNodeFace;
};

} // namespace sagin

#endif
