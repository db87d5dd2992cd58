// Packet tag from the routing protocol to the device: which neighbour (world node index) and
// which snapshot link the packet takes next, decided at which topology generation.
#ifndef SAGIN_NET_NEXT_HOP_TAG_H
#define SAGIN_NET_NEXT_HOP_TAG_H

#include <ns3/tag.h>

#include <cstdint>

namespace sagin
{

class NextHopTag : public ns3::Tag
{
  public:
    static ns3::TypeId GetTypeId();
    ns3::TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(ns3::TagBuffer i) const override;
    void Deserialize(ns3::TagBuffer i) override;
    void Print(std::ostream& os) const override;

    std::int32_t node = -1;          ///< next hop (world node index)
    std::int32_t link = -1;          ///< snapshot link to it
    std::uint32_t generation = 0;    ///< topology generation of the decision
    std::int64_t accessRttNs = 0;    ///< access round trip to the scheduler (service links)
    std::int32_t anchor = -1;        ///< node running the access stack of that link, or -1
    bool descended = false;          ///< arrives at the next hop's "descended" vertex
    /// At the origin only: the time the packet waits before its first transmission, the access
    /// stack of an origin that is the gNB of the first link (SaginNetDevice::Send waits it out
    /// and clears it).
    std::int64_t holdNs = 0;
};

} // namespace sagin

#endif
