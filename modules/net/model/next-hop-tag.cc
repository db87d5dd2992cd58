#include "net/model/next-hop-tag.h"

namespace sagin
{

ns3::TypeId
NextHopTag::GetTypeId()
{
    static ns3::TypeId tid = ns3::TypeId("sagin::NextHopTag")
                                 .SetParent<ns3::Tag>()
                                 .SetGroupName("Sagin")
                                 .AddConstructor<NextHopTag>();
    return tid;
}

ns3::TypeId
NextHopTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
NextHopTag::GetSerializedSize() const
{
    return 33;
}

void
NextHopTag::Serialize(ns3::TagBuffer i) const
{
    i.WriteU32(static_cast<uint32_t>(node));
    i.WriteU32(static_cast<uint32_t>(link));
    i.WriteU32(generation);
    i.WriteU64(static_cast<uint64_t>(accessRttNs));
    i.WriteU32(static_cast<uint32_t>(anchor));
    i.WriteU8(descended ? 1 : 0);
    i.WriteU64(static_cast<uint64_t>(holdNs));
}

void
NextHopTag::Deserialize(ns3::TagBuffer i)
{
    node = static_cast<std::int32_t>(i.ReadU32());
    link = static_cast<std::int32_t>(i.ReadU32());
    generation = i.ReadU32();
    accessRttNs = static_cast<std::int64_t>(i.ReadU64());
    anchor = static_cast<std::int32_t>(i.ReadU32());
    descended = i.ReadU8() != 0;
    holdNs = static_cast<std::int64_t>(i.ReadU64());
}

void
NextHopTag::Print(std::ostream& os) const
{
    os << "next=" << node << " link=" << link << " gen=" << generation;
}

} // namespace sagin
