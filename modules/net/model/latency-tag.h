// Where a packet's time went, carried on the packet itself: every interval between its creation
// and its arrival is attributed to exactly one category, so the categories add up to the
// measured one-way delay. Devices attribute transmission + propagation to the link's category
// (access for service links, feeder, isl, air for air_space/air_ground, terrestrial for fiber)
// and waiting before a transmission to queueing; access-protocol timing (slot alignment,
// grant, HARQ) goes to access; routers add their processing delay to processing.
#ifndef SAGIN_NET_LATENCY_TAG_H
#define SAGIN_NET_LATENCY_TAG_H

#include "routing/model/link-kind.h"

#include <ns3/nstime.h>
#include <ns3/tag.h>

#include <array>
#include <cstdint>

namespace sagin
{

enum class LatencyCategory : std::uint8_t
{
    Access,
    Feeder,
    Isl,
    Air,
    Terrestrial,
    Processing,
    Queueing,
};

constexpr int kLatencyCategoryCount = 7;

const char* LatencyCategoryName(LatencyCategory c);
LatencyCategory CategoryOf(LinkKind kind);

class LatencyTag : public ns3::Tag
{
  public:
    static ns3::TypeId GetTypeId();
    ns3::TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(ns3::TagBuffer i) const override;
    void Deserialize(ns3::TagBuffer i) override;
    void Print(std::ostream& os) const override;

    /// Attributes the time from `accounted` to `until` to category `c`, and moves `accounted`.
    void Attribute(LatencyCategory c, std::int64_t untilNs);

    std::int64_t createdNs = 0;   ///< when the packet left its application
    std::int64_t accountedNs = 0; ///< everything before this instant is attributed
    std::array<std::int64_t, kLatencyCategoryCount> ns{};
};

} // namespace sagin

#endif
